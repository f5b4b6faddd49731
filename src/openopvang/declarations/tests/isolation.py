"""Victims for the project-wide isolation walk (core/testing/isolation.py):
one record of every routed declarations model, owned by the victim
municipality (the parameter value's victim is in parameters/tests/isolation.py).
Importing this module registers them."""

import datetime
from decimal import Decimal

from openopvang.core.testing.isolation import victim

D = datetime.date


@victim("declarations.CostLine")
def _cost_line(v):
    from openopvang.declarations.models import CostLine

    return CostLine.objects.create(
        municipality=v["municipality"],
        year=2024,
        category="transition",
        amount=Decimal("10.00"),
        description="Victimenko verbouwing",
    )


@victim("declarations.AdvanceRequest")
def _advance(v):
    from openopvang.declarations.models import AdvanceRequest

    return AdvanceRequest.objects.create(
        municipality=v["municipality"], year=2024, amount=Decimal("10.00"), note="Victimenko"
    )


@victim("declarations.Declaration")
def _declaration(v):
    from openopvang.declarations.figures import compute
    from openopvang.declarations.models import Declaration

    data = compute(v["municipality"], 2024)
    return Declaration.objects.create(
        municipality=v["municipality"],
        year=2024,
        version=1,
        total=data.total,
        scenario=data.scenario,
        result=data.result,
        parameters=data.parameters,
        sources=data.sources,
    )
