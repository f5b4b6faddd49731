"""Victims for the project-wide isolation walk: one record of every routed
casework model, owned by the victim municipality."""

import datetime

from openopvang.core.testing.isolation import victim

from .. import services
from ..models import Case, SituationCode, Suspension

D = datetime.date


@victim("casework.Case")
def _case(v):
    case = services.open_case(
        v["owner"],
        v["registry.Person"],
        opened_on=D(2024, 1, 2),
        code=SituationCode.NO_RIGHT,
        start_date=D(2024, 3, 5),
        decision_reference="RvS 17 januari 2024",
        reason="Victimenko: protection ended",
    )
    return Case.objects.get(pk=case.pk)


@victim("casework.Situation")
def _situation(v):
    return v["casework.Case"].situations.get()


@victim("casework.Deadline")
def _deadline(v):
    return v["casework.Case"].deadlines.get()


@victim("casework.Suspension")
def _suspension(v):
    services.suspend_deadline(
        v["owner"],
        v["casework.Deadline"],
        start_date=D(2024, 3, 10),
        end_date=None,
        reason="Victimenko: interim measure",
    )
    return Suspension.objects.get(deadline=v["casework.Deadline"])
