"""Support services from offer to declaration, in a real browser, by three
people of two organisations: VluchtelingenWerk's NGO worker publishes an
offer, the municipality's coordinator accepts it and enrols two people, the
NGO registers a session and sends the invoice, the municipality's finance
officer approves it and finds the line in the BooO declaration. The
catalogue, order and public pages pass an axe WCAG 2.1 AA scan."""

import importlib
import re
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from django.utils.text import capfirst
from playwright.sync_api import expect

from openopvang.accounts.models import Organisation, Role
from openopvang.core.testing import factories
from openopvang.support.models import Invoice, Offer, OfferLine, Order, Service

from .conftest import assert_no_page_problems, dutch_amount, log_out, nl

pytestmark = pytest.mark.browser

PARENTING = "ouderschapsondersteuning"  # per participant: paid once per person


def label(model, field: str) -> str:
    """The label Django gives a model form field, in Dutch."""
    return capfirst(nl(str(model._meta.get_field(field).verbose_name)))


def main_nav(page):
    return page.get_by_role("navigation", name=nl("Main navigation"))


def flash(page):
    return page.locator(".oo-messages")


@pytest.fixture
def vwn(transactional_db):
    """VluchtelingenWerk with its catalogue, as the data migration seeds it.
    The live server runs on a transactional test database that is emptied
    after every test, so after another browser test the migrated rows are
    gone: seed them again with the migration's own (idempotent) function.
    (serialized_rollback would restore them, but clashes with the content
    types that the flush of an earlier test re-creates.)"""
    from django.apps import apps

    seed = importlib.import_module("openopvang.support.migrations.0002_seed_vwn_catalogue").seed
    seed(apps, None)
    return Organisation.objects.get(code="VWN")


@pytest.fixture
def ngo_worker(vwn):
    return factories.UserFactory(username="vwn-worker", organisation=vwn, role=Role.NGO_WORKER)


@pytest.fixture
def parents(municipality):
    return [
        factories.PersonFactory(
            municipality=municipality,
            given_names="Olena",
            family_name="Shevchenko",
            given_names_cyrillic="Олена",
            family_name_cyrillic="Шевченко",
        ),
        factories.PersonFactory(
            municipality=municipality,
            given_names="Andrii",
            family_name="Bondarenko",
            given_names_cyrillic="Андрій",
            family_name_cyrillic="Бондаренко",
        ),
    ]


def test_offer_order_enrolment_session_invoice_approval_and_declaration(
    page,
    login,
    ngo_worker,
    coordinator,
    finance_officer,
    municipality,
    parents,
    vwn,
    axe_check,
):
    today = timezone.localdate()
    year_start, year_end = today.replace(month=1, day=1), today.replace(month=12, day=31)
    parenting = Service.objects.get(provider=vwn, code=PARENTING)
    parenting_nl = parenting.title("nl")

    # --- The NGO worker looks at the catalogue and makes an offer.
    login(page, ngo_worker)
    main_nav(page).get_by_role("link", name=nl("Support services")).click()
    expect(main_nav(page).get_by_role("link", name=nl("Support services"))).to_have_attribute(
        "aria-current", "page"
    )
    # An NGO worker has no declaration or leefgeld in the navigation.
    expect(main_nav(page).get_by_role("link", name=nl("Declaration"))).to_have_count(0)
    page.get_by_role("link", name=nl("Catalogue")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Catalogue of support services"))
    catalogue = page.get_by_role("table")
    expect(catalogue.get_by_role("row").filter(has_text=parenting_nl)).to_contain_text(vwn.name)
    axe_check(page, context_name="catalogue (NGO worker)")

    page.go_back()
    page.get_by_role("link", name=nl("New offer")).click()
    page.get_by_label(nl("Municipality")).select_option(label=municipality.name)
    page.get_by_label(label(Offer, "title")).fill(f"Ouderschapsondersteuning {today.year}")
    page.get_by_label(label(Offer, "notes")).fill("Vijf bijeenkomsten in het buurthuis.")
    page.get_by_role("button", name=nl("Save")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"Ouderschapsondersteuning {today.year}"
    )

    page.get_by_label(label(OfferLine, "service")).select_option(label=parenting_nl)
    page.get_by_label(label(OfferLine, "units")).fill("15")
    page.get_by_label(label(OfferLine, "unit_price")).fill("120.00")
    page.get_by_label(label(OfferLine, "period_start")).fill(year_start.isoformat())
    page.get_by_label(label(OfferLine, "period_end")).fill(year_end.isoformat())
    page.get_by_role("button", name=nl("Add line")).click()
    offer_lines = page.get_by_role("table")
    expect(offer_lines.get_by_role("row").filter(has_text=parenting_nl)).to_contain_text("1800")
    page.get_by_role("button", name=nl("Send offer to the municipality")).click()
    expect(flash(page)).to_contain_text(nl("The offer has been sent to the municipality."))
    offer_url = page.url
    log_out(page)

    # --- The municipality's coordinator accepts it and enrols two parents.
    login(page, coordinator)
    main_nav(page).get_by_role("link", name=nl("Support services")).click()
    page.get_by_role("link", name=f"Ouderschapsondersteuning {today.year}").click()
    assert page.url == offer_url
    page.get_by_role("button", name=nl("Accept offer (creates an order)")).click()
    order = Order.objects.get()
    assert urlparse(page.url).path == order.get_absolute_url()
    expect(flash(page)).to_contain_text(order.number)
    expect(page.get_by_role("heading", level=1)).to_contain_text(order.number)

    for person in parents:
        page.get_by_label(nl("Service"), exact=True).select_option(label=parenting_nl)
        # The person picker: type part of the name, choose from the matches.
        page.get_by_label(nl("Person"), exact=True).fill(person.given_names)
        page.get_by_label(re.compile(re.escape(person.full_name))).check()
        page.get_by_label(nl("Enrolled on")).fill(today.isoformat())
        page.get_by_role("button", name=nl("Enrol"), exact=True).click()
        expect(flash(page)).to_contain_text(nl("The person has been enrolled."))
    ordered = page.get_by_role("table").first.get_by_role("row").filter(has_text=parenting_nl)
    expect(ordered.get_by_role("cell").nth(8)).to_have_text("2")  # participants
    axe_check(page, context_name="order page (coordinator)")
    log_out(page)

    # --- The NGO registers today's meeting with both present, and invoices it.
    login(page, ngo_worker)
    page.goto(order.get_absolute_url())
    page.get_by_role("link", name=nl("Register delivery")).click()
    page.get_by_label(nl("Date"), exact=True).fill(today.isoformat())
    page.get_by_label(nl("Hours"), exact=True).fill("2")
    page.get_by_label(re.compile(rf"^{re.escape(nl('Description'))}\b")).fill("Eerste bijeenkomst")
    for person in parents:
        page.get_by_role("checkbox", name=person.full_name).check()
    page.get_by_role("button", name=nl("Save")).click()
    expect(flash(page)).to_contain_text(nl("The session has been registered."))
    delivery = page.get_by_role("row").filter(has_text="Eerste bijeenkomst")
    # Present: 2; per participant, each counted once: 2 units.
    expect(delivery.get_by_role("cell").nth(4)).to_have_text("2")
    expect(delivery.get_by_role("cell").nth(5)).to_have_text(re.compile(r"^2([.,]00)?$"))

    page.get_by_label(nl("Month"), exact=True).fill(today.strftime("%Y-%m"))
    # This month has not ended yet: an interim invoice (tussentijdse factuur).
    page.get_by_label(nl("Interim invoice (tussentijdse factuur)")).check()
    page.get_by_role("button", name=nl("Make the invoice for this month")).click()
    invoice = Invoice.objects.get()
    assert urlparse(page.url).path == invoice.get_absolute_url()
    expect(page.get_by_role("heading", level=1)).to_contain_text(invoice.number)
    invoice_line = page.get_by_role("row").filter(has_text=parenting_nl)
    expect(invoice_line.get_by_role("cell").nth(3)).to_have_text(re.compile(r"^240[.,]00$"))
    page.get_by_role("link", name=nl("Send invoice to the municipality")).click()
    # Check your answers: what the invoice charges, then send.
    expect(page.locator("#total")).to_have_text(re.compile(r"240[.,]00"))
    page.get_by_role("button", name=nl("Yes, send the invoice")).click()
    expect(flash(page)).to_contain_text(nl("The invoice has been sent."))
    log_out(page)

    # --- The municipality's finance officer approves the line ...
    login(page, finance_officer)
    main_nav(page).get_by_role("link", name=nl("Support services")).click()
    page.get_by_role("link", name=invoice.number).click()
    page.get_by_role("row").filter(has_text=parenting_nl).get_by_role(
        "button", name=nl("Approve"), exact=True
    ).click()
    invoice.refresh_from_db()
    assert invoice.status == "settled" and invoice.approved_total == Decimal("240.00")
    expect(page.get_by_role("button", name=nl("Approve"), exact=True)).to_have_count(0)

    # ... and finds it in this year's BooO declaration, traceable to the invoice.
    main_nav(page).get_by_role("link", name=nl("Declaration")).click()
    page.get_by_label(nl("Year")).select_option(str(today.year))
    page.get_by_role("button", name=nl("Open the declaration")).click()
    purchased = page.locator("#components tbody tr[data-component='purchased_services']")
    expect(purchased).to_have_count(1)
    assert dutch_amount(purchased.get_by_role("cell").last.inner_text()) == Decimal("240.00")
    purchased.get_by_role("link").click()
    line_link = page.locator("#lines").get_by_role("link", name=re.compile(invoice.number))
    expect(line_link).to_have_count(1)
    line_link.click()
    source = page.locator("#source-link")
    expect(source).to_be_visible()
    source.click()
    # The invoice line's page: the delivery records it is built from.
    expect(page.get_by_role("main")).to_contain_text(invoice.number)
    expect(page.get_by_role("main")).to_contain_text("Eerste bijeenkomst")
    assert_no_page_problems(page)
    log_out(page)

    # --- The public page, in Ukrainian, lists the service ordered for today.
    page.goto(f"/public/{municipality.code}/services/?lang=uk")
    expect(page.get_by_role("heading", level=2, name=parenting.title("uk"))).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(vwn.name)
    expect(page.locator("[lang='uk'] h1")).to_be_visible()
    axe_check(page, context_name="public services page (uk)")
