"""A coordinator brings a spreadsheet in, in a real browser: the upload with
an error is checked row by row, the failed rows come back as a file, the
corrected file is written and the persons are in the list; registering
someone who is already there under another spelling shows the warning. The
import pages pass an axe WCAG 2.1 AA scan."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.utils.text import capfirst
from django.utils.translation import ngettext as _ngettext
from django.utils.translation import override
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from openopvang.core.testing import factories

from .conftest import assert_no_page_problems, nl

pytestmark = pytest.mark.browser

HEADER = ["External id", "Family name", "Given names", "Birth date", "Sex", "BSN", "IBAN"]


def ngettext(singular: str, plural: str, count: int) -> str:
    with override("nl"):
        return _ngettext(singular, plural, count)


def _xlsx(path: Path, rows) -> Path:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _upload(page, path: Path) -> None:
    page.goto("/imports/")
    page.get_by_label(re.compile(re.escape(nl("File (XLSX or CSV)")))).set_input_files(str(path))
    page.get_by_role("button", name=nl("Upload and check")).click()
    page.wait_for_load_state()


def test_upload_errors_by_row_failed_rows_fix_and_write(
    page, login, axe_check, coordinator, tmp_path
):
    rows = [
        ["UTR-1", "Melnyk", "Iryna", "12-04-1985", "F", "", ""],
        ["UTR-2", "Bondar", "Petro", "soon", "M", "", ""],
        ["UTR-3", "Tkachuk", "Olha", "1990-01-31", "F", "", ""],
    ]
    login(page, coordinator)
    _upload(page, _xlsx(tmp_path / "intake.xlsx", rows))

    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("3")  # the row number in the file (header is row 1)
    expect(errors).to_contain_text("soon")
    skip = nl("Write only the %(valid)s valid rows and skip the %(failed)s with errors")
    expect(page.get_by_role("button", name=skip % {"valid": 2, "failed": 1})).to_be_visible()
    axe_check(page, context_name="import with an error")

    with page.expect_download() as download:
        page.get_by_role(
            "link", name=nl("Download the failed rows (XLSX, with an error column)")
        ).click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    failed = [list(row) for row in book.active.iter_rows(values_only=True)]
    assert len(failed) == 2 and "Bondar" in failed[1]
    assert any("soon" in str(cell) for cell in failed[1])

    rows[1][3] = "1979-11-02"  # fixed
    _upload(page, _xlsx(tmp_path / "intake-fixed.xlsx", rows))
    write_all = ngettext("Write %(counter)s row", "Write all %(counter)s rows", 3)
    page.get_by_role("button", name=write_all % {"counter": 3}).click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("3")
    axe_check(page, context_name="import written")
    page.get_by_role("link", name=nl("See the persons")).click()
    for name in ("Melnyk", "Bondar", "Tkachuk"):
        expect(page.locator("main")).to_contain_text(name)
    assert_no_page_problems(page)


def test_registering_someone_already_there_in_another_spelling_warns(page, login, coordinator):
    factories.PersonFactory(
        municipality=coordinator.organisation,
        given_names="Oleksandr",
        family_name="Kovalenko",
        given_names_cyrillic="Олександр",
        family_name_cyrillic="Коваленко",
        birth_date=datetime.date(1985, 3, 14),
        sex="M",
    )
    login(page, coordinator)
    page.goto("/registry/persons/new/")

    def field(verbose_name: str):
        label = re.escape(capfirst(nl(verbose_name)))
        return page.get_by_label(re.compile(rf"^{label}(\s*\(\w+\))?$"))

    field("given names").fill("Aleksandr")
    field("family name").fill("Kowalenko")
    field("birth date").fill("1985-03-14")
    page.get_by_role("button", name=nl("Save")).click()
    page.wait_for_load_state()

    warning = page.locator("#duplicates-heading").locator("..")
    expect(page.get_by_role("heading", name=nl("Probably already registered"))).to_be_visible()
    expect(warning).to_contain_text("Oleksandr Kovalenko")
    expect(warning).to_contain_text("Kowalenko")
    assert page.url.endswith("/registry/persons/new/")
