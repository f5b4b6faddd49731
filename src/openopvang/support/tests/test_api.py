"""The API: the whole flow, scoping (404 for others), restricted person
fields, PDF and XLSX."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from openopvang.audit.models import AuditEvent
from openopvang.core.testing.pdf import pdf_text
from openopvang.support.models import Invoice

from .conftest import SECRET_BSN, SECRET_IBAN, SECRET_NOTE, api_as
from .test_flow import MARCH, deliver_march

pytestmark = pytest.mark.django_db


def test_api_flow_offer_to_approved_invoice(
    ngo_worker, coordinator, finance_officer, municipality, service, persons
):
    ngo, gemeente, finance = api_as(ngo_worker), api_as(coordinator), api_as(finance_officer)
    response = ngo.post(
        "/api/v1/offers/",
        {
            "municipality": "GM0344",
            "title": "Taal en kinderen",
            "lines": [
                {
                    "service": service("taallessen").pk,
                    "units": "10",
                    "unit_price": "95.50",
                    "period_start": "2025-01-01",
                    "period_end": "2025-06-30",
                },
                {
                    "service": service("kinderactiviteiten").pk,
                    "units": "4",
                    "unit_price": "250.00",
                    "period_start": "2025-01-01",
                    "period_end": "2025-06-30",
                },
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    offer = response.json()
    assert offer["status"] == "draft" and offer["total"] == "1955.00"
    # The municipality does not see drafts.
    assert gemeente.get(f"/api/v1/offers/{offer['id']}/").status_code == 404
    assert gemeente.post(f"/api/v1/offers/{offer['id']}/accept/").status_code == 404
    assert ngo.post(f"/api/v1/offers/{offer['id']}/send/").json()["status"] == "sent"
    assert ngo.post(f"/api/v1/offers/{offer['id']}/accept/").status_code == 403
    accepted = gemeente.post(f"/api/v1/offers/{offer['id']}/accept/").json()
    assert accepted["status"] == "accepted"

    order = gemeente.get(f"/api/v1/orders/{accepted['order']}/").json()
    assert order["budget"] == "1955.00"
    language, children = order["lines"]
    enrolment = gemeente.post(
        "/api/v1/enrolments/",
        {"order_line": language["id"], "person": persons[0].pk},
        format="json",
    )
    assert enrolment.status_code == 201, enrolment.json()
    delivery = ngo.post(
        "/api/v1/deliveries/",
        {
            "order_line": language["id"],
            "date": "2025-03-03",
            "hours": "1.5",
            "attendance": [{"enrolment": enrolment.json()["id"]}],
        },
        format="json",
    )
    assert delivery.status_code == 201, delivery.json()["invalidParams"]
    assert delivery.json()["units"] == "1.00"
    # 5 children's activities on 4 ordered: refused, then confirmed.
    for day in range(1, 5):
        assert (
            ngo.post(
                "/api/v1/deliveries/",
                {"order_line": children["id"], "date": f"2025-03-0{day}"},
                format="json",
            ).status_code
            == 201
        )
    refused = ngo.post(
        "/api/v1/deliveries/", {"order_line": children["id"], "date": "2025-03-05"}, format="json"
    )
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["invalidParams"][0]["name"] == "confirm_exceeding"
    confirmed = ngo.post(
        "/api/v1/deliveries/",
        {"order_line": children["id"], "date": "2025-03-05", "confirm_exceeding": True},
        format="json",
    )
    assert confirmed.status_code == 201

    invoice = ngo.post(
        "/api/v1/invoices/", {"order": order["id"], "month": "2025-03-20"}, format="json"
    )
    assert invoice.status_code == 201, invoice.json()
    invoice = invoice.json()
    assert [line["amount"] for line in invoice["lines"]] == ["95.50", "1250.00"]
    assert invoice["total"] == "1345.50"
    assert ngo.post(f"/api/v1/invoices/{invoice['id']}/send/").json()["status"] == "sent"
    first, second = invoice["lines"]
    url = f"/api/v1/invoices/{invoice['id']}/lines"
    assert gemeente.post(f"{url}/{first['id']}/approve/").status_code == 403  # coordinator
    assert finance.post(f"{url}/{first['id']}/approve/").status_code == 200
    bad = finance.post(f"{url}/{second['id']}/dispute/", {}, format="json")
    assert bad.status_code == 400
    done = finance.post(
        f"{url}/{second['id']}/dispute/", {"reason": "Only 4 ordered"}, format="json"
    ).json()
    assert done["status"] == "settled"
    assert done["approved_total"] == "95.50"
    assert [line["status"] for line in done["lines"]] == ["approved", "disputed"]


def test_municipalities_national_and_other_ngos_get_404(
    order, lines, persons, ngo_worker, other_ngo_worker, outsider, national_user, finance_officer
):
    deliver_march(ngo_worker, lines, persons)
    invoice = Invoice.objects.create  # noqa: F841 - keep flake quiet about unused import
    from openopvang.support import services

    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    services.send_invoice(ngo_worker, invoice)
    enrolment = order.lines.first().enrolments.first()
    session = order.lines.first().sessions.first()
    urls = [
        f"/api/v1/offers/{order.offer_id}/",
        f"/api/v1/orders/{order.pk}/",
        f"/api/v1/enrolments/{enrolment.pk}/",
        f"/api/v1/deliveries/{session.pk}/",
        f"/api/v1/invoices/{invoice.pk}/",
        f"/api/v1/invoices/{invoice.pk}/pdf/",
        f"/api/v1/participants/{persons[0].pk}/",
    ]
    for user in (outsider, national_user, other_ngo_worker):
        client = api_as(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        for url in (
            "/api/v1/offers/",
            "/api/v1/orders/",
            "/api/v1/invoices/",
            "/api/v1/enrolments/",
            "/api/v1/deliveries/",
            "/api/v1/participants/",
        ):
            assert client.get(url).json()["count"] == 0, (user, url)
        line = invoice.lines.first()
        assert (
            client.post(f"/api/v1/invoices/{invoice.pk}/lines/{line.pk}/approve/").status_code
            == 404
        )
    # The catalogue is not personal data: everybody reads it.
    assert api_as(national_user).get("/api/v1/services/").json()["count"] == 9


def test_ngo_sees_only_enrolled_persons_and_never_bsn_iban_notes(order, lines, persons, ngo_worker):
    deliver_march(ngo_worker, lines, persons)
    client = api_as(ngo_worker)
    participants = client.get("/api/v1/participants/").json()
    assert {row["id"] for row in participants["results"]} == {persons[0].pk, persons[1].pk}
    assert set(participants["results"][0]) == {
        "id",
        "given_names",
        "family_name",
        "given_names_cyrillic",
        "family_name_cyrillic",
        "languages",
        "phone",
        "email",
        "household_size",
    }
    assert client.get(f"/api/v1/participants/{persons[2].pk}/").status_code == 404
    bodies = [
        client.get(url).content.decode()
        for url in (
            "/api/v1/participants/",
            f"/api/v1/participants/{persons[0].pk}/",
            "/api/v1/enrolments/",
            "/api/v1/deliveries/",
            "/api/v1/orders/",
            # the registry is for municipal staff: an NGO sees nothing there
            "/api/v1/persons/",
            f"/api/v1/persons/{persons[0].pk}/",
        )
    ]
    assert persons[0].family_name in bodies[0] and persons[0].email in bodies[0]
    for body in bodies:
        for secret in (SECRET_BSN, SECRET_IBAN, SECRET_NOTE):
            assert secret not in body
    assert api_as(ngo_worker).get(f"/api/v1/persons/{persons[0].pk}/").status_code == 404
    # The NGO can enrol a person it already knows, but not one it doesn't.
    unknown = client.post(
        "/api/v1/enrolments/", {"order_line": lines[0].pk, "person": persons[2].pk}, format="json"
    )
    assert unknown.status_code == 400
    known = client.post(
        "/api/v1/enrolments/", {"order_line": lines[0].pk, "person": persons[1].pk}, format="json"
    )
    assert known.status_code == 201
    assert SECRET_BSN not in known.content.decode()


def test_reading_participants_is_audited(order, lines, persons, ngo_worker):
    deliver_march(ngo_worker, lines, persons)
    api_as(ngo_worker).get("/api/v1/participants/")
    event = AuditEvent.objects.filter(action="view", object_type="registry.Person").get()
    assert event.actor == ngo_worker
    assert sorted(event.shown_ids("registry.Person")) == sorted([persons[0].pk, persons[1].pk])


def test_invoice_pdf_and_xlsx(order, lines, persons, ngo_worker, finance_officer):
    from openopvang.support import services

    deliver_march(ngo_worker, lines, persons)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    services.send_invoice(ngo_worker, invoice)
    pdf = api_as(finance_officer).get(f"/api/v1/invoices/{invoice.pk}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert invoice.number in pdf["Content-Disposition"]
    text = pdf_text(pdf.content)
    assert f"Factuur {invoice.number}" in text and "Totaal 323,33" in text
    xlsx = api_as(ngo_worker).get(f"/api/v1/invoices/{invoice.pk}/xlsx/")
    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert values["Factuurnummer"][1] == invoice.number
    assert Decimal(str(values["Totaal"][4])) == Decimal("323.33") == invoice.total
    assert AuditEvent.objects.filter(action="export", object_type="support.Invoice").count() == 2


def test_catalogue_is_changed_only_by_its_ngo(ngo_worker, coordinator, service):
    owm = service("owm")
    payload = {
        "standard_price": "450.00",
        "texts": [
            {"language": "nl", "title": "OWM traject"},
            {"language": "uk", "title": "Програма OWM", "public_text": "Текст"},
        ],
    }
    assert (
        api_as(coordinator).patch(f"/api/v1/services/{owm.pk}/", payload, format="json").status_code
        == 404
    )
    response = api_as(ngo_worker).patch(f"/api/v1/services/{owm.pk}/", payload, format="json")
    assert response.status_code == 200, response.json()
    owm.refresh_from_db()
    assert owm.standard_price == Decimal("450.00")
    assert owm.text("uk").public_text == "Текст"
    assert owm.text("nl").title == "OWM traject"
    assert owm.text("en").title.startswith("Orienting")  # untouched language stays
    created = api_as(ngo_worker).post(
        "/api/v1/services/",
        {
            "code": "nieuw",
            "kind": "activity",
            "target_group": "adults",
            "unit": "per_session",
            "texts": [{"language": "en", "title": "New"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["provider"] == "VWN"


def test_decline_via_api_needs_a_reason(ngo_worker, coordinator, service):
    offer = (
        api_as(ngo_worker)
        .post(
            "/api/v1/offers/",
            {
                "municipality": "GM0344",
                "title": "x",
                "lines": [
                    {
                        "service": service("owm").pk,
                        "units": "1",
                        "unit_price": "1",
                        "period_start": "2025-01-01",
                        "period_end": "2025-01-31",
                    }
                ],
            },
            format="json",
        )
        .json()
    )
    api_as(ngo_worker).post(f"/api/v1/offers/{offer['id']}/send/")
    client = api_as(coordinator)
    assert (
        client.post(f"/api/v1/offers/{offer['id']}/decline/", {}, format="json").status_code == 400
    )
    declined = client.post(
        f"/api/v1/offers/{offer['id']}/decline/", {"reason": "No budget"}, format="json"
    ).json()
    assert (declined["status"], declined["decline_reason"]) == ("declined", "No budget")


def test_month_of_a_date_is_inclusive():
    from openopvang.support.services import _month_bounds

    assert _month_bounds(datetime.date(2024, 2, 29)) == (
        datetime.date(2024, 2, 1),
        datetime.date(2024, 2, 29),
    )
    assert _month_bounds(datetime.date(2025, 12, 1))[1] == datetime.date(2025, 12, 31)


def test_a_changed_text_without_its_language_is_refused(ngo_worker, service):
    """Found by the API fuzz: a PATCH whose text named no language was a 500."""
    owm = service("owm")
    response = api_as(ngo_worker).patch(
        f"/api/v1/services/{owm.pk}/", {"texts": [{"title": "Zonder taal"}]}, format="json"
    )
    assert response.status_code == 400
    [param] = response.json()["invalidParams"]
    assert param["name"] == "texts" and param["code"] == "required"
    assert param["reason"] == "Give the language of each text."
    dutch = api_as(ngo_worker).patch(
        f"/api/v1/services/{owm.pk}/",
        {"texts": [{"title": "Zonder taal"}]},
        format="json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert dutch.json()["invalidParams"][0]["reason"] == "Geef bij elke tekst de taal op."
    owm.refresh_from_db()
    assert owm.text("nl").title != "Zonder taal"


def test_a_municipality_code_with_a_nul_byte_is_a_400(ngo_worker, service):
    """Found by the API fuzz: PostgreSQL refuses NUL in text, the lookup of the
    municipality was a 500."""
    response = api_as(ngo_worker).post(
        "/api/v1/offers/", {"municipality": "GM\x000344", "title": "Taal"}, format="json"
    )
    assert response.status_code == 400
    [param] = [p for p in response.json()["invalidParams"] if p["name"] == "municipality"]
    assert param["code"] == "does_not_exist"
