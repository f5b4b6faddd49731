"""Victims for the project-wide isolation walk (core/testing/isolation.py):
an administrator's parameter value. Importing this module registers it."""

import datetime

from openopvang.core.testing.isolation import victim

D = datetime.date


@victim("parameters.ParameterOverride")
def _parameter(v):
    from openopvang.parameters.models import ParameterOverride

    # The file's own 2022 value again: changes no figure.
    return ParameterOverride.objects.create(
        name="booo.goo.normbedrag_per_place_day",
        start=D(2022, 3, 1),
        value="100.00",
        publication="Stcrt. 2022, 27515",
        article="BooO art. 2 lid 1 sub a",
    )


@victim("parameters.ParameterLoad")
def _load(v):
    from openopvang.parameters.models import ParameterLoad

    return ParameterLoad.objects.create(file_name="2026.yaml", values=[])
