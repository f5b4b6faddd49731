"""Dates a user cannot get wrong unaided: delivery is registered once it has
taken place (not in the future), and a month is invoiced once it has ended,
unless the NGO makes an interim invoice (tussentijdse factuur)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from openopvang.core.testing.html import page_text
from openopvang.core.testing.pdf import pdf_text
from openopvang.support import services
from openopvang.support.models import Invoice, Session

from .conftest import api_as, nl
from .test_flow import MARCH, deliver_march

pytestmark = pytest.mark.django_db

FUTURE = "The date cannot be in the future: delivery is registered once it has taken place."


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


# --- 1. a session's date cannot be in the future -------------------------------------


def test_the_session_form_refuses_a_date_in_the_future(current_lines, ngo_worker):
    guidance, _children = current_lines
    url = f"/support/order-lines/{guidance.pk}/sessions/new/"
    ngo = client_for(ngo_worker)
    response = ngo.post(url, {"date": tomorrow().isoformat(), "hours": "2"})
    assert response.status_code == 200
    assert FUTURE in page_text(response)
    assert not Session.objects.filter(order_line=guidance).exists()
    # Today has taken place (or is taking place): it is registered.
    response = ngo.post(url, {"date": timezone.localdate().isoformat(), "hours": "2"})
    assert response.status_code == 302
    assert Session.objects.filter(order_line=guidance).count() == 1


def test_a_future_date_is_refused_before_asking_to_confirm_exceeding(current_lines, ngo_worker):
    """What is refused anyway is not put to the user to confirm first."""
    guidance, _children = current_lines
    response = client_for(ngo_worker).post(
        f"/support/order-lines/{guidance.pk}/sessions/new/",
        {"date": tomorrow().isoformat(), "hours": "500"},
    )
    assert response.status_code == 200
    text = page_text(response)
    assert FUTURE in text
    assert "This registration exceeds the order." not in text


def test_the_api_refuses_a_delivery_in_the_future(current_lines, ngo_worker):
    guidance, _children = current_lines
    response = api_as(ngo_worker).post(
        "/api/v1/deliveries/",
        {"order_line": guidance.pk, "date": tomorrow().isoformat(), "hours": "1"},
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    params = response.json()["invalidParams"]
    assert [(p["name"], p["reason"]) for p in params] == [("date", FUTURE)]
    assert not Session.objects.filter(order_line=guidance).exists()


# --- 2. a month is invoiced once it has ended, or as an interim invoice ----------------


def test_the_current_month_is_refused_unless_interim(current_lines, ngo_worker):
    guidance, _children = current_lines
    today = timezone.localdate()
    services.register_session(ngo_worker, guidance, date=today, hours=2)
    order = guidance.order
    with pytest.raises(ValidationError) as refused:
        services.generate_invoice(ngo_worker, order, today)
    assert "has not ended yet" in " ".join(refused.value.messages)
    assert "interim invoice" in " ".join(refused.value.messages)
    assert not Invoice.objects.exists()
    invoice = services.generate_invoice(ngo_worker, order, today, interim=True)
    assert invoice.interim and invoice.month == today.replace(day=1)
    assert invoice.total == 100  # 2 hours × € 50.00


def test_an_ended_month_needs_no_interim_mark(order, lines, persons, ngo_worker):
    deliver_march(ngo_worker, lines, persons)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    assert not invoice.interim


def test_the_generate_form_refuses_the_current_month_and_makes_an_interim_invoice(
    current_lines, ngo_worker
):
    guidance, _children = current_lines
    today = timezone.localdate()
    services.register_session(ngo_worker, guidance, date=today, hours=2)
    order = guidance.order
    ngo = client_for(ngo_worker)
    url = f"/support/orders/{order.pk}/invoices/"
    month = today.strftime("%Y-%m")
    response = ngo.post(url, {"month": month}, follow=True)
    text = page_text(response)
    assert "has not ended yet" in text and "Mark it as an interim invoice" in text
    assert not Invoice.objects.exists()
    # The order page offers the checkbox.
    assert 'name="interim"' in response.content.decode()

    response = ngo.post(url, {"month": month, "interim": "on"})
    assert response.status_code == 302
    invoice = Invoice.objects.get()
    assert invoice.interim
    page = page_text(ngo.get(response["Location"]))
    assert f"Interim invoice {invoice.number}" in page
    pdf = " ".join(pdf_text(ngo.get(response["Location"] + "download.pdf").content).split())
    assert f"Factuur {invoice.number}" in pdf and nl("Interim invoice") in pdf
    # The order's list of invoices marks it too.
    assert "(Interim invoice)" in page_text(ngo.get(order.get_absolute_url()))


def test_a_regular_invoice_does_not_say_interim(order, lines, persons, ngo_worker):
    deliver_march(ngo_worker, lines, persons)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    ngo = client_for(ngo_worker)
    page = page_text(ngo.get(invoice.get_absolute_url()))
    assert f"Invoice {invoice.number}" in page and "Interim invoice" not in page
    pdf = pdf_text(ngo.get(invoice.get_absolute_url() + "download.pdf").content)
    assert nl("Interim invoice") not in " ".join(pdf.split())


def test_the_api_refuses_the_current_month_unless_interim(current_lines, ngo_worker):
    guidance, _children = current_lines
    today = timezone.localdate()
    services.register_session(ngo_worker, guidance, date=today, hours=2)
    client = api_as(ngo_worker)
    payload = {"order": guidance.order_id, "month": today.isoformat()}
    refused = client.post("/api/v1/invoices/", payload, format="json")
    assert refused.status_code == 400
    assert refused.json()["invalidParams"][0]["name"] == "interim"
    made = client.post("/api/v1/invoices/", {**payload, "interim": True}, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["interim"] is True
    assert made.json()["invoice_date"] is None  # a draft has no invoice date yet


def test_an_interim_invoice_is_sent_and_settled_before_the_month_ends(
    current_lines, ngo_worker, finance_officer
):
    guidance, _children = current_lines
    today = timezone.localdate()
    services.register_session(ngo_worker, guidance, date=today, hours=2)
    invoice = services.generate_invoice(ngo_worker, guidance.order, today, interim=True)
    services.send_invoice(ngo_worker, invoice)
    finance = client_for(finance_officer)
    response = finance.post(
        invoice.get_absolute_url() + "approve/", {"line": invoice.lines.get().pk}, follow=True
    )
    text = page_text(response)
    assert f"Interim invoice {invoice.number}" in text and "Status Settled" in text
