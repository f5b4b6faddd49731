"""What a Dutch invoice carries, read back from the PDF the municipality
downloads and from the invoice page: invoice number and date, supplier name,
address, KvK number and IBAN, recipient name and address, the VAT exemption
and the payment term with its due date. Missing supplier details give a
warning on the page, not a crash."""

import datetime

import pytest
from django.test import Client

from openopvang.accounts.models import Organisation, Role
from openopvang.core.formatting import long_date
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text
from openopvang.core.testing.pdf import pdf_text
from openopvang.support import services
from openopvang.support.models import PAYMENT_TERM_DAYS

from .conftest import nl
from .test_flow import MARCH, deliver_march

pytestmark = pytest.mark.django_db

VWN_IBAN = "NL44RABO0123456789"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def words(text: str) -> str:
    """A PDF's text as one run of words (an address block may wrap)."""
    return " ".join(text.split())


@pytest.fixture
def complete_details(vwn, municipality):
    vwn.letter_name = "VluchtelingenWerk Nederland, regio Midden"
    vwn.street_address, vwn.postcode, vwn.city = "Postbus 2894", "1000 CW", "Amsterdam"
    vwn.kvk_number, vwn.iban = "40530212", VWN_IBAN
    vwn.full_clean()
    vwn.save()
    municipality.letter_name = "Gemeente Utrecht, afdeling Opvang"
    municipality.street_address, municipality.postcode, municipality.city = (
        "Stadsplateau 1",
        "3521 AZ",
        "Utrecht",
    )
    municipality.save()
    return vwn, municipality


def test_the_pdf_carries_what_a_dutch_invoice_needs(
    order, lines, persons, ngo_worker, finance_officer, complete_details
):
    deliver_march(ngo_worker, lines, persons)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    services.send_invoice(ngo_worker, invoice)
    invoice.refresh_from_db()
    response = client_for(finance_officer).get(f"/support/invoices/{invoice.pk}/download.pdf")
    assert response.status_code == 200
    text = words(pdf_text(response.content))
    invoice_date = long_date(invoice.invoice_date, "nl")
    due_date = long_date(invoice.invoice_date + datetime.timedelta(days=PAYMENT_TERM_DAYS), "nl")
    for expected in (
        f"Factuur {invoice.number}",
        f"{nl('Invoice number')}: {invoice.number}",
        f"{nl('Invoice date')}: {invoice_date}",
        # supplier
        "VluchtelingenWerk Nederland, regio Midden",
        "Postbus 2894",
        "1000 CW AMSTERDAM",
        f"{nl('KvK number')}: 40530212",
        f"IBAN: {VWN_IBAN}",
        # recipient
        "Gemeente Utrecht, afdeling Opvang",
        "Stadsplateau 1",
        "3521 AZ UTRECHT",
        # VAT and payment
        f"{nl('VAT')}: {nl('VAT exempt (art. 11 Wet OB)')}",
        nl("%(days)s days after the invoice date", days=PAYMENT_TERM_DAYS),
        nl("pay by %(date)s", date=due_date),
        "Totaal 323,33",
    ):
        assert expected in text, expected
    assert nl("Interim invoice") not in text


def test_the_invoice_page_shows_the_same_details(
    order, lines, persons, ngo_worker, finance_officer, complete_details
):
    deliver_march(ngo_worker, lines, persons)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    ngo = client_for(ngo_worker)
    draft = page_text(ngo.get(invoice.get_absolute_url()))
    assert "Invoice date set when the invoice is sent" in draft
    assert "This invoice lacks details" not in draft
    services.send_invoice(ngo_worker, invoice)
    invoice.refresh_from_db()
    page = page_text(client_for(finance_officer).get(invoice.get_absolute_url()))
    due = long_date(invoice.invoice_date + datetime.timedelta(days=30), "en")
    for expected in (
        f"Invoice date {long_date(invoice.invoice_date, 'en')}",
        f"Payment term 30 days after the invoice date; pay by {due}",
        "VAT VAT exempt (art. 11 Wet OB)",
        "KvK number 40530212",
        f"IBAN {VWN_IBAN}",
        "Supplier VluchtelingenWerk Nederland, regio Midden Postbus 2894 1000 CW AMSTERDAM",
        "Invoice to Gemeente Utrecht, afdeling Opvang Stadsplateau 1 3521 AZ UTRECHT",
    ):
        assert expected in page, expected


def test_missing_supplier_details_give_a_warning_not_a_crash(
    order, lines, persons, ngo_worker, vwn
):
    assert not (vwn.kvk_number or vwn.iban or vwn.street_address)
    deliver_march(ngo_worker, lines, persons)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    ngo = client_for(ngo_worker)
    response = ngo.get(invoice.get_absolute_url())
    assert response.status_code == 200
    assert 'id="missing-invoice-details"' in response.content.decode()
    text = page_text(response)
    assert "This invoice lacks details a Dutch invoice needs:" in text
    for missing in (
        "the postal address of VluchtelingenWerk Nederland",
        "the KvK number of VluchtelingenWerk Nederland",
        "the IBAN of VluchtelingenWerk Nederland",
        "the postal address of Utrecht",
    ):
        assert missing in text, missing
    # An NGO worker cannot change the settings: no link to a page that refuses.
    assert "/accounts/organisation/" not in response.content.decode()
    pdf = ngo.get(invoice.get_absolute_url() + "download.pdf")
    assert pdf.status_code == 200
    assert f"Factuur {invoice.number}" in pdf_text(pdf.content)


def test_an_administrator_is_led_to_the_settings_that_complete_the_invoice(
    order, lines, persons, ngo_worker, vwn
):
    deliver_march(ngo_worker, lines, persons)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    admin = factories.UserFactory(username="vwn-admin", organisation=vwn, role=Role.ADMINISTRATOR)
    page = client_for(admin).get(invoice.get_absolute_url()).content.decode()
    assert 'href="/accounts/organisation/"' in page
    # Once filled in, the warning names only what is still missing.
    Organisation.objects.filter(pk=vwn.pk).update(
        street_address="Postbus 2894", postcode="1000 CW", city="Amsterdam", kvk_number="40530212"
    )
    text = page_text(client_for(admin).get(invoice.get_absolute_url()))
    assert "the IBAN of VluchtelingenWerk Nederland" in text
    assert "the KvK number of" not in text
    assert "the postal address of VluchtelingenWerk Nederland" not in text
