"""The finance officer's BooO declaration in a real browser: open the year
through the main navigation, read the total, drill down to a GOO line and its
location, download the XLSX (same total as the screen), submit, and after a
registry change submit a correction that shows what changed."""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from openopvang.core.testing import factories
from openopvang.declarations.models import Declaration
from openopvang.registry.models import CapacityPeriod

from .conftest import assert_no_page_problems, dutch_amount, nl

pytestmark = pytest.mark.browser


@pytest.fixture
def hall(municipality):
    """A sports hall with 20 places for the whole of 2024."""
    location = factories.LocationFactory(
        municipality=municipality,
        name="Sporthal Galgenwaard",
        opened_on=datetime.date(2024, 1, 1),
    )
    factories.CapacityPeriodFactory(
        location=location, start_date=datetime.date(2024, 1, 1), places=20
    )
    return location


def screen_total(page) -> Decimal:
    # The component table's footer row "Totaal gedeclareerd" holds the total.
    total_row = page.locator("#components tfoot").get_by_role("row")
    expect(total_row).to_contain_text(nl("Total declared"))
    return dutch_amount(total_row.get_by_role("cell").last.inner_text())


def xlsx_total(content: bytes) -> Decimal:
    summary = load_workbook(io.BytesIO(content))["Summary"]
    for row in summary.iter_rows(values_only=True):
        if row and row[0] == nl("Total declared"):
            return Decimal(str(row[3])).quantize(Decimal("0.01"))
    raise AssertionError("no 'Total declared' row on the Summary sheet")


def test_declaration_compute_drill_down_export_submit_and_correct(
    page, login, finance_officer, municipality, hall, axe_check
):
    login(page, finance_officer)

    # The main navigation leads to the declaration; pick 2024.
    page.get_by_role("navigation", name=nl("Main navigation")).get_by_role(
        "link", name=nl("Declaration")
    ).click()
    page.get_by_label(nl("Year")).select_option("2024")
    page.get_by_role("button", name=nl("Open the declaration")).click()
    assert urlparse(page.url).path == "/declarations/2024/"
    nav_link = page.get_by_role("navigation", name=nl("Main navigation")).get_by_role(
        "link", name=nl("Declaration")
    )
    expect(nav_link).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2024")
    expect(page.get_by_role("heading", level=1)).to_contain_text(municipality.name)

    # 20 places × 366 days (a leap year) of GOO at the normbedrag.
    total = screen_total(page)
    place_days = page.locator(".oo-figure").filter(has_text=nl("GOO place-days"))
    expect(place_days).to_contain_text("7.320")
    assert total > 0
    assert total % (20 * 366) == 0, total  # a whole rate per place-day
    axe_check(page, context_name="declaration 2024 (draft)")

    # Drill down: the GOO component → its lines → one line → the location.
    goo_row = page.locator("#components tbody tr[data-component^='goo']").first
    goo_amount = dutch_amount(goo_row.get_by_role("cell").last.inner_text())
    assert goo_amount == total  # the hall is all there is
    goo_row.get_by_role("link").click()
    lines = page.locator("#lines tbody tr")
    expect(lines.first).to_be_visible()
    assert (
        sum(
            dutch_amount(lines.nth(i).get_by_role("cell").last.inner_text())
            for i in range(lines.count())
        )
        == goo_amount
    )
    lines.first.get_by_role("rowheader").get_by_role("link").click()
    assert re.search(r"/declarations/2024/lines/\d+/$", page.url), page.url
    expect(page.get_by_role("heading", level=2, name=nl("Locations"))).to_be_visible()
    expect(page.get_by_role("link", name=hall.name)).to_be_visible()
    capacity = page.get_by_role("table").filter(
        has_text=nl("Capacity periods as used for this computation")
    )
    expect(capacity.get_by_role("row").nth(1)).to_contain_text("20")
    page.go_back()
    page.go_back()

    # Export XLSX: the file holds the same total as the screen.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=nl("Excel (XLSX)")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    assert xlsx_total(Path(download.path()).read_bytes()) == total

    # Submit: version 1 with the same total, frozen.
    page.get_by_role("link", name=nl("Submit the declaration")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2024")
    # Check your answers: the totals per component, then the irreversible step.
    assert screen_total(page) == total
    page.get_by_role("button", name=nl("Yes, submit the declaration")).click()
    assert re.search(r"/declarations/versions/\d+/$", page.url), page.url
    expect(page.locator(".oo-messages")).to_contain_text("2024")
    assert screen_total(page) == total
    version_1 = Declaration.objects.get(municipality=municipality, year=2024)
    assert (version_1.version, version_1.total) == (1, total)

    # The registry changes: 30 places instead of 20 from 1 July 2024 (the
    # coordinator's capacity form is tested in the registry; here the change
    # is made directly).
    current = CapacityPeriod.objects.get(location=hall)
    current.end_date = datetime.date(2024, 6, 30)
    current.save()
    CapacityPeriod.objects.create(location=hall, start_date=datetime.date(2024, 7, 1), places=30)
    extra_place_days = 10 * 184  # 1 July – 31 December
    rate = total / (20 * 366)

    page.goto("/declarations/2024/")
    # The year page compares the live figures with the submitted version.
    expect(page.locator("#diff-components")).to_be_visible()
    assert screen_total(page) == total + rate * extra_place_days

    # Correct: version 2, with the reason and a diff against version 1.
    page.get_by_role("link", name=nl("Submit a correction")).click()
    diff = page.locator("#diff-components")
    expect(diff).to_be_visible()
    page.get_by_label(nl("Reason")).fill("Capaciteit per 1 juli verhoogd naar 30 plaatsen")
    page.get_by_role("button", name=nl("Submit the correction")).click()
    assert re.search(r"/declarations/versions/\d+/$", page.url), page.url
    expect(page.get_by_role("heading", level=1)).to_contain_text("2")
    expect(page.get_by_text("Capaciteit per 1 juli verhoogd naar 30 plaatsen")).to_be_visible()
    diff_total = page.locator("#diff-components tfoot").get_by_role("cell")
    expect(diff_total).to_have_count(3)
    old, new, delta = (dutch_amount(diff_total.nth(i).inner_text()) for i in range(3))
    assert (old, new, delta) == (total, total + rate * extra_place_days, rate * extra_place_days)
    version_2 = Declaration.objects.get(municipality=municipality, year=2024, version=2)
    assert version_2.total == new and version_2.previous == version_1
    axe_check(page, context_name="declaration 2024, version 2 with diff")
    assert_no_page_problems(page)
