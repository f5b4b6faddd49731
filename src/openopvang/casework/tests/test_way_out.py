"""The way out of municipal reception: a COA transfer that a blocker stops, a
departure with the return support a household can get, and the eviction
procedure whose steps cannot be skipped."""

import datetime

import pytest

from openopvang.accounts.models import Role
from openopvang.audit.models import AuditEvent
from openopvang.casework import services
from openopvang.casework.models import (
    Case,
    ClosureReason,
    DepartureKind,
    EvictionStepCode,
    SituationCode,
    Transfer,
    TransferStatus,
)
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text

D = datetime.date
NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def caseworker(municipality):
    return factories.UserFactory(
        username="casework", organisation=municipality, role=Role.CASEWORKER
    )


@pytest.fixture
def cw_client(client, caseworker):
    client.force_login(caseworker)
    return client


def _case(caseworker, code, start, **person):
    person = factories.PersonFactory(
        municipality=caseworker.organisation,
        given_names=person.get("given_names", "Chidi"),
        family_name=person.get("family_name", "Okafor"),
        birth_date=person.get("birth_date", D(1990, 5, 1)),
        nationality="NG",
    )
    return services.open_case(
        caseworker,
        person,
        opened_on=start,
        code=code,
        start_date=start,
        reason="Recorded for the test.",
    )


def test_a_hospital_stay_blocks_the_transfer_until_it_ends(cw_client, caseworker):
    case = _case(caseworker, SituationCode.ASYLUM_PENDING, D(2024, 3, 1))
    url = f"/casework/cases/{case.pk}/"

    response = cw_client.post(url + "transfer/", {"requested_on": "2024-03-04", "note": ""}, **EN)
    assert response.status_code == 302
    transfer = Transfer.objects.get(case=case)
    cw_client.post(
        f"/casework/transfers/{transfer.pk}/offer/",
        {"offered_on": "2024-04-10", "coa_location": "AZC Ter Apel"},
        **EN,
    )
    cw_client.post(
        url + "blockers/",
        {"kind": "hospital", "start_date": "2024-04-12", "end_date": "", "note": "UMCG"},
        **EN,
    )

    refused = cw_client.post(
        f"/casework/transfers/{transfer.pk}/complete/", {"transferred_on": "2024-04-15"}, **EN
    )
    assert refused.status_code == 200
    assert "The transfer is blocked on 15-04-2024: In hospital since 12-04-2024." in page_text(
        refused
    )
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.OFFERED

    blocker = case.blockers.get()
    cw_client.post(f"/casework/blockers/{blocker.pk}/end/", {"end_date": "2024-04-16"}, **EN)
    done = cw_client.post(
        f"/casework/transfers/{transfer.pk}/complete/", {"transferred_on": "2024-04-17"}, **EN
    )
    assert done.status_code == 302
    case.refresh_from_db()
    assert (case.closed_on, case.closure_reason) == (D(2024, 4, 17), ClosureReason.TRANSFERRED_COA)
    assert case.closure_note == "AZC Ter Apel"
    page = page_text(cw_client.get(url, **EN))
    assert "AZC Ter Apel" in page and "Transferred" in page
    assert AuditEvent.objects.filter(object_type="casework.Transfer").count() >= 3


def test_a_transfer_is_only_for_a_pending_asylum_application(cw_client, caseworker):
    case = _case(caseworker, SituationCode.NO_RIGHT, D(2024, 3, 5))
    response = cw_client.post(
        f"/casework/cases/{case.pk}/transfer/", {"requested_on": "2024-03-06", "note": ""}, **EN
    )
    assert response.status_code == 200
    assert "A COA transfer is for a person whose asylum application is pending." in page_text(
        response
    )
    assert not Transfer.objects.exists()


def test_the_case_page_shows_what_iom_and_dtv_give_the_household(cw_client, caseworker):
    case = _case(caseworker, SituationCode.NO_RIGHT, D(2023, 6, 1), birth_date=D(1985, 1, 1))
    mother = case.person
    son = factories.PersonFactory(
        municipality=mother.municipality, given_names="Emeka", birth_date=D(2012, 2, 2)
    )
    household = factories.HouseholdFactory(municipality=mother.municipality)
    for person in (mother, son):
        factories.MembershipFactory(household=household, person=person, start_date=D(2023, 1, 1))
    services.plan_departure(
        caseworker,
        case,
        kind=DepartureKind.DTV,
        planned_on=D(2023, 7, 10),
        dtv_registered_on=D(2023, 6, 15),
    )

    page = page_text(cw_client.get(f"/casework/cases/{case.pk}/", **NL))
    # IOM: 1.800 (adult) + 2.800 (son, 11 on 10 July 2023) = 4.600
    assert "€ 1.800,00" in page and "€ 2.800,00" in page and "€ 4.600,00" in page
    # DT&V, registered 15 June 2023: 2 × 5.000, departure by 15 July 2023
    assert "€ 10.000,00" in page
    assert "15 juli 2023" in page


def test_a_departure_closes_the_case_the_way_the_person_left(caseworker):
    case = _case(caseworker, SituationCode.NO_RIGHT, D(2024, 3, 5))
    departure = services.plan_departure(
        caseworker, case, kind=DepartureKind.IOM, planned_on=D(2024, 3, 20)
    )
    services.record_departure(caseworker, departure, departed_on=D(2024, 3, 21))
    case.refresh_from_db()
    assert (case.closed_on, case.closure_reason) == (D(2024, 3, 21), ClosureReason.DEPARTED_IOM)


def _step(caseworker, case, step, day):
    return services.record_eviction_step(
        caseworker, case, step=step, done_on=day, note="Done.", reference=""
    )


def test_eviction_steps_follow_the_vng_order_and_start_only_after_the_term(cw_client, caseworker):
    from django.core.exceptions import ValidationError

    case = _case(caseworker, SituationCode.NO_RIGHT, D(2024, 3, 5))
    deadline = case.deadlines.get()
    after = deadline.legal_deadline + datetime.timedelta(days=1)

    with pytest.raises(ValidationError, match="has not indisputably ended"):
        _step(caseworker, case, EvictionStepCode.RIGHT_ENDED, deadline.legal_deadline)
    with pytest.raises(ValidationError, match="First record"):
        _step(caseworker, case, EvictionStepCode.INFORMED, after)

    _step(caseworker, case, EvictionStepCode.RIGHT_ENDED, after)
    with pytest.raises(ValidationError, match="this one comes after"):
        _step(caseworker, case, EvictionStepCode.INFORMED, deadline.legal_deadline)

    page = page_text(cw_client.get(f"/casework/cases/{case.pk}/", **EN))
    assert "Record: The person has been informed in writing" in page

    for offset, step in enumerate(
        [
            EvictionStepCode.INFORMED,
            EvictionStepCode.HELP_OFFERED,
            EvictionStepCode.DTV_INVOLVED,
            EvictionStepCode.POLICE_INVOLVED,
        ],
        start=1,
    ):
        _step(caseworker, case, step, after + datetime.timedelta(days=offset))
    response = cw_client.post(
        f"/casework/cases/{case.pk}/eviction/",
        {
            "done_on": (after + datetime.timedelta(days=9)).isoformat(),
            "reference": "",
            "note": "With police.",
        },
        **EN,
    )
    assert response.status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert case.closure_reason == ClosureReason.UNKNOWN_DESTINATION
    assert case.eviction_steps.count() == 6


def test_a_suspended_departure_term_keeps_the_eviction_closed(caseworker):
    from django.core.exceptions import ValidationError

    case = _case(caseworker, SituationCode.NO_RIGHT, D(2024, 3, 5))
    deadline = case.deadlines.get()
    services.suspend_deadline(
        caseworker,
        deadline,
        start_date=D(2024, 3, 10),
        end_date=None,
        reason="Interim measure of the court.",
    )
    with pytest.raises(ValidationError, match="has not indisputably ended"):
        _step(caseworker, case, EvictionStepCode.RIGHT_ENDED, D(2024, 6, 1))
