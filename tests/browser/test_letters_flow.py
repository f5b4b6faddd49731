"""Letters in a real browser: a caseworker opens a preview of a letter,
selects three people on the casework work list, chooses "Send a letter",
runs the batch, sees it finished and downloads the ZIP with one PDF per
letter (read back). The batch page passes an axe WCAG 2.1 AA scan."""

import datetime
import io
import re
import zipfile

import pytest

from openopvang.accounts.models import Role
from openopvang.casework import services as casework
from openopvang.core.testing import factories
from openopvang.core.testing.pdf import pdf_text

from .conftest import assert_no_page_problems, nl

pytestmark = pytest.mark.browser


@pytest.fixture
def people(municipality, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    caseworker = factories.UserFactory(organisation=municipality, role=Role.CASEWORKER)
    location = factories.LocationFactory(
        municipality=municipality, address="Oudegracht 10", postcode="3511 AB", city="Utrecht"
    )
    persons = []
    for given, family, language in (
        ("Olena", "Melnyk", "uk"),
        ("Ali", "Hassan", "ar"),
        ("Sasha", "Koval", "ru"),
    ):
        person = factories.PersonFactory(
            municipality=municipality,
            given_names=given,
            family_name=family,
            nationality="SY",
            languages=[language],
        )
        factories.PlacementFactory(
            municipality=municipality,
            person=person,
            location=location,
            start_date=datetime.date(2024, 1, 1),
        )
        casework.open_case(
            caseworker,
            person,
            opened_on=datetime.date(2026, 11, 2),
            code="protected",
            start_date=datetime.date(2026, 11, 2),
            reason="intake",
        )
        persons.append(person)
    return caseworker, persons


def test_a_caseworker_sends_a_batch_from_the_work_list_and_downloads_the_zip(
    page, login, people, axe_check
):
    caseworker, persons = people
    login(page, caseworker)
    # The letter and a preview (in a new tab) on Olena's letter page.
    page.goto(f"/letters/persons/{persons[0].pk}/")
    page.get_by_label(nl("Letter")).select_option("welcome")
    with page.context.expect_page(timeout=60_000) as preview:
        page.get_by_role("button", name=nl("Preview")).click()
    preview.value.close()
    # The work list: select the three, "Send a letter".
    page.goto("/casework/")
    for person in persons:
        page.get_by_role("checkbox", name=re.compile(person.given_names)).check()
    page.get_by_label(nl("Action")).select_option("letter")
    page.get_by_role("button", name=nl("Continue")).click()
    page.wait_for_load_state()
    assert "/letters/batches/new/" in page.url
    main = page.locator("main").inner_text()
    assert all(person.full_name in main for person in persons)
    page.get_by_label(nl("Letter")).select_option("welcome")
    page.get_by_role("button", name=nl("Make the letters")).click(timeout=120_000)
    page.wait_for_url("**/letters/batches/*/", timeout=120_000)
    assert "/letters/batches/" in page.url
    axe_check(page, context_name="the batch page")
    with page.expect_download() as download:
        page.get_by_role("link", name=nl("Download one PDF per letter (ZIP)")).click()
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    texts = [pdf_text(archive.read(name)) for name in archive.namelist()]
    assert len(texts) == 3
    assert any("Шановний(а) Olena Melnyk" in text for text in texts)
    assert any("مرحبا بكم في" in text for text in texts)
    assert_no_page_problems(page)
