"""Victims for the project-wide isolation walk: one record of every routed
casework model, owned by the victim municipality."""

import datetime

from openopvang.core.testing.isolation import victim

from .. import services
from ..models import (
    BlockerKind,
    Case,
    DecisionKind,
    DepartureKind,
    EvictionStep,
    EvictionStepCode,
    SavedFilter,
    SituationCode,
    Suspension,
    Transfer,
)

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


@victim("casework.Transfer")
def _transfer(v):
    # Made directly: the victim case's situation (no right) would refuse a request.
    return Transfer.objects.create(
        case=v["casework.Case"], requested_on=D(2024, 3, 6), recorded_by=v["owner"]
    )


@victim("casework.TransferBlocker")
def _blocker(v):
    return services.add_transfer_blocker(
        v["owner"],
        v["casework.Case"],
        kind=BlockerKind.HOSPITAL,
        start_date=D(2024, 3, 7),
        end_date=None,
        note="Victimenko: in hospital",
    )


@victim("casework.Departure")
def _departure(v):
    return services.plan_departure(
        v["owner"], v["casework.Case"], kind=DepartureKind.IOM, planned_on=D(2024, 4, 1)
    )


@victim("casework.Decision")
def _decision(v):
    return services.record_decision(
        v["owner"],
        v["casework.Case"],
        kind=DecisionKind.END_OF_RECEPTION,
        reference="Victimenko 2024-1",
        decided_on=D(2024, 4, 3),
        summary="Victimenko: reception ends.",
    )


@victim("casework.EvictionStep")
def _eviction_step(v):
    # Made directly: the checklist's first step needs the term to have ended.
    return EvictionStep.objects.create(
        case=v["casework.Case"],
        step=EvictionStepCode.RIGHT_ENDED,
        done_on=D(2024, 6, 1),
        note="Victimenko: term ended",
        recorded_by=v["owner"],
    )


@victim("casework.SavedFilter")
def _saved_filter(v):
    return SavedFilter.objects.create(user=v["owner"], name="Victimenko", query="q=Victimenko")
