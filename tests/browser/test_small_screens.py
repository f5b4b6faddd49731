"""At 390 px (a phone) every main page of each role is usable: the page does
not scroll sideways (wide tables scroll inside their own box), the main menu
folds behind a "Menu" button, amounts and BSNs do not break over two lines,
and a Dutch page shows none of the English seen on Dutch screens before."""

import re

import pytest
from playwright.sync_api import expect

from openopvang.accounts.models import Organisation, Role
from openopvang.core.testing import factories

from .conftest import assert_no_page_problems, nl

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# English texts once seen on Dutch pages and files.
ENGLISH_SEEN = [
    "household_ref",
    "method (cash/sepa)",
    "realised places per day",
    "not available yet",
    "Log out",
    "Payment run",
    "Search",
    "Save",
]

PAGES = {
    Role.COORDINATOR: ["/", "/registry/persons/", "/registry/households/", "/registry/locations/"],
    Role.FINANCE: ["/", "/allowances/", "/declarations/", "/allowances/eigen-bijdrage/"],
    Role.ADMINISTRATOR: ["/", "/accounts/staff/", "/accounts/organisation/", "/audit/"],
    Role.NGO_WORKER: ["/", "/support/"],
}


def _sideways_overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def _wrapped_nowrap_texts(page) -> list[str]:
    """Amounts, counts and BSNs (class oo-nowrap) that take more than one line."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.oo-nowrap')]
            .filter(el => el.offsetParent !== null && el.getClientRects().length > 1)
            .map(el => el.textContent)"""
    )


@pytest.fixture
def data(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM0344", name="Utrecht")
    location = factories.LocationFactory(municipality=municipality, name="Jaarbeurs Hal 9")
    factories.CapacityPeriodFactory(location=location, places=120)
    for _ in range(3):
        factories.PersonFactory(municipality=municipality)
    ngo = Organisation.objects.filter(kind="ngo").first() or factories.NgoFactory(code="VWN")
    return {"municipality": municipality, "ngo": ngo}


@pytest.mark.parametrize("role", list(PAGES))
def test_main_pages_work_on_a_phone(page, login, data, role):
    organisation = data["ngo"] if role == Role.NGO_WORKER else data["municipality"]
    user = factories.UserFactory(username=f"phone-{role}", organisation=organisation, role=role)
    page.set_viewport_size(PHONE)
    login(page, user)
    for path in PAGES[role]:
        response = page.goto(path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        assert _sideways_overflow(page) <= 1, f"{path} scrolls sideways at 390 px"
        assert not _wrapped_nowrap_texts(page), f"{path}: an amount breaks over two lines"
        text = page.locator("body").inner_text()
        english = [word for word in ENGLISH_SEEN if word in text]
        assert not english, f"{path} shows English on a Dutch page: {english}"
    assert_no_page_problems(page)


def test_the_menu_folds_behind_a_button_on_a_phone(page, login, data):
    user = factories.UserFactory(
        username="phone-menu", organisation=data["municipality"], role=Role.COORDINATOR
    )
    page.set_viewport_size(PHONE)
    login(page, user)
    nav = page.get_by_role("navigation", name=nl("Main navigation"))
    button = nav.get_by_role("button", name=nl("Menu"))
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    persons = nav.get_by_role("link", name=nl("Persons"), exact=True)
    expect(persons).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    persons.click()
    expect(page).to_have_url(re.compile(r"/registry/persons/$"))
    # On a laptop the menu is open and the button is gone.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(nav.get_by_role("button", name=nl("Menu"))).to_be_hidden()
    expect(nav.get_by_role("link", name=nl("Persons"), exact=True)).to_be_visible()
