"""A caseworker opens a case, records a rejection without appeal, sees the
departure deadline with its explanation, suspends and extends it and sees it
move, and closes the case; every page and change audited; other roles refused."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from openopvang.accounts.models import Role
from openopvang.audit.models import AuditEvent
from openopvang.casework import services
from openopvang.casework.models import Case, SituationCode
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text

D = datetime.date
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def caseworker(municipality):
    return factories.UserFactory(
        username="casework",
        first_name="Cas",
        last_name="Werker",
        organisation=municipality,
        role=Role.CASEWORKER,
    )


@pytest.fixture
def cw_client(client, caseworker):
    client.force_login(caseworker)
    return client


@pytest.fixture
def person(municipality):
    return factories.PersonFactory(
        municipality=municipality, given_names="Chidi", family_name="Okafor", nationality="NG"
    )


def open_case(cw_client, person, **overrides):
    data = {
        "person": person.pk,
        "opened_on": "2024-03-01",
        "caseworker": "",
        "code": SituationCode.PROTECTED,
        "start_date": "2024-03-01",
        "decision_reference": "",
        "reason": "Registered in the BRP before 19 July 2022.",
        **overrides,
    }
    return cw_client.post("/casework/cases/new/", data, **EN)


def test_a_caseworker_records_a_rejection_and_sees_the_departure_deadline(cw_client, person):
    response = open_case(cw_client, person)
    case = Case.objects.get(person=person)
    assert response.status_code == 302 and response["Location"] == f"/casework/cases/{case.pk}/"

    response = cw_client.post(
        f"/casework/cases/{case.pk}/situation/",
        {
            "code": SituationCode.REJECTED_NO_APPEAL,
            "start_date": "2024-11-27",
            "decision_reference": "IND 2024-123456",
            "reason": "Asylum application rejected; no appeal lodged.",
        },
        **EN,
    )
    assert response.status_code == 302
    page = page_text(cw_client.get(f"/casework/cases/{case.pk}/", **EN))
    assert "Asylum rejected, no appeal since 27 November 2024" in page
    assert "Legal deadline: 27 December 2024" in page
    assert (
        "The term ends on 25 December 2024, which is not a working day; under the Algemene "
        "termijnenwet it moves past 25 December 2024 (Eerste kerstdag), 26 December 2024 "
        "(Tweede kerstdag) to 27 December 2024." in page
    )
    assert "Reminder on 20 December 2024." in page
    # the history keeps the first situation, ended the day before the change
    assert "Protected (temporary protection) 1 March 2024 to 26 November 2024" in page
    assert "IND 2024-123456" in page and "Cas Werker" in page
    # what the situation gives
    assert "Leefgeld limited Only while the right to municipal reception lasts." in page
    assert "Work without a work permit no" in page

    deadline = case.deadlines.get(closed_on__isnull=True)
    response = cw_client.post(
        f"/casework/deadlines/{deadline.pk}/suspend/",
        {
            "start_date": "2024-12-01",
            "end_date": "2024-12-10",
            "decision_reference": "Rb Den Haag vovo",
            "reason": "Interim measure",
        },
        **EN,
    )
    assert response.status_code == 302
    page = page_text(cw_client.get(f"/casework/cases/{case.pk}/", **EN))
    # 25 December + 10 days = 4 January 2025, a Saturday: moves to Monday 6 January
    assert "Legal deadline: 6 January 2025" in page
    assert "The clock stood still for 10 days; the deadline moved by as much." in page
    assert "4 January 2025 (Saturday), 5 January 2025 (Sunday)" in page

    cw_client.post(
        f"/casework/deadlines/{deadline.pk}/extend/",
        {"days": "7", "decision_reference": "", "reason": "Travel documents requested"},
        **EN,
    )
    page = page_text(cw_client.get(f"/casework/cases/{case.pk}/", **EN))
    assert "Legal deadline: 13 January 2025" in page
    assert "Extended by 7 days." in page and "7 days: Travel documents requested" in page

    events = AuditEvent.objects.filter(object_type__startswith="casework.")
    assert {
        ("create", "casework.Situation"),
        ("create", "casework.Suspension"),
        ("create", "casework.Extension"),
        ("update", "casework.Deadline"),
        ("view", "casework.Case"),
    } <= set(events.values_list("action", "object_type"))
    view = events.filter(action="view", object_type="casework.Case").last()
    assert f" registry.Person:{person.pk} " in view.shown


def test_an_open_suspension_stops_the_clock_until_it_is_ended(cw_client, person, caseworker):
    case = services.open_case(
        caseworker,
        person,
        opened_on=D(2024, 3, 1),
        code=SituationCode.NO_RIGHT,
        start_date=D(2024, 3, 5),
        reason="Protection ended",
        decision_reference="RvS 17 jan 2024",
    )
    deadline = case.deadlines.get()
    assert deadline.legal_deadline == D(2024, 4, 2)
    suspension = services.suspend_deadline(
        caseworker, deadline, start_date=D(2024, 3, 20), end_date=None, reason="Court order"
    )
    page = page_text(cw_client.get(f"/casework/cases/{case.pk}/", **EN))
    assert "Legal deadline: none while the clock stands still" in page
    assert "The clock has stood still since 20 March 2024" in page
    response = cw_client.post(
        f"/casework/suspensions/{suspension.pk}/end/", {"end_date": "2024-03-29"}, **EN
    )
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert (deadline.clock_stopped, deadline.legal_deadline) == (False, D(2024, 4, 12))


def test_one_open_case_per_person(cw_client, person, caseworker):
    open_case(cw_client, person)
    # the form no longer offers the person
    page = cw_client.get("/casework/cases/new/", **EN).content.decode()
    assert ">Chidi Okafor<" not in page
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(
            municipality=person.municipality, person=person, opened_on=D(2024, 4, 1)
        )
    case = Case.objects.get(person=person)
    services.close_case(caseworker, case, closed_on=D(2024, 5, 1), reason="departed_iom")
    assert (
        open_case(cw_client, person, opened_on="2024-06-01", start_date="2024-06-01").status_code
        == 302
    )
    assert Case.objects.filter(person=person).count() == 2


def test_a_situation_change_must_follow_the_current_one(cw_client, person):
    open_case(cw_client, person)
    case = Case.objects.get(person=person)
    response = cw_client.post(
        f"/casework/cases/{case.pk}/situation/",
        {"code": SituationCode.NO_RIGHT, "start_date": "2024-02-01", "reason": "x"},
        **EN,
    )
    assert response.status_code == 200
    assert "The situation cannot start before the case was opened." in page_text(response)
    assert case.situations.count() == 1


def test_closing_a_case_ends_its_deadlines(cw_client, person):
    open_case(
        cw_client,
        person,
        code=SituationCode.ASYLUM_PENDING,
        start_date="2023-07-24",
        opened_on="2023-07-24",
    )
    case = Case.objects.get(person=person)
    assert case.deadlines.get().target_date == D(2023, 10, 16)
    response = cw_client.post(
        f"/casework/cases/{case.pk}/close/",
        {"closed_on": "2023-10-02", "closure_reason": "transferred_coa", "closure_note": ""},
        **EN,
    )
    assert response.status_code == 302
    page = page_text(cw_client.get(f"/casework/cases/{case.pk}/", **EN))
    assert "Closed on 2 October 2023: Transferred to COA" in page
    assert "no longer applies from 2 October 2023" in page


def test_the_case_page_in_dutch_formats_dates_the_dutch_way(cw_client, person, caseworker):
    case = services.open_case(
        caseworker,
        person,
        opened_on=D(2026, 3, 30),
        code=SituationCode.NO_RIGHT,
        start_date=D(2026, 3, 30),
        reason="Terugkeerbesluit",
    )
    page = page_text(cw_client.get(f"/casework/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="nl"))
    assert "28 april 2026" in page and "27 april 2026 (Koningsdag)" in page


@pytest.mark.parametrize("role,status", [(Role.FINANCE, 403), (Role.NGO_WORKER, 404)])
def test_other_roles_do_not_see_casework(client, municipality, person, caseworker, role, status):
    case = services.open_case(
        caseworker,
        person,
        opened_on=D(2024, 3, 1),
        code=SituationCode.PROTECTED,
        start_date=D(2024, 3, 1),
        reason="x",
    )
    organisation = municipality if role == Role.FINANCE else factories.NgoFactory(code="NGO-X")
    client.force_login(
        factories.UserFactory(username="other", organisation=organisation, role=role)
    )
    assert client.get("/casework/").status_code == status
    assert client.get(f"/casework/cases/{case.pk}/").status_code in (403, 404)


def test_an_outsider_cannot_record_a_situation(outsider, person, caseworker):
    from django.core.exceptions import PermissionDenied

    case = services.open_case(
        caseworker,
        person,
        opened_on=D(2024, 3, 1),
        code=SituationCode.PROTECTED,
        start_date=D(2024, 3, 1),
        reason="x",
    )
    with pytest.raises(PermissionDenied):
        services.record_situation(
            outsider, case, code=SituationCode.NO_RIGHT, start_date=D(2024, 4, 1), reason="x"
        )
    assert case.situations.count() == 1
