"""A month of leefgeld in a real browser, with four eyes: finance officer A
computes and prepares the March 2025 run, may not approve it herself; finance
officer B approves it and downloads the SEPA pain.001 file for the bank."""

import datetime
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from openopvang.accounts.models import Role
from openopvang.allowances.models import PaymentRun
from openopvang.core.testing import factories

from .conftest import assert_no_page_problems, dutch_amount, log_out, nl

pytestmark = pytest.mark.browser

PAIN_001 = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
PAYEE_IBAN = "NL02ABNA0123456789"


@pytest.fixture
def debtor(municipality):
    """The municipality pays from its own account (the SEPA debtor)."""
    municipality.iban = "NL91ABNA0417164300"
    municipality.bic = "ABNANL2A"
    municipality.save()
    return municipality


@pytest.fixture
def finance_b(municipality):
    return factories.UserFactory(username="finance_b", organisation=municipality, role=Role.FINANCE)


@pytest.fixture
def household(municipality):
    """Olena and Andrii Shevchenko, two adults placed in a GOO building
    without catering from 1 March 2025; Olena receives the leefgeld."""
    location = factories.LocationFactory(
        municipality=municipality,
        name="Sporthal Oost",
        catering=False,
        opened_on=datetime.date(2025, 1, 1),
    )
    factories.CapacityPeriodFactory(
        location=location, start_date=datetime.date(2025, 1, 1), places=40
    )
    household = factories.HouseholdFactory(municipality=municipality, name="Shevchenko")
    olena = factories.PersonFactory(
        municipality=municipality,
        given_names="Olena",
        family_name="Shevchenko",
        given_names_cyrillic="Олена",
        family_name_cyrillic="Шевченко",
        birth_date=datetime.date(1985, 3, 2),
        iban=PAYEE_IBAN,
    )
    andrii = factories.PersonFactory(
        municipality=municipality,
        given_names="Andrii",
        family_name="Shevchenko",
        birth_date=datetime.date(1983, 6, 1),
    )
    for person in (olena, andrii):
        factories.MembershipFactory(
            household=household, person=person, start_date=datetime.date(2025, 3, 1)
        )
        factories.PlacementFactory(
            person=person, location=location, start_date=datetime.date(2025, 3, 1)
        )
    household.payee = olena
    household.save()
    return household


def run_total(page) -> Decimal:
    total = page.locator(".oo-data-list .utrecht-data-list__item").filter(
        has=page.get_by_text(nl("Total"), exact=True)
    )
    return dutch_amount(total.locator("dd").inner_text())


def messages(page):
    return page.locator(".oo-messages")


def test_prepare_refuse_same_user_approve_by_second_user_and_download_sepa(
    page, login, finance_officer, finance_b, debtor, household, axe_check
):
    # --- Finance officer A computes the March 2025 run and prepares it.
    login(page, finance_officer)
    leefgeld = page.get_by_role("navigation", name=nl("Main navigation")).get_by_role(
        "link", name=nl("Leefgeld")
    )
    leefgeld.click()
    page.get_by_label(nl("Month")).fill("2025-03")
    page.get_by_role("button", name=nl("Compute the run")).click()
    assert re.search(r"/allowances/runs/\d+/$", page.url), page.url
    expect(messages(page)).to_contain_text(nl("Draft run computed: check it, then prepare it."))
    expect(page.get_by_role("heading", level=1)).to_contain_text("maart 2025")
    # Two adults in GOO without catering, a whole month: 2 × € 314,84.
    assert run_total(page) == Decimal("629.68")
    payments = page.get_by_role("table", name=nl("Payments"))
    expect(payments.get_by_role("row")).to_have_count(2)  # header + the household
    expect(payments).to_contain_text("Shevchenko")
    expect(payments).to_contain_text(PAYEE_IBAN)
    expect(payments).to_contain_text("629,68")

    page.get_by_role("button", name=nl("Prepare for approval")).click()
    # A confirmation appears (its text is English for now: see
    # test_run_action_confirmations_are_in_dutch below).
    expect(messages(page).locator(".utrecht-alert--ok")).to_be_visible()
    expect(page.locator(".utrecht-status-badge")).to_have_text(nl("Prepared"))
    four_eyes = nl("Four eyes: you prepared this run, so another finance officer must approve it.")
    # A sees no approve button, only why.
    expect(page.get_by_role("link", name=nl("Approve and freeze"))).to_have_count(0)
    expect(page.get_by_text(four_eyes)).to_be_visible()
    run_url = page.url

    # Even a hand-made approve request (an old tab, a crafted POST with A's
    # session and CSRF token) is refused by the server with the same message.
    run = PaymentRun.objects.get()
    page.evaluate(
        """(action) => {
            const form = document.createElement('form');
            form.method = 'post';
            form.action = action;
            form.appendChild(document.querySelector("input[name=csrfmiddlewaretoken]").cloneNode());
            document.body.appendChild(form);
            form.submit();
        }""",
        f"/allowances/runs/{run.pk}/approve/",
    )
    page.wait_for_url(run_url)
    expect(messages(page).locator(".utrecht-alert--error")).to_contain_text(four_eyes)
    run.refresh_from_db()
    assert run.status == "prepared" and run.approved_by is None
    axe_check(page, context_name="prepared payment run, seen by the preparer")
    log_out(page)

    # --- Finance officer B approves.
    login(page, finance_b)
    leefgeld.click()
    page.get_by_role("link", name=re.compile(rf"^maart 2025 \(#{run.pk}\)")).click()
    assert page.url == run_url
    expect(page.get_by_text(four_eyes)).to_have_count(0)
    page.get_by_role("link", name=nl("Approve and freeze")).click()
    # Check your answers: the totals first, then the irreversible step.
    expect(page.locator("#summary")).to_contain_text(nl("Total"))
    page.get_by_role("button", name=nl("Yes, approve and freeze")).click()
    expect(messages(page).locator(".utrecht-alert--ok")).to_be_visible()
    expect(page.locator(".utrecht-status-badge")).to_have_text(nl("Approved (frozen)"))
    expect(page.get_by_role("link", name=nl("Approve and freeze"))).to_have_count(0)
    approved_by = nl("Approved by %(who)s on %(when)s; this run no longer changes.")
    expect(page.locator("main")).to_contain_text(
        approved_by.split("%(when)s")[0] % {"who": "finance_b"}
    )
    run.refresh_from_db()
    assert (run.status, run.prepared_by, run.approved_by) == (
        "approved",
        finance_officer,
        finance_b,
    )
    axe_check(page, context_name="approved payment run")

    # --- The SEPA file: one transfer of € 629.68 to Olena's account.
    with page.expect_download() as download_info:
        page.get_by_role(
            "link", name=nl("SEPA credit transfer file (pain.001) for the bank")
        ).click()
    download = download_info.value
    assert download.suggested_filename == f"leefgeld-GM0344-2025-03-run{run.pk}.xml"
    root = ET.fromstring(Path(download.path()).read_bytes())
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", PAIN_001)
    assert header is not None, "not a pain.001.001.03 file"
    assert header.find("p:NbOfTxs", PAIN_001).text == "1"
    assert Decimal(header.find("p:CtrlSum", PAIN_001).text) == Decimal("629.68")
    debtor_iban = root.find("p:CstmrCdtTrfInitn/p:PmtInf/p:DbtrAcct/p:Id/p:IBAN", PAIN_001)
    assert debtor_iban.text == "NL91ABNA0417164300"
    transfer = root.find("p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf", PAIN_001)
    assert transfer.find("p:CdtrAcct/p:Id/p:IBAN", PAIN_001).text == PAYEE_IBAN
    assert transfer.find("p:Amt/p:InstdAmt", PAIN_001).text == "629.68"
    assert_no_page_problems(page)


def test_run_action_confirmations_are_in_dutch(page, login, finance_officer, household, debtor):
    login(page, finance_officer)
    page.goto("/allowances/")
    page.get_by_label(nl("Month")).fill("2025-03")
    page.get_by_role("button", name=nl("Compute the run")).click()
    page.get_by_role("button", name=nl("Prepare for approval")).click()
    expect(messages(page)).to_contain_text(
        nl("Prepared: another finance officer can now approve the run."), timeout=2_000
    )
