"""The casework API's writes do what the web forms do, through the same
services: open, assign and close a case (with If-Match against a stale
read), record a situation change, suspend, end a suspension and extend a
deadline (the dates move as hand-computed), and record, approve, correct and
withdraw decisions; other roles and other municipalities get nothing."""

import datetime

import pytest
from rest_framework.test import APIClient

from openopvang.accounts.models import Role
from openopvang.audit.models import AuditEvent
from openopvang.casework.models import Case, DecisionStatus, SituationCode
from openopvang.core.testing import factories

from .test_work_lists import make_case

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def caseworker(municipality):
    return factories.UserFactory(username="cw-api", organisation=municipality, role=Role.CASEWORKER)


@pytest.fixture
def api(caseworker):
    client = APIClient()
    client.force_authenticate(caseworker)
    return client


def _as(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_open_assign_and_close_a_case(api, caseworker, coordinator, municipality):
    person = factories.PersonFactory(municipality=municipality, nationality="MA")
    made = api.post(
        "/api/v1/cases/",
        {
            "person": person.pk,
            "opened_on": "2024-03-05",
            "code": "no_right",
            "start_date": "2024-03-05",
            "reason": "Protection ended; RvS ruling.",
            "decision_reference": "ECLI:NL:RVS:2024:150",
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["current_situation"], body["next_due"]) == ("no_right", "2024-04-02")
    assert made["ETag"] == '"1"'
    case = Case.objects.get(pk=body["id"])
    assert AuditEvent.objects.filter(channel="api", action="create").exists()

    # a second open case for the same person is refused
    again = api.post(
        "/api/v1/cases/",
        {
            "person": person.pk,
            "opened_on": "2024-03-06",
            "code": "no_right",
            "start_date": "2024-03-06",
            "reason": "again",
        },
        format="json",
    )
    assert again.status_code == 400

    assigned = api.patch(
        f"/api/v1/cases/{case.pk}/",
        {"caseworker": coordinator.pk},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert assigned.status_code == 200, assigned.content
    assert assigned.json()["caseworker"] == coordinator.pk and assigned["ETag"] == '"2"'

    # closing on the version read before the assignment: 412, nothing stored
    stale = api.post(
        f"/api/v1/cases/{case.pk}/close/",
        {"closed_on": "2024-04-10", "closure_reason": "departed_iom"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert stale.status_code == 412
    assert Case.objects.get(pk=case.pk).closed_on is None

    closed = api.post(
        f"/api/v1/cases/{case.pk}/close/",
        {"closed_on": "2024-04-10", "closure_reason": "departed_iom"},
        format="json",
        HTTP_IF_MATCH='"2"',
    )
    assert closed.status_code == 200, closed.content
    assert closed.json()["closed_on"] == "2024-04-10" and closed["ETag"] == '"3"'
    assert api.get(f"/api/v1/case-deadlines/?case={case.pk}").json()["results"][0]["closed_on"] == (
        "2024-04-10"
    )
    # a case is not replaced nor deleted through the API
    assert api.put(f"/api/v1/cases/{case.pk}/", {}, format="json").status_code == 405
    assert api.delete(f"/api/v1/cases/{case.pk}/").status_code == 405


def test_assign_to_someone_outside_the_municipality_is_refused(api, caseworker, municipality):
    case = make_case(caseworker, municipality, "Amina", start=D(2024, 3, 5))
    other = factories.MunicipalityFactory(code="GM9999", name="Elders")
    stranger = factories.UserFactory(organisation=other, role=Role.CASEWORKER)
    refused = api.patch(f"/api/v1/cases/{case.pk}/", {"caseworker": stranger.pk}, format="json")
    assert refused.status_code == 400
    assert refused.json()["invalidParams"][0]["name"] == "caseworker"


def test_situation_change_and_deadline_moves(api, caseworker, municipality):
    case = make_case(
        caseworker, municipality, "Bilal", code=SituationCode.REJECTED_APPEAL, start=D(2024, 2, 1)
    )
    changed = api.post(
        "/api/v1/case-situations/",
        {
            "case": case.pk,
            "code": "no_right",
            "start_date": "2024-03-05",
            "reason": "Appeal rejected.",
            "decision_reference": "RvS 5 maart 2024",
        },
        format="json",
    )
    assert changed.status_code == 201, changed.content
    assert changed.json()["code"] == "no_right"
    # a change on or before the current situation's start is refused
    early = api.post(
        "/api/v1/case-situations/",
        {"case": case.pk, "code": "withdrawn", "start_date": "2024-03-05", "reason": "x"},
        format="json",
    )
    assert early.status_code == 400
    assert early.json()["invalidParams"][0]["name"] == "start_date"

    (deadline,) = api.get(f"/api/v1/case-deadlines/?case={case.pk}&open=true").json()["results"]
    assert deadline["legal_deadline"] == "2024-04-02"  # 28 days from 5 March
    # 10 days' interim measure, 10-19 March: the clock stops, the term ends 10 days later
    suspended = api.post(
        f"/api/v1/case-deadlines/{deadline['id']}/suspend/",
        {"start_date": "2024-03-10", "end_date": "2024-03-19", "reason": "Interim measure"},
        format="json",
    )
    assert suspended.status_code == 201, suspended.content
    assert suspended.json()["legal_deadline"] == "2024-04-12"
    assert suspended.json()["suspensions"][0]["end_date"] == "2024-03-19"

    # an open suspension stops the clock; ending it on 24 March: 15 days on top
    open_ = api.post(
        f"/api/v1/case-deadlines/{deadline['id']}/suspend/",
        {"start_date": "2024-03-20", "reason": "Second measure"},
        format="json",
    )
    assert open_.json()["clock_stopped"] is True and open_.json()["legal_deadline"] is None
    ended = api.post(
        f"/api/v1/case-deadlines/{deadline['id']}/end-suspension/",
        {"end_date": "2024-03-24"},
        format="json",
    )
    assert ended.status_code == 200, ended.content
    assert ended.json()["clock_stopped"] is False
    assert ended.json()["legal_deadline"] == "2024-04-17"  # 2 April + 10 + 5 days
    again = api.post(
        f"/api/v1/case-deadlines/{deadline['id']}/end-suspension/",
        {"end_date": "2024-03-25"},
        format="json",
    )
    assert again.status_code == 400

    # 3 more days: 20 April is a Saturday, so the Atw moves it to Monday 22 April
    extended = api.post(
        f"/api/v1/case-deadlines/{deadline['id']}/extend/",
        {"days": 3, "reason": "Travel documents"},
        format="json",
    )
    assert extended.status_code == 201, extended.content
    assert extended.json()["legal_deadline"] == "2024-04-22"
    assert extended.json()["extensions"][0]["days"] == 3


def test_decisions_four_eyes_correct_and_withdraw(api, caseworker, coordinator, municipality):
    case = make_case(caseworker, municipality, "Chen", start=D(2024, 3, 5))
    made = api.post(
        "/api/v1/case-decisions/",
        {
            "case": case.pk,
            "kind": "end_of_reception",
            "reference": "GM-2024-17",
            "decided_on": "2024-04-03",
            "summary": "Reception ends on 2 April.",
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    decision = made.json()
    assert decision["status"] == DecisionStatus.AWAITING_APPROVAL
    # the officer who recorded it cannot approve it
    own = api.post(f"/api/v1/case-decisions/{decision['id']}/approve/")
    assert own.status_code == 400
    approved = _as(coordinator).post(f"/api/v1/case-decisions/{decision['id']}/approve/")
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "in_force"
    assert approved.json()["approved_by"] == coordinator.pk

    corrected = api.post(
        f"/api/v1/case-decisions/{decision['id']}/correct/",
        {"reference": "GM-2024-17a", "decided_on": "2024-04-04", "summary": "Ends 3 April."},
        format="json",
    )
    assert corrected.status_code == 201, corrected.content
    new = corrected.json()
    assert (new["corrects"], new["status"]) == (decision["id"], "awaiting_approval")
    old = api.get(f"/api/v1/case-decisions/{decision['id']}/").json()
    assert (old["status"], old["corrected_by"]) == ("corrected", new["id"])

    withdrawn = api.post(
        f"/api/v1/case-decisions/{new['id']}/withdraw/",
        {"withdrawn_on": "2024-04-05", "reason": "Appeal lodged."},
        format="json",
    )
    assert withdrawn.status_code == 200, withdrawn.content
    assert withdrawn.json()["status"] == "withdrawn"
    listed = api.get(f"/api/v1/case-decisions/?case={case.pk}&status=withdrawn").json()
    assert [d["id"] for d in listed["results"]] == [new["id"]]


def test_other_roles_and_municipalities_cannot_write(caseworker, municipality, finance_officer):
    case = make_case(caseworker, municipality, "Dara", start=D(2024, 3, 5))
    deadline = case.deadlines.get()
    finance = _as(finance_officer)
    assert (
        finance.post(
            "/api/v1/case-situations/",
            {"case": case.pk, "code": "withdrawn", "start_date": "2024-03-09", "reason": "x"},
            format="json",
        ).status_code
        == 403
    )
    assert (
        finance.post(
            f"/api/v1/case-deadlines/{deadline.pk}/extend/", {"days": 3, "reason": "x"}
        ).status_code
        == 403
    )
    other = factories.MunicipalityFactory(code="GM9998", name="Anders")
    outsider = _as(factories.UserFactory(organisation=other, role=Role.CASEWORKER))
    assert (
        outsider.post(
            f"/api/v1/case-deadlines/{deadline.pk}/extend/", {"days": 3, "reason": "x"}
        ).status_code
        == 404
    )
    # someone else's case id is "does not exist", the same as a missing one
    refused = outsider.post(
        "/api/v1/case-situations/",
        {"case": case.pk, "code": "withdrawn", "start_date": "2024-03-09", "reason": "x"},
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json()["invalidParams"][0]["name"] == "case"
    assert case.situations.count() == 1 and not deadline.extensions.exists()


def test_tasks_are_what_is_due_now(api, caseworker, municipality):
    from freezegun import freeze_time

    overdue = make_case(
        caseworker, municipality, "Emeka", start=D(2025, 2, 20), caseworker=caseworker
    )
    soon = make_case(caseworker, municipality, "Farah", start=D(2025, 3, 3), caseworker=caseworker)
    reminder = make_case(
        caseworker,
        municipality,
        "Gul",
        code=SituationCode.ASYLUM_PENDING,
        start=D(2025, 1, 13),
        caseworker=caseworker,
    )
    make_case(caseworker, municipality, "Hana", start=D(2025, 3, 20), caseworker=caseworker)
    nobody = make_case(caseworker, municipality, "Ines", start=D(2025, 2, 21))
    with freeze_time("2025-03-25"):
        mine = api.get("/api/v1/case-tasks/").json()["results"]
        everyone = api.get("/api/v1/case-tasks/?everyone=true").json()["results"]
    # 28 days from 20 February: 20 March (overdue); from 3 March: 31 March (within
    # 7 days); the COA target 12 weeks from 13 January: 7 April, its reminder two
    # weeks before; 17 April (from 20 March) is not due yet.
    assert [(t["case"], t["due_date"], t["status"]) for t in mine] == [
        (overdue.pk, "2025-03-20", "overdue"),
        (soon.pk, "2025-03-31", "due_soon"),
        (reminder.pk, "2025-04-07", "reminder"),
    ]
    assert [t["case"] for t in everyone] == [overdue.pk, nobody.pk, soon.pk, reminder.pk]
    assert mine[0]["person"] == overdue.person_id
    read = AuditEvent.objects.filter(channel="api", action="view").latest("pk")
    assert read.object_type == "casework.Deadline"
