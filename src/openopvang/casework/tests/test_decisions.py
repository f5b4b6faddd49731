"""Decisions on a case: a municipal decision takes effect only after a second
officer approves it; corrections and withdrawals never overwrite."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from openopvang.accounts.models import Role
from openopvang.casework import services
from openopvang.casework.models import Decision, DecisionKind, DecisionStatus, SituationCode
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text

D = datetime.date
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def officers(municipality):
    return [
        factories.UserFactory(
            username=name, first_name=name, organisation=municipality, role=Role.CASEWORKER
        )
        for name in ("Anna", "Bram")
    ]


@pytest.fixture
def case(officers):
    person = factories.PersonFactory(municipality=officers[0].organisation, nationality="NG")
    return services.open_case(
        officers[0],
        person,
        opened_on=D(2024, 3, 1),
        code=SituationCode.NO_RIGHT,
        start_date=D(2024, 3, 5),
        reason="Protection ended.",
    )


def test_a_municipal_decision_waits_for_a_second_officer(client, officers, case):
    anna, bram = officers
    client.force_login(anna)
    response = client.post(
        f"/casework/cases/{case.pk}/decisions/",
        {
            "kind": DecisionKind.END_OF_RECEPTION,
            "reference": "GM-2024-17",
            "decided_on": "2024-04-03",
            "summary": "Reception ends after the departure term.",
        },
        **EN,
    )
    assert response.status_code == 302
    decision = Decision.objects.get(case=case)
    assert decision.status == DecisionStatus.AWAITING_APPROVAL

    # Anna recorded it: she gets no approve button, and approving is refused.
    page = page_text(client.get(f"/casework/cases/{case.pk}/", **EN))
    assert "GM-2024-17" in page and "Awaiting a second officer" in page
    assert "Approve the decision" not in page
    refused = client.post(f"/casework/decisions/{decision.pk}/approve/", {}, **EN)
    assert "Four eyes: you recorded this decision" in page_text(refused)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.AWAITING_APPROVAL

    client.force_login(bram)
    assert client.post(f"/casework/decisions/{decision.pk}/approve/", {}, **EN).status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.approved_by) == (DecisionStatus.IN_FORCE, bram)
    assert "Approved by Bram" in page_text(client.get(f"/casework/cases/{case.pk}/", **EN))


def test_an_ind_decision_is_in_force_at_once(officers, case):
    decision = services.record_decision(
        officers[0],
        case,
        kind=DecisionKind.RETURN,
        reference="IND 2024-123456",
        decided_on=D(2024, 3, 5),
        summary="Return decision, 28 days.",
    )
    assert decision.status == DecisionStatus.IN_FORCE and decision.approved_by is None


def test_a_correction_keeps_the_original_and_needs_approval_again(officers, case):
    anna, bram = officers
    original = services.record_decision(
        anna,
        case,
        kind=DecisionKind.END_OF_RECEPTION,
        reference="GM-2024-17",
        decided_on=D(2024, 4, 3),
        summary="Reception ends on 1 May.",
    )
    services.approve_decision(bram, original)
    correction = services.correct_decision(
        bram, original, reference="GM-2024-17a", decided_on=D(2024, 4, 5), summary="Ends 8 May."
    )
    original.refresh_from_db()
    assert original.status == DecisionStatus.CORRECTED
    assert original.summary == "Reception ends on 1 May."  # never overwritten
    assert correction.corrects == original
    assert correction.status == DecisionStatus.AWAITING_APPROVAL
    with pytest.raises(ValidationError, match="This decision is corrected"):
        services.withdraw_decision(anna, original, withdrawn_on=D(2024, 4, 6), reason="x")
    services.approve_decision(anna, correction)
    services.withdraw_decision(
        anna, correction, withdrawn_on=D(2024, 4, 9), reason="Annulled by the court."
    )
    correction.refresh_from_db()
    assert (correction.status, correction.withdrawn_on) == (DecisionStatus.WITHDRAWN, D(2024, 4, 9))


def test_the_database_refuses_self_approval_and_an_unapproved_municipal_decision(officers, case):
    anna = officers[0]
    decision = services.record_decision(
        anna,
        case,
        kind=DecisionKind.MUNICIPAL_OTHER,
        reference="GM-1",
        decided_on=D(2024, 4, 3),
        summary="Something.",
    )
    with transaction.atomic(), pytest.raises(IntegrityError):
        Decision.objects.filter(pk=decision.pk).update(approved_by=anna)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Decision.objects.filter(pk=decision.pk).update(status=DecisionStatus.IN_FORCE)
