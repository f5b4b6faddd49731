"""Victims for the project-wide isolation walk (core/testing/isolation.py):
one record of every routed allowances model, owned by the victim municipality.
Importing this module registers them."""

import datetime
from decimal import Decimal

from openopvang.core.testing.isolation import victim

D = datetime.date


@victim("allowances.PaymentRun")
def _payment_run(v):
    from openopvang.allowances.models import PaymentRun

    return PaymentRun.objects.create(
        municipality=v["municipality"],
        month=D(2024, 3, 1),
        status="approved",
        execution_date=D(2024, 3, 1),
        recompute_from=D(2024, 3, 1),
        total=Decimal("10.00"),
    )


@victim("allowances.MunicipalPolicy")
def _policy(v):
    from openopvang.allowances.models import MunicipalPolicy

    return MunicipalPolicy.objects.create(municipality=v["municipality"])


@victim("allowances.EigenBijdrageReduction")
def _reduction(v):
    from openopvang.allowances.models import EigenBijdrageReduction

    return EigenBijdrageReduction.objects.create(
        municipality=v["municipality"],
        household=v["registry.Household"],
        month=D(2024, 9, 1),
        amount=Decimal("10.00"),
        reason="Victimenko arrangement",
    )
