"""A casework officer's day in a real browser: record that an asylum
application was rejected without appeal and see the departure deadline with
its reminder, record a court's suspension and see the deadline move by the
suspended days, bulk-assign three cases to a colleague; the work list and
the case page pass an axe WCAG 2.1 AA scan."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from openopvang.accounts.models import Role
from openopvang.casework import services
from openopvang.casework.models import Case, SituationCode
from openopvang.core.testing import factories

from .conftest import assert_no_page_problems, nl

pytestmark = pytest.mark.browser
D = datetime.date


@pytest.fixture
def officer(municipality):
    return factories.UserFactory(
        username="zaak.behandelaar",
        first_name="Sanne",
        last_name="de Vries",
        organisation=municipality,
        role=Role.CASEWORKER,
    )


@pytest.fixture
def colleague(municipality):
    return factories.UserFactory(
        username="collega",
        first_name="Karim",
        last_name="Bakker",
        organisation=municipality,
        role=Role.CASEWORKER,
    )


def open_case(officer, municipality, given, family, code=SituationCode.ASYLUM_PENDING):
    person = factories.PersonFactory(
        municipality=municipality, given_names=given, family_name=family, nationality="MA"
    )
    return services.open_case(
        officer,
        person,
        opened_on=D(2025, 1, 6),
        code=code,
        start_date=D(2025, 1, 6),
        reason="Asielaanvraag ingediend.",
    )


def long_date(day):
    from openopvang.core import formatting

    return formatting.long_date(day, "nl")


def deadline_card(page):
    return page.locator("article").filter(
        has=page.get_by_role("heading", name=re.compile(nl("Departure term")))
    )


def test_rejection_departure_deadline_and_suspension(page, login, axe_check, officer, municipality):
    case = open_case(officer, municipality, "Amina", "Haddad")
    login(page, officer)
    page.goto(f"/casework/cases/{case.pk}/")
    axe_check(page, context_name="case page")

    page.get_by_role("link", name=nl("Record a situation change")).first.click()
    page.get_by_label(nl("Situation")).select_option(SituationCode.REJECTED_NO_APPEAL)
    page.get_by_label(nl("Since")).fill("2025-03-03")
    page.get_by_label(nl("Decision or ruling")).fill("IND 2025/0303-17")
    page.get_by_label(nl("Why")).fill("Afgewezen, geen beroep ingesteld.")
    page.get_by_role("button", name=nl("Record the change")).click()
    page.wait_for_load_state()

    # 28 days from Monday 3 March 2025: Monday 31 March; the reminder a week before.
    card = deadline_card(page)
    expect(card).to_contain_text(long_date(D(2025, 3, 31)))
    expect(card).to_contain_text(long_date(D(2025, 3, 24)))
    axe_check(page, context_name="case page with a deadline")

    # A court's interim measure from 10 to 19 March (10 days) stops the clock.
    card.get_by_role("link", name=nl("Suspend")).click()
    page.get_by_label(nl("Clock stops on")).fill("2025-03-10")
    page.get_by_label(nl("Clock runs again after")).fill("2025-03-19")
    page.get_by_label(nl("Decision or ruling")).fill("Rb Den Haag, voorlopige voorziening")
    page.get_by_label(nl("Why")).fill("Voorlopige voorziening toegewezen.")
    page.get_by_role("button", name=nl("Stop the clock")).click()
    page.wait_for_load_state()

    # The term ends 10 days later: Thursday 10 April 2025.
    card = deadline_card(page)
    expect(card).to_contain_text(long_date(D(2025, 4, 10)))
    expect(card).not_to_contain_text(long_date(D(2025, 3, 31)))
    assert Case.objects.get(pk=case.pk).deadlines.get(closed_on__isnull=True).legal_deadline == (
        D(2025, 4, 10)
    )
    assert_no_page_problems(page)


def test_bulk_assign_three_cases(page, login, axe_check, officer, colleague, municipality):
    cases = [
        open_case(officer, municipality, given, "Test")
        for given in ("Bilal", "Chen", "Dara", "Emeka")
    ]
    login(page, officer)
    page.goto("/casework/")
    expect(page.get_by_role("link", name=re.compile("Bilal"))).to_be_visible()
    axe_check(page, context_name="work list")

    for case in cases[:3]:
        page.locator(f"#select-{case.pk}").check()
    page.get_by_label(nl("Action")).select_option("assign")
    page.get_by_role("button", name=nl("Continue")).click()
    page.wait_for_load_state()
    page.get_by_label(nl("Caseworker")).select_option(str(colleague.pk))
    page.get_by_role("button", name=re.compile("3")).click()
    page.wait_for_load_state()

    assigned = {c.pk: c.caseworker_id for c in Case.objects.filter(pk__in=[c.pk for c in cases])}
    assert [assigned[c.pk] for c in cases] == [colleague.pk] * 3 + [None]
    rows = page.get_by_role("row").filter(has_text="Karim Bakker")
    expect(rows).to_have_count(3)
    assert_no_page_problems(page)


def test_national_casework_figures_page(page, login, axe_check, officer, municipality):
    """The national viewer's table: counts only, small ones as <5, no names."""
    for given in ("Bilal", "Chen", "Dara"):
        open_case(officer, municipality, given, "Test")
    national = factories.MunicipalityFactory(code="NAT", name="Landelijk", kind="national")
    viewer = factories.UserFactory(
        username="landelijk", organisation=national, role=Role.NATIONAL_VIEWER
    )
    login(page, viewer)
    page.goto("/reports/national/")
    page.get_by_role(
        "link", name=nl("Open cases of third-country nationals per municipality and situation")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("National casework figures"))
    row = page.locator(f'tr[data-code="{municipality.code}"]')
    expect(row).to_contain_text("<5")
    expect(page.locator("main")).not_to_contain_text("Bilal")
    axe_check(page, context_name="national casework figures")
    page.screenshot(path="/tmp/cw/national.png", full_page=False)
    assert_no_page_problems(page)
