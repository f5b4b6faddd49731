"""A reception coordinator's day in a real browser: find a person by the
Cyrillic name, check them in, see the occupancy change, register someone new;
and every page on the way passes an axe WCAG 2.1 AA scan."""

import datetime
import re
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from openopvang.core.testing import factories

from .conftest import assert_no_page_problems

pytestmark = pytest.mark.browser


def nl(msgid: str) -> str:
    """The Dutch text the page shows for a UI string (the msgid itself until
    it is translated), so the tests follow the translations instead of
    hard-coding them."""
    with override("nl"):
        return gettext(msgid)


@pytest.fixture
def location(municipality):
    location = factories.LocationFactory(
        municipality=municipality, name="Jaarbeurs Hal 7", opened_on=datetime.date(2022, 3, 1)
    )
    factories.CapacityPeriodFactory(
        location=location, start_date=datetime.date(2022, 3, 1), places=10
    )
    return location


@pytest.fixture
def olena(municipality):
    return factories.PersonFactory(
        municipality=municipality,
        given_names="Olena",
        family_name="Shevchenko",
        given_names_cyrillic="Олена",
        family_name_cyrillic="Шевченко",
        birth_date=datetime.date(1988, 5, 14),
    )


@pytest.fixture
def others(municipality):
    return [
        factories.PersonFactory(
            municipality=municipality,
            given_names="Andrii",
            family_name="Bondarenko",
            given_names_cyrillic="Андрій",
            family_name_cyrillic="Бондаренко",
        ),
        factories.PersonFactory(
            municipality=municipality,
            given_names="Iryna",
            family_name="Melnyk",
            given_names_cyrillic="Ірина",
            family_name_cyrillic="Мельник",
        ),
    ]


def occupancy_row(page, location):
    """The dashboard's table row of one location: [places, occupied, free, %]."""
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=location.name))
    expect(row).to_have_count(1)
    return row.get_by_role("cell")


def search_persons(page, text: str) -> None:
    search = page.get_by_role("searchbox", name=nl("Search"))
    search.fill(text)
    search.press("Enter")
    page.wait_for_load_state()


def test_find_a_person_by_the_cyrillic_name(page, login, coordinator, olena, others):
    login(page, coordinator)
    page.goto("/registry/persons/")
    row_link = page.get_by_role("link", name="Shevchenko, Olena")
    expect(row_link).to_be_visible()
    expect(page.get_by_role("link", name="Bondarenko, Andrii")).to_be_visible()

    search_persons(page, "Шевченко")

    expect(page.get_by_role("link", name="Bondarenko, Andrii")).to_have_count(0)
    expect(page.get_by_role("link", name="Melnyk, Iryna")).to_have_count(0)
    expect(row_link).to_be_visible()
    # The search is in the address, so it can be bookmarked and shared.
    assert "q=" in page.url

    row_link.click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Olena Shevchenko")
    expect(heading).to_contain_text("Олена Шевченко")
    assert_no_page_problems(page)


def test_a_name_in_the_other_script_finds_nobody_else(page, login, coordinator, olena, others):
    login(page, coordinator)
    page.goto("/registry/persons/")

    search_persons(page, "Мельник")

    expect(page.get_by_role("link", name="Melnyk, Iryna")).to_be_visible()
    expect(page.get_by_role("link", name="Shevchenko, Olena")).to_have_count(0)


def test_check_in_raises_the_occupancy(page, login, coordinator, location, olena, others):
    # Someone already lives there: 1 of 10 places taken.
    factories.PlacementFactory(
        person=others[0], location=location, start_date=datetime.date(2024, 1, 1)
    )
    login(page, coordinator)

    page.goto("/")
    cells = occupancy_row(page, location)
    expect(cells.nth(0)).to_have_text("10")
    expect(cells.nth(1)).to_have_text("1")
    expect(cells.nth(2)).to_have_text("9")

    page.goto(f"/registry/persons/{olena.pk}/")
    expect(page.get_by_text(nl("Not placed today."))).to_be_visible()
    page.get_by_role("link", name=nl("Check in"), exact=True).click()

    # The check-in date defaults to today; choose the place and confirm.
    expect(page.get_by_label(nl("Check-in date"))).to_have_value(timezone.localdate().isoformat())
    place = page.get_by_label(nl("Location or host"))
    # Each location says its free places on the chosen day.
    expect(place.locator(f'option[value="location:{location.pk}"]')).to_contain_text(
        nl("%(location)s (free places: %(free)s)").split("%(free)s")[0] % {"location": location}
    )
    place.select_option(value=f"location:{location.pk}")
    page.get_by_role("button", name=nl("Check in"), exact=True).click()
    page.wait_for_load_state()

    assert page.url.endswith(f"/registry/persons/{olena.pk}/")
    expect(page.get_by_text(re.compile(re.escape(location.name)))).not_to_have_count(0)
    assert olena.placements.get().location == location

    page.goto("/")
    cells = occupancy_row(page, location)
    expect(cells.nth(1)).to_have_text("2")
    expect(cells.nth(2)).to_have_text("8")

    page.get_by_role("link", name=location.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(location.name)
    today_text = nl("%(occupied)s of %(places)s places occupied, %(free)s free") % {
        "occupied": 2,
        "places": 10,
        "free": 8,
    }
    expect(page.get_by_text(today_text)).to_be_visible()
    # Among today's residents (a list item), not only in the history table.
    resident = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=olena.full_name)
    )
    expect(resident).to_have_count(1)
    assert_no_page_problems(page)


def test_check_in_at_a_full_location_is_refused_with_a_reason(
    page, login, coordinator, municipality, olena
):
    full = factories.LocationFactory(municipality=municipality, name="Noodopvang Zuid")
    factories.CapacityPeriodFactory(location=full, places=1)
    factories.PlacementFactory(
        person=factories.PersonFactory(municipality=municipality), location=full
    )
    login(page, coordinator)

    page.goto(f"/registry/persons/{olena.pk}/check-in/")
    place = page.get_by_label(nl("Location or host"))
    expect(place.locator(f'option[value="location:{full.pk}"]')).to_have_text(
        nl("%(location)s (full)") % {"location": full}
    )
    place.select_option(value=f"location:{full.pk}")
    page.get_by_role("button", name=nl("Check in"), exact=True).click()
    page.wait_for_load_state()

    # Still on the form, with the reason next to the field; nothing saved.
    assert page.url.endswith("/check-in/")
    expect(page.get_by_text(re.compile(re.escape(full.name) + r".*"))).not_to_have_count(0)
    assert not olena.placements.exists()


def test_register_a_person_with_a_cyrillic_name(page, login, coordinator):
    login(page, coordinator)
    page.goto("/registry/persons/")
    page.get_by_role("link", name=nl("Register a person")).click()

    def field(verbose_name: str):
        # Labels of optional fields end in "(optional)"; match the start.
        label = re.escape(capfirst(nl(verbose_name)))
        return page.get_by_label(re.compile(rf"^{label}(\s*\(\w+\))?$"))

    field("given names").fill("Mykola")
    field("family name").fill("Tkachenko")
    field("given names (Cyrillic)").fill("Микола")
    field("family name (Cyrillic)").fill("Ткаченко")
    field("birth date").fill("1979-11-02")
    page.get_by_role("button", name=nl("Save")).click()
    page.wait_for_load_state()

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Mykola Tkachenko")
    expect(heading).to_contain_text("Микола Ткаченко")
    assert re.search(r"/registry/persons/\d+/$", page.url)


def test_registry_pages_pass_axe(page, login, axe_check, coordinator, location, olena, others):
    factories.PlacementFactory(person=others[0], location=location)
    login(page, coordinator)

    for path, name in [
        ("/", "dashboard"),
        ("/registry/persons/", "person list"),
        ("/registry/persons/?q=%D0%A8%D0%B5%D0%B2", "person list with a search"),
        (f"/registry/persons/{olena.pk}/", "person page"),
        (f"/registry/persons/{others[0].pk}/", "person page with a placement"),
        (f"/registry/persons/{olena.pk}/check-in/", "check-in form"),
        ("/registry/persons/new/", "person registration form"),
        (f"/registry/locations/{location.pk}/", "location page"),
    ]:
        page.goto(path)
        assert urlparse(page.url).path == path.split("?")[0], f"{name}: redirected to {page.url}"
        axe_check(page, context_name=name)


def test_form_with_errors_passes_axe(page, login, axe_check, coordinator):
    # Error messages must be linked to their fields and still meet contrast.
    login(page, coordinator)
    page.goto("/registry/persons/new/")
    page.get_by_role("button", name=nl("Save")).click()
    page.wait_for_load_state()
    assert page.url.endswith("/registry/persons/new/")
    axe_check(page, context_name="person registration form with errors")
