"""The work lists: the one deadline list across all cases (overdue, due soon,
filters, pages), the case list's filters, the bulk actions with their
confirmation page, the dashboard card and the API."""

import datetime

import pytest
from freezegun import freeze_time

from openopvang.accounts.models import Role
from openopvang.audit.models import AuditEvent
from openopvang.casework import services
from openopvang.casework.models import Case, SituationCode
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text

D = datetime.date
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
MARCH_3 = D(2025, 3, 3)


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


def make_case(
    user, municipality, name, *, code=SituationCode.NO_RIGHT, start=MARCH_3, caseworker=None
):
    person = factories.PersonFactory(
        municipality=municipality, given_names=name, family_name="Test", nationality="MA"
    )
    return services.open_case(
        user,
        person,
        opened_on=start,
        code=code,
        start_date=start,
        reason="test",
        caseworker=caseworker,
    )


@freeze_time("2025-03-28")
def test_the_deadline_list_shows_overdue_and_due_soon_across_cases(
    cw_client, caseworker, municipality
):
    # 28 days from 3 March = 31 March (in 3 days); from 20 Feb = 20 March (8 days overdue)
    make_case(caseworker, municipality, "Amina", start=D(2025, 3, 3), caseworker=caseworker)
    make_case(caseworker, municipality, "Bilal", start=D(2025, 2, 20))
    make_case(
        caseworker, municipality, "Chen", code=SituationCode.ASYLUM_PENDING, start=D(2025, 3, 3)
    )  # COA target 26 May
    make_case(caseworker, municipality, "Dara", code=SituationCode.PROTECTED)  # no deadline
    page = page_text(cw_client.get("/casework/deadlines/", **EN))
    assert "Overdue: 1. Due within 7 days: 1. Clock stopped: 0." in page
    assert "3 deadlines" in page
    assert page.index("Bilal Test") < page.index("Amina Test") < page.index("Chen Test")
    assert "20 March 2025 8 days overdue Departure term Bilal Test" in page
    assert "31 March 2025 (in 3 days) Departure term Amina Test" in page
    assert "26 May 2025 (in 59 days) COA transfer Chen Test — 26 May 2025" in page

    overdue = page_text(cw_client.get("/casework/deadlines/?status=overdue", **EN))
    assert "Bilal Test" in overdue and "Amina Test" not in overdue
    mine = page_text(cw_client.get("/casework/deadlines/?caseworker=me", **EN))
    assert "Amina Test" in mine and "Bilal Test" not in mine
    coa = page_text(cw_client.get("/casework/deadlines/?kind=coa_transfer", **EN))
    assert "1 deadline" in coa and "Chen Test" in coa
    read = AuditEvent.objects.filter(action="view", object_type="casework.Deadline").last()
    assert read.changes["records"] == 6  # three deadlines and their three persons


@freeze_time("2025-03-28")
def test_the_deadline_list_has_pages(cw_client, caseworker, municipality):
    for n in range(27):
        make_case(caseworker, municipality, f"P{n:02d}")
    first = page_text(cw_client.get("/casework/deadlines/", **EN))
    assert "27 deadlines" in first and "P24 Test" in first and "P25 Test" not in first
    second = page_text(cw_client.get("/casework/deadlines/?page=2", **EN))
    assert "P25 Test" in second and "P26 Test" in second and "P00 Test" not in second


@freeze_time("2025-03-28")
def test_the_case_list_filters_by_situation_and_deadline(cw_client, caseworker, municipality):
    make_case(caseworker, municipality, "Amina", start=D(2025, 3, 3))
    make_case(caseworker, municipality, "Dara", code=SituationCode.PROTECTED)
    page = page_text(cw_client.get("/casework/", **EN))
    assert "2 cases" in page
    assert "Amina Test No right of residence 3 March 2025 31 March 2025 due soon" in page
    only = page_text(cw_client.get("/casework/?situation=protected", **EN))
    assert "Dara Test" in only and "Amina Test" not in only
    soon = page_text(cw_client.get("/casework/?due=soon", **EN))
    assert "Amina Test" in soon and "Dara Test" not in soon


def test_a_situation_change_for_many_cases_is_confirmed_first(cw_client, caseworker, municipality):
    cases = [
        make_case(caseworker, municipality, name, code=SituationCode.PROTECTED, start=D(2024, 1, 2))
        for name in ("Amina", "Bilal", "Chen")
    ]
    selection = {"cases": [c.pk for c in cases[:2]], "action": "situation"}
    confirm = cw_client.post("/casework/bulk/", selection, **EN)
    text = page_text(confirm)
    assert "This applies to 2 cases: Amina Test" in text and "Bilal Test" in text
    assert "Chen Test" not in text and "Confirm for 2 cases" in text
    assert all(c.situations.count() == 1 for c in cases)  # nothing changed yet

    response = cw_client.post(
        "/casework/bulk/",
        {
            **selection,
            "confirmed": "1",
            "code": SituationCode.NO_RIGHT,
            "start_date": "2024-03-05",
            "decision_reference": "RvS 17 januari 2024, ECLI:NL:RVS:2024:144",
            "reason": "Temporary protection ended on 4 March 2024.",
        },
        **EN,
    )
    assert response.status_code == 302
    listing = page_text(cw_client.get("/casework/", **EN, follow=True))
    assert "The situation change has been recorded for 2 cases." in listing
    for case in cases[:2]:
        assert case.deadlines.get(closed_on__isnull=True).legal_deadline == D(2024, 4, 2)
        assert case.situations.last().decision_reference.endswith("ECLI:NL:RVS:2024:144")
    assert cases[2].situations.count() == 1


def test_a_bulk_change_is_all_or_nothing(cw_client, caseworker, municipality):
    early = make_case(
        caseworker, municipality, "Amina", code=SituationCode.PROTECTED, start=D(2024, 1, 2)
    )
    late = make_case(
        caseworker, municipality, "Bilal", code=SituationCode.PROTECTED, start=D(2024, 4, 1)
    )
    response = cw_client.post(
        "/casework/bulk/",
        {
            "cases": [early.pk, late.pk],
            "action": "situation",
            "confirmed": "1",
            "code": SituationCode.NO_RIGHT,
            "start_date": "2024-03-05",
            "reason": "RvS",
        },
        **EN,
    )
    assert response.status_code == 200
    assert "Bilal Test" in page_text(
        response
    ) and "cannot start before the case was opened" in page_text(response)
    assert early.situations.count() == 1 and late.situations.count() == 1


def test_bulk_assign_three_cases(cw_client, caseworker, municipality):
    colleague = factories.UserFactory(
        username="colleague",
        first_name="Bo",
        last_name="Collega",
        organisation=municipality,
        role=Role.COORDINATOR,
    )
    cases = [make_case(caseworker, municipality, n) for n in ("Amina", "Bilal", "Chen")]
    data = {"cases": [c.pk for c in cases], "action": "assign"}
    assert "Confirm for 3 cases" in page_text(cw_client.post("/casework/bulk/", data, **EN))
    response = cw_client.post(
        "/casework/bulk/", {**data, "confirmed": "1", "caseworker": colleague.pk}, **EN
    )
    assert response.status_code == 302
    assert set(Case.objects.values_list("caseworker__username", flat=True)) == {"colleague"}
    page = page_text(cw_client.get(f"/casework/?caseworker={colleague.pk}", **EN))
    assert "3 cases" in page and "Bo Collega" in page


def test_bulk_refuses_cases_of_another_municipality(client, outsider, caseworker, municipality):
    case = make_case(caseworker, municipality, "Amina")
    client.force_login(outsider)
    response = client.post(
        "/casework/bulk/", {"cases": [case.pk], "action": "assign"}, follow=True, **EN
    )
    assert "Select a valid choice" in page_text(response)
    assert "Amina" not in page_text(response)


@freeze_time("2025-03-28")
def test_the_dashboard_card(cw_client, caseworker, municipality):
    make_case(caseworker, municipality, "Amina", start=D(2025, 3, 3), caseworker=caseworker)
    make_case(caseworker, municipality, "Bilal", start=D(2025, 2, 20))
    page = page_text(cw_client.get("/", **EN))
    assert "Casework" in page
    assert "1 overdue deadline" in page and "1 deadline due within 7 days" in page
    assert "1 open case assigned to you" in page


def test_the_api_lists_cases_and_deadlines(caseworker, municipality, finance_officer):
    from rest_framework.test import APIClient

    case = make_case(caseworker, municipality, "Amina", start=D(2024, 3, 5))
    api = APIClient()
    api.force_authenticate(caseworker)
    body = api.get("/api/v1/cases/").json()
    (row,) = body["results"] if "results" in body else body
    assert (row["current_situation"], row["next_due"]) == ("no_right", "2024-04-02")
    deadlines = api.get(f"/api/v1/case-deadlines/?case={case.pk}").json()
    (deadline,) = deadlines["results"] if "results" in deadlines else deadlines
    assert deadline["legal_deadline"] == "2024-04-02"
    assert AuditEvent.objects.filter(channel="api", action="view").count() == 2
    api.force_authenticate(finance_officer)
    assert api.get("/api/v1/cases/").status_code == 403
