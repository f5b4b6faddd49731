"""The headline flows as a new user tries them on a fresh demo: the demo's two
finance officers of Utrecht compute, prepare and approve a month's
leefgeld and download the SEPA file; the national viewer computes the
national totals, which a background worker finishes while the page waits.

Jobs go through the database queue the demo uses (not the test settings'
immediate backend), so the page really waits for a worker."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from openopvang.accounts.models import Organisation
from openopvang.allowances.models import PaymentRun
from openopvang.declarations.models import NationalRun
from openopvang.demo import data

from .conftest import assert_no_page_problems, fill_login_form, log_out, nl

pytestmark = pytest.mark.browser

PAIN_001 = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
DATA_MIGRATIONS = (
    "openopvang.accounts.migrations.0002_load_municipalities.load",
    "openopvang.support.migrations.0002_seed_vwn_catalogue.seed",
)
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def demo(transactional_db, settings):
    settings.TASKS = DATABASE_QUEUE
    # A fresh install holds what its data migrations load (the municipalities,
    # the NGO's service catalogue); a browser test's database is emptied after
    # each test, so load them again as a fresh install has them.
    for migration in DATA_MIGRATIONS:
        module, function = migration.rsplit(".", 1)
        getattr(import_module(module), function)(django_apps, None)
    return data.load_demo(timezone.localdate(), write=lambda text: None)


def demo_login(page, username: str) -> None:
    fill_login_form(page, username, data.DEMO_PASSWORD)
    assert "/accounts/login" not in page.url, page.locator("main").inner_text()


def test_a_demo_payment_run_is_approved_and_its_sepa_file_downloaded(page, demo):
    # The month before the demo's own runs (the last quarter of last year,
    # whose leefgeld amounts are published): a month the demo left to compute.
    first = data.run_months(timezone.localdate())[0]
    september = first.replace(month=first.month - 1)
    month = september.strftime("%Y-%m")
    utrecht = Organisation.objects.get(code="GM0344")

    demo_login(page, "utrecht.finance")
    page.get_by_role("navigation", name=nl("Main navigation")).get_by_role(
        "link", name=nl("Leefgeld")
    ).click()
    page.get_by_label(nl("Month")).fill(month)
    page.get_by_role("button", name=nl("Compute the run")).click()
    assert re.search(r"/allowances/runs/\d+/$", page.url), page.url
    page.get_by_role("button", name=nl("Prepare for approval")).click()
    expect(page.locator(".utrecht-status-badge")).to_have_text(nl("Prepared"))
    run = PaymentRun.objects.get(municipality=utrecht, month=september)
    assert run.sepa_total > 0, "the demo has households paid by bank"
    log_out(page)

    demo_login(page, "utrecht.finance2")
    page.goto(f"/allowances/runs/{run.pk}/")
    page.get_by_role("link", name=nl("Approve and freeze")).click()
    expect(page.locator("#summary")).to_contain_text(nl("Total"))
    page.get_by_role("button", name=nl("Yes, approve and freeze")).click()
    expect(page.locator(".utrecht-status-badge")).to_have_text(nl("Approved (frozen)"))

    with page.expect_download() as download_info:
        page.get_by_role(
            "link", name=nl("SEPA credit transfer file (pain.001) for the bank")
        ).click()
    root = ET.fromstring(Path(download_info.value.path()).read_bytes())
    initiation = root.find("p:CstmrCdtTrfInitn", PAIN_001)
    assert initiation is not None, "not a pain.001.001.03 file"
    run.refresh_from_db()
    assert Decimal(initiation.find("p:GrpHdr/p:CtrlSum", PAIN_001).text) == run.sepa_total
    transfers = initiation.findall("p:PmtInf/p:CdtTrfTxInf", PAIN_001)
    assert len(transfers) == run.items.filter(method="sepa", amount__gt=0).count() > 0
    debtor = initiation.find("p:PmtInf/p:DbtrAcct/p:Id/p:IBAN", PAIN_001).text
    assert debtor == utrecht.iban  # the demo gives each municipality a debtor account
    assert_no_page_problems(page)


def test_the_national_totals_finish_once_a_worker_runs(page, demo):
    demo_login(page, "noo.viewer")
    page.goto("/declarations/national/")
    page.get_by_role("button", name=nl("Compute the national totals")).click()
    progress = page.locator("#national-progress")
    computing = nl(
        "Computing in the background: %(done)s of %(count)s municipalities "
        "(%(percent)s%%). This page updates by itself; reload it if it does not."
    )
    expect(progress).to_contain_text(computing.split(":")[0])
    assert NationalRun.objects.get().status == "queued"

    # The worker the demo starts beside the web server, here for one batch.
    call_command("db_worker", "--batch", verbosity=0)
    # The page polls and shows the result without a reload.
    expect(progress).to_contain_text(nl("Show the results"), timeout=15_000)
    page.get_by_role("link", name=nl("Show the results")).click()
    expect(page.locator("#national-total")).to_be_visible()
    assert NationalRun.objects.get().status == "done"
    assert_no_page_problems(page)
