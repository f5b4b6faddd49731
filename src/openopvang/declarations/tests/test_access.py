"""Isolation and roles: another municipality sees nothing (404), a
coordinator of the same municipality may view but not submit or change."""

from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time
from rest_framework.test import APIClient

from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing.pdf import pdf_text
from openopvang.declarations import services
from openopvang.declarations.models import AdvanceRequest, CostLine, Declaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(finance_officer, municipality, hall):
    declaration = services.submit(finance_officer, municipality, 2024)
    line = CostLine.objects.create(
        municipality=municipality,
        year=2024,
        category="transition",
        amount=Decimal("10.00"),
        description="Deur",
    )
    advance = AdvanceRequest.objects.create(
        municipality=municipality, year=2025, amount=Decimal("1.00")
    )
    return {"declaration": declaration, "line": line, "advance": advance}


def _web_urls(records):
    pk = records["declaration"].pk
    return [
        reverse("declarations:version_page", args=[pk]),
        reverse("declarations:version_lines", args=[pk]),
        reverse("declarations:version_line", args=[pk, 0]),
        *[
            reverse(f"declarations:version_export_{fmt}", args=[pk])
            for fmt in ("xlsx", "pdf", "csv")
        ],
        reverse("declarations:cost_line_update", args=[records["line"].pk]),
    ]


def _api_urls(records):
    pk = records["declaration"].pk
    return [
        f"/api/v1/declarations/{pk}/",
        f"/api/v1/declarations/{pk}/xlsx/",
        f"/api/v1/declarations/{pk}/pdf/",
        f"/api/v1/declarations/{pk}/csv/",
        f"/api/v1/cost-lines/{records['line'].pk}/",
        f"/api/v1/advance-requests/{records['advance'].pk}/",
    ]


def test_outsider_gets_404_everywhere(client, outsider, records):
    outsider.role = "finance"
    outsider.save()
    client.force_login(outsider)
    for url in _web_urls(records):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("declarations:cost_line_update", args=[records["line"].pk]), {"delete": "1"}
        ).status_code
        == 404
    )
    api = APIClient()
    api.force_authenticate(outsider)
    for url in _api_urls(records):
        response = api.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/problem+json"
    assert api.delete(f"/api/v1/cost-lines/{records['line'].pk}/").status_code == 404
    assert api.get("/api/v1/declarations/").json()["count"] == 0
    assert api.get("/api/v1/cost-lines/").json()["count"] == 0
    assert api.get("/api/v1/advance-requests/").json()["count"] == 0
    # Their own year page shows their own (empty) municipality, not ours.
    page = client.get(reverse("declarations:year", args=[2024]))
    assert "Sporthal" not in page.content.decode()
    assert CostLine.objects.filter(pk=records["line"].pk).exists()


def test_a_coordinator_neither_sees_nor_changes_the_declaration(
    coordinator_client, coordinator, records, municipality
):
    """The declaration is the finance officers' work (the role walk in
    core/tests covers every route; this one reads the answers)."""
    for url in _web_urls(records):
        response = coordinator_client.get(url)
        assert response.status_code in (403, 404), url
        assert "Sporthal" not in response.content.decode()
    assert "finance officers" in coordinator_client.get(_web_urls(records)[0]).content.decode()
    for name in ("submit", "correct", "advance", "year_settings", "cost_line_create"):
        response = coordinator_client.post(
            reverse(f"declarations:{name}", args=[2024]), {"reason": "x"}
        )
        assert response.status_code == 403, name
    response = coordinator_client.post(
        reverse("declarations:cost_line_update", args=[records["line"].pk]), {"delete": "1"}
    )
    assert response.status_code in (403, 404)
    api = APIClient()
    api.force_authenticate(coordinator)
    for url in _api_urls(records):
        assert api.get(url).status_code == 403, url
    response = api.post(
        "/api/v1/declarations/correct/", {"year": 2024, "reason": "x"}, format="json"
    )
    assert response.status_code == 403
    response = api.post(
        "/api/v1/cost-lines/",
        {"year": 2024, "category": "transition", "amount": "5.00", "description": "x"},
        format="json",
    )
    assert response.status_code in (403, 404)
    assert Declaration.objects.count() == 1 and CostLine.objects.count() == 1


def test_api_for_the_finance_officer(finance_api, municipality, hall):
    response = finance_api.get("/api/v1/declarations/compute/?year=2024")
    assert response.status_code == 200
    assert response.json()["total"] == "446520.00" and response.json()["status"] == "draft"
    assert (
        response.json()["lines"][0]["explanation"]["parameter"]
        == "booo.goo.normbedrag_per_place_day"
    )

    response = finance_api.post(
        "/api/v1/cost-lines/",
        {
            "year": 2024,
            "category": "transition",
            "amount": "750.00",
            "month": "2024-04-01",
            "location": hall.pk,
            "description": "Douches",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    line_id = response.json()["id"]
    response = finance_api.post(
        "/api/v1/cost-lines/",
        {
            "year": 2024,
            "category": "transition",
            "amount": "750.00",
            "month": "2025-04-01",
            "description": "Douches",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "month"

    response = finance_api.post("/api/v1/declarations/submit/", {"year": 2024}, format="json")
    assert response.status_code == 201
    first = response.json()
    assert first["version"] == 1 and first["figures"]["total"] == "447270.00"
    finance_api.patch(f"/api/v1/cost-lines/{line_id}/", {"amount": "800.00"}, format="json")
    response = finance_api.post(
        "/api/v1/declarations/correct/", {"year": 2024, "reason": "Invoice"}, format="json"
    )
    assert response.status_code == 201 and response.json()["version"] == 2
    assert response.json()["total"] == "447320.00"
    listed = finance_api.get("/api/v1/declarations/?year=2024").json()
    assert [item["version"] for item in listed["results"]] == [2, 1]

    xlsx = finance_api.get(f"/api/v1/declarations/{first['id']}/xlsx/")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = pdf_text(finance_api.get(f"/api/v1/declarations/{first['id']}/pdf/").content)
    assert "BooO declaration — Utrecht" in pdf and "Submitted" in pdf
    assert "Total declared 447,270.00" in pdf  # version 1, before the correction
    csv_text = finance_api.get(f"/api/v1/declarations/{first['id']}/csv/").content.decode()
    assert "750.00" in csv_text and "800.00" not in csv_text  # version 1 is frozen
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, channel="api").count() == 3

    with freeze_time("2025-05-01"):  # before the deadline of the same year
        with_freeze = finance_api.post(
            "/api/v1/advance-requests/", {"year": 2025, "amount": "1000.00"}, format="json"
        )
        assert with_freeze.status_code == 201
        assert with_freeze.json()["deadline"] == "2025-10-01"
        assert (
            finance_api.post(
                "/api/v1/advance-requests/", {"year": 2025, "amount": "1.00"}, format="json"
            ).status_code
            == 400
        )


def test_parameters_api(finance_api):
    response = finance_api.get("/api/v1/parameters/")
    assert response.status_code == 200
    names = {item["name"]: item for item in response.json()}
    goo = names["booo.goo.normbedrag_per_place_day"]
    assert goo["values"][0]["value"] == "100.00" and goo["values"][0]["origin"] == "file"
    assert names["booo.advance.request_deadline"]["values"][-1]["value"] == "--11-01"


def test_unauthenticated_pages_redirect_to_login(client, records):
    response = client.get(reverse("declarations:year", args=[2024]))
    assert response.status_code == 302 and "login" in response.url


def test_coordinator_cannot_change_a_cost_line_through_the_api(coordinator, records):
    api = APIClient()
    api.force_authenticate(coordinator)
    url = f"/api/v1/cost-lines/{records['line'].pk}/"
    assert api.patch(url, {"amount": "1.00"}, format="json").status_code == 403
    assert api.delete(url).status_code == 403
    # The role is refused before the method: nothing to tell about the record.
    assert api.post(f"/api/v1/declarations/{records['declaration'].pk}/").status_code == 403
    assert CostLine.objects.get().amount == Decimal("10.00")
