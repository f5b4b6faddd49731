"""Web pages: what users see, scoping (404), restricted person fields, audit
of participant pages, the budget warning, and the public page."""

import datetime
import re

import pytest
from django.test import Client
from freezegun import freeze_time

from openopvang.audit.models import AuditEvent
from openopvang.core.testing.factories import MunicipalityFactory
from openopvang.core.testing.html import page_text
from openopvang.core.testing.pdf import pdf_text
from openopvang.support import services
from openopvang.support.models import InvoiceStatus, LineStatus, OfferStatus, Session

from .conftest import SECRET_BSN, SECRET_IBAN, SECRET_NOTE, YEAR
from .test_flow import MARCH, deliver_march

pytestmark = pytest.mark.django_db


def shows_amount(page: str, amount: str) -> bool:
    """The amount in English (1050.00) or Dutch (1050,00) notation."""
    return amount in page or amount.replace(".", ",") in page


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_offer_made_sent_accepted_in_the_browser(ngo_worker, coordinator, municipality, service):
    ngo = client_for(ngo_worker)
    response = ngo.post(
        "/support/offers/new/",
        {"municipality": municipality.pk, "title": "Maatwerk 2025", "notes": ""},
    )
    assert response.status_code == 302
    offer_url = response["Location"]
    response = ngo.post(
        offer_url,
        {
            "service": service("mindfit").pk,
            "units": "12",
            "unit_price": "87.50",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
        },
    )
    assert response.status_code == 302
    page = ngo.get(offer_url).content.decode()
    assert shows_amount(page, "1050.00") and "MindFit" in page
    ngo.post(offer_url + "send/")
    gemeente = client_for(coordinator)
    page = gemeente.get(offer_url).content.decode()
    assert "accept/" in page
    response = gemeente.post(offer_url + "accept/")
    assert response.status_code == 302 and "/support/orders/" in response["Location"]
    order_page = gemeente.get(response["Location"]).content.decode()
    assert "VWN-GM0344-001" in order_page and shows_amount(order_page, "1050.00")


def test_decline_in_the_browser_needs_reason(ngo_worker, coordinator, municipality, service):
    offer = services.create_offer(
        ngo_worker,
        municipality=municipality,
        title="T",
        lines=[
            {
                "service": service("owm"),
                "units": 1,
                "unit_price": 1,
                "period_start": YEAR[0],
                "period_end": YEAR[1],
            }
        ],
    )
    services.send_offer(ngo_worker, offer)
    gemeente = client_for(coordinator)
    gemeente.post(f"/support/offers/{offer.pk}/decline/", {"reason": ""})
    offer.refresh_from_db()
    assert offer.status == OfferStatus.SENT
    gemeente.post(f"/support/offers/{offer.pk}/decline/", {"reason": "Geen budget"})
    offer.refresh_from_db()
    assert (offer.status, offer.decline_reason) == (OfferStatus.DECLINED, "Geen budget")


def test_session_form_warns_before_exceeding_and_saves_after_confirmation(
    order, lines, persons, ngo_worker
):
    guidance, _ = lines
    services.register_session(ngo_worker, guidance, date=datetime.date(2025, 2, 3), hours=39)
    ngo = client_for(ngo_worker)
    url = f"/support/order-lines/{guidance.pk}/sessions/new/"
    data = {"date": "2025-02-04", "hours": "2", "description": "Extra"}
    response = ngo.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="exceeds-order-warning"' in page and 'name="confirm_exceeding"' in page
    assert Session.objects.filter(order_line=guidance).count() == 1
    response = ngo.post(url, {**data, "confirm_exceeding": "on"})
    assert response.status_code == 302
    assert Session.objects.filter(order_line=guidance).count() == 2


def test_invoice_made_sent_approved_and_disputed_in_the_browser(
    order, lines, persons, ngo_worker, finance_officer
):
    deliver_march(ngo_worker, lines, persons)
    ngo = client_for(ngo_worker)
    response = ngo.post(f"/support/orders/{order.pk}/invoices/", {"month": "2025-03"})
    assert response.status_code == 302
    invoice_url = response["Location"]
    assert shows_amount(ngo.get(invoice_url).content.decode(), "323.33")
    ngo.post(invoice_url + "send/")
    finance = client_for(finance_officer)
    invoice = order.invoices.get()
    first, second = invoice.lines.order_by("id")
    finance.post(invoice_url + "approve/", {"line": first.pk})
    finance.post(invoice_url + "dispute/", {"line": second.pk, "reason": "Wrong count"})
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.SETTLED
    assert [line.status for line in invoice.lines.order_by("id")] == [
        LineStatus.APPROVED,
        LineStatus.DISPUTED,
    ]
    pdf = finance.get(invoice_url + "download.pdf")
    text = pdf_text(pdf.content)
    assert "Factuur VWN-GM0344-001-202503" in text and "Status: Afgehandeld" in text
    # A table cell may wrap (the shipped Noto Sans sets it), so read it as one run of words.
    words = " ".join(text.split())
    assert "Betwist: Wrong count" in words and "Totaal 323,33" in text
    # The line page lists the sessions it is built from, and the view is audited.
    page = finance.get(f"/support/invoice-lines/{first.pk}/").content.decode()
    assert "5 March 2025" in page and "12 March 2025" in page
    assert AuditEvent.objects.filter(
        action="view", object_type="support.InvoiceLine", actor=finance_officer
    ).exists()


def test_ngo_pages_show_only_enrolled_persons_and_no_secrets(
    order, lines, persons, ngo_worker, finance_officer
):
    deliver_march(ngo_worker, lines, persons)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    ngo = client_for(ngo_worker)
    pages = {
        url: ngo.get(url)
        for url in (
            "/support/",
            f"/support/orders/{order.pk}/",
            f"/support/orders/{order.pk}/participants/",
            f"/support/order-lines/{lines[1].pk}/sessions/new/",
            f"/support/invoices/{invoice.pk}/",
            f"/support/invoice-lines/{invoice.lines.first().pk}/",
        )
    }
    for url, response in pages.items():
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in (SECRET_BSN, SECRET_IBAN, SECRET_NOTE):
            assert secret not in body, (url, secret)
        assert persons[2].family_name not in body, url  # not enrolled
    participants = pages[f"/support/orders/{order.pk}/participants/"].content.decode()
    assert persons[0].family_name in participants
    assert persons[0].family_name_cyrillic in participants
    assert "0612345678" in participants and "olena@example.org" in participants
    # The registry is for municipal staff.
    assert ngo.get(f"/registry/persons/{persons[0].pk}/").status_code == 404
    # Viewing participants is audited.
    event = AuditEvent.objects.filter(
        action="view", object_type="registry.Person", actor=ngo_worker
    ).get()
    assert sorted(event.shown_ids("registry.Person")) == sorted([persons[0].pk, persons[1].pk])


def test_other_municipalities_national_and_other_ngos_get_404(
    order, lines, persons, ngo_worker, outsider, national_user, other_ngo_worker
):
    deliver_march(ngo_worker, lines, persons)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    services.send_invoice(ngo_worker, invoice)
    urls = [
        f"/support/offers/{order.offer_id}/",
        f"/support/orders/{order.pk}/",
        f"/support/orders/{order.pk}/participants/",
        f"/support/order-lines/{lines[0].pk}/sessions/new/",
        f"/support/invoices/{invoice.pk}/",
        f"/support/invoices/{invoice.pk}/download.pdf",
        f"/support/invoice-lines/{invoice.lines.first().pk}/",
    ]
    for user in (outsider, national_user, other_ngo_worker):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user.username, url)
        assert (
            client.post(
                f"/support/invoices/{invoice.pk}/approve/", {"line": invoice.lines.first().pk}
            ).status_code
            == 404
        )


def test_municipality_does_not_see_draft_invoices(
    order, lines, persons, ngo_worker, finance_officer
):
    deliver_march(ngo_worker, lines, persons)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    assert client_for(finance_officer).get(f"/support/invoices/{invoice.pk}/").status_code == 404


def test_public_page_in_ukrainian_without_login_and_without_personal_data(
    order, lines, persons, ngo_worker, freezer_date
):
    deliver_march(ngo_worker, lines, persons)
    response = Client().get("/public/GM0344/services/?lang=uk")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="uk"' in page
    assert response["Content-Language"] == "uk"
    assert "Послуги підтримки" in page  # the page's own texts are Ukrainian too
    assert "Підтримка батьків" in page and "Соціальний супровід" in page
    assert "П'ять групових зустрічей" in page or "П&#x27;ять групових зустрічей" in page
    for person in persons:
        assert person.family_name not in page and person.given_names_cyrillic not in page
    for secret in (SECRET_BSN, SECRET_IBAN, SECRET_NOTE):
        assert secret not in page
    assert "MindFit" not in page  # not ordered
    english = Client().get("/public/GM0344/services/?lang=en").content.decode()
    assert "Parenting support" in english and 'lang="en"' in english
    # Another municipality without orders: an empty list, not another's services.
    MunicipalityFactory(code="GM0014", name="Groningen")
    assert "Parenting" not in Client().get("/public/GM0014/services/?lang=en").content.decode()
    assert Client().get("/public/GM9999/services/").status_code == 404


@pytest.fixture
def freezer_date(monkeypatch):
    """The public page lists services ordered for today: pretend it is 2025-05-01."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2025, 5, 1))


def test_an_offer_posted_without_a_title_marks_the_field_invalid(ngo_worker, municipality):
    """Support forms use core's DesignSystemFormMixin: a field with an error
    carries the NL Design System invalid modifier, as in every other app."""
    response = client_for(ngo_worker).post(
        "/support/offers/new/", {"municipality": municipality.pk, "title": "", "notes": ""}
    )
    assert response.status_code == 200
    title = re.search(r'<input[^>]*name="title"[^>]*>', response.content.decode()).group(0)
    assert "utrecht-textbox--invalid" in title
    municipality_select = re.search(
        r'<select[^>]*name="municipality"[^>]*>', response.content.decode()
    ).group(0)
    assert "utrecht-select--invalid" not in municipality_select


def test_sending_an_invoice_first_shows_what_it_charges(
    order, lines, persons, ngo_worker, finance_officer
):
    deliver_march(ngo_worker, lines, persons)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    ngo = client_for(ngo_worker)
    url = f"/support/invoices/{invoice.pk}/send/"
    detail = ngo.get(f"/support/invoices/{invoice.pk}/", HTTP_ACCEPT_LANGUAGE="nl")
    assert f'href="{url}"' in detail.content.decode()

    with freeze_time("2025-04-03"):
        text = page_text(ngo.get(url, HTTP_ACCEPT_LANGUAGE="nl"))
    assert f"Factuur {invoice.number} versturen aan" in text
    assert "3 april 2025" in text and "uiterlijk te betalen op 3 mei 2025" in text
    assert "323,33" in text and "Ja, factuur versturen" in text
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.DRAFT  # looking sends nothing

    ngo.post(url)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.SENT
    # Sent: the page no longer offers to send, and the municipality cannot send it.
    assert "Ja, factuur versturen" not in page_text(ngo.get(url, HTTP_ACCEPT_LANGUAGE="nl"))
    finance = client_for(finance_officer)
    assert "Ja, factuur versturen" not in page_text(finance.get(url, HTTP_ACCEPT_LANGUAGE="nl"))
