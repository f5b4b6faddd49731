"""The web pages and the API: the same workflow through both doors, isolation
(404 for another municipality), roles, audit events."""

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time
from rest_framework.test import APIClient

from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text
from openopvang.rules.engine.parameters import ParameterSet

from .. import services
from ..models import EigenBijdrageReduction, MunicipalPolicy, PaymentRun, RunStatus
from ..runs import last_computable_month
from .conftest import MARCH

pytestmark = pytest.mark.django_db


def api_as(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_api_workflow_create_prepare_approve_download(
    family, debtor, finance_officer, finance_officer_b
):
    api_a, api_b = api_as(finance_officer), api_as(finance_officer_b)
    response = api_a.post("/api/v1/payment-runs/", {"month": "2025-03"}, format="json")
    assert response.status_code == 201, response.content
    run = response.json()
    assert run["total"] == "629.68" and run["status"] == "draft"
    [item] = run["items"]
    assert item["method"] == "sepa" and len(item["lines"]) == 4
    url = f"/api/v1/payment-runs/{run['id']}/"
    assert api_a.post(url + "prepare/").status_code == 200
    refused = api_a.post(url + "approve/")
    assert refused.status_code == 400
    assert "Four eyes" in refused.content.decode()
    approved = api_b.post(url + "approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    sepa = api_b.get(url + "sepa/")
    assert sepa.status_code == 200 and b"pain.001.001.03" in sepa.content
    assert api_b.get(url + "xlsx/").status_code == 200
    assert api_b.get(url + "pdf/").status_code == 200
    exports = AuditEvent.objects.filter(action="export", object_id=str(run["id"]))
    assert sorted(exports.values_list("changes__format", flat=True)) == ["pdf", "sepa", "xlsx"]
    assert set(exports.values_list("channel", flat=True)) == {"api"}
    assert api_a.delete(url).status_code == 400  # frozen


def test_api_refuses_runs_without_the_finance_role(family, coordinator):
    api = api_as(coordinator)
    assert api.post("/api/v1/payment-runs/", {"month": "2025-03"}, format="json").status_code == 403
    assert api.get("/api/v1/payment-runs/").status_code == 403
    assert api.get("/api/v1/eigen-bijdrage/?month=2025-03").status_code == 403
    assert api.patch(
        "/api/v1/allowance-policies/1/", {"recompute_months": 2}, format="json"
    ).status_code in (403, 404)


def test_api_policy_and_reductions(family, finance_officer, municipality):
    api = api_as(finance_officer)
    [policy] = api.get("/api/v1/allowance-policies/").json()
    assert policy["partial_month"] == "pro_rata" and policy["household_income_stop"] is True
    response = api.patch(
        f"/api/v1/allowance-policies/{policy['id']}/",
        {"switch_2023_date": "2023-05-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "switch_2023_date" in response.content.decode()
    response = api.patch(
        f"/api/v1/allowance-policies/{policy['id']}/",
        {"eigen_bijdrage_floor": "income_minus_leefgeld"},
        format="json",
    )
    assert response.status_code == 200
    assert MunicipalPolicy.objects.get().eigen_bijdrage_floor == "income_minus_leefgeld"
    assert AuditEvent.objects.filter(
        object_type="allowances.MunicipalPolicy", action="update"
    ).exists()

    response = api.post(
        "/api/v1/eigen-bijdrage-reductions/",
        {
            "household": family["household"].pk,
            "month": "2025-03",
            "amount": "20.00",
            "reason": "Debt counselling",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert EigenBijdrageReduction.objects.get().municipality == municipality
    listed = api.get("/api/v1/eigen-bijdrage/?month=2025-03").json()
    assert listed["month"] == "2025-03" and listed["total"] == "0.00"
    assert api.get("/api/v1/eigen-bijdrage/?month=March").status_code == 400
    assert api.get("/api/v1/eigen-bijdrage/xlsx/?month=2025-03").status_code == 200


def test_api_reduction_for_another_municipality_household_is_refused(
    family, outsider, other_municipality
):
    outsider.role = "finance"
    outsider.save()
    response = api_as(outsider).post(
        "/api/v1/eigen-bijdrage-reductions/",
        {"household": family["household"].pk, "month": "2025-03", "amount": "20.00", "reason": "x"},
        format="json",
    )
    assert response.status_code == 400


def test_outsider_gets_404_on_every_run_url(
    family, debtor, finance_officer, finance_officer_b, outsider, client
):
    run = services.create_run(finance_officer, MARCH)
    services.prepare_run(finance_officer, run)
    services.approve_run(finance_officer_b, run)
    reduction = services.save_reduction(
        finance_officer,
        EigenBijdrageReduction(
            household=family["household"], month=MARCH, amount=Decimal("5"), reason="x"
        ),
    )
    outsider.role = "finance"
    outsider.save()
    client.force_login(outsider)
    for name in ("run_detail", "run_export_sepa", "run_export_xlsx", "run_export_pdf"):
        assert client.get(reverse(f"allowances:{name}", args=[run.pk])).status_code == 404, name
    for action in ("recompute", "prepare", "approve", "delete"):
        assert client.post(reverse(f"allowances:run_{action}", args=[run.pk])).status_code == 404, (
            action
        )
    assert (
        client.post(reverse("allowances:reduction_delete", args=[reduction.pk])).status_code == 404
    )
    api = api_as(outsider)
    base = f"/api/v1/payment-runs/{run.pk}/"
    for suffix in ("", "sepa/", "xlsx/", "pdf/"):
        assert api.get(base + suffix).status_code == 404, suffix
    for suffix in ("recompute/", "prepare/", "approve/"):
        assert api.post(base + suffix).status_code == 404, suffix
    assert api.delete(base).status_code == 404
    assert api.get("/api/v1/payment-runs/").json()["results"] == []
    assert api.get(f"/api/v1/eigen-bijdrage-reductions/{reduction.pk}/").status_code == 404
    policies = api.get("/api/v1/allowance-policies/").json()
    assert [p["municipality"] for p in policies] == ["GM0363"]


def test_ngo_staff_get_404_on_allowance_pages(family, client):
    ngo = factories.NgoFactory()
    client.force_login(factories.UserFactory(organisation=ngo, role="ngo_worker"))
    assert client.get(reverse("allowances:index")).status_code == 404
    assert client.get(reverse("allowances:collection")).status_code == 404


def test_web_workflow(family, debtor, finance_officer, finance_officer_b, client):
    client.force_login(finance_officer)
    page = client.get(reverse("allowances:index"))
    assert page.status_code == 200
    response = client.post(reverse("allowances:run_create"), {"month": "2025-03"})
    run = PaymentRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("allowances:run_detail", args=[run.pk])
    page = client.get(response["Location"]).content.decode()
    assert "629.68" in page and "Shevchenko" in page
    assert "252.18 x 31" in page
    client.post(reverse("allowances:run_prepare", args=[run.pk]))
    client.post(reverse("allowances:run_approve", args=[run.pk]), follow=True)
    run.refresh_from_db()
    assert run.status == RunStatus.PREPARED  # same user: refused
    client.force_login(finance_officer_b)
    client.post(reverse("allowances:run_approve", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED
    sepa = client.get(reverse("allowances:run_export_sepa", args=[run.pk]))
    assert sepa.status_code == 200 and sepa["Content-Type"] == "application/xml"
    assert AuditEvent.objects.filter(action="view", object_id=str(run.pk)).exists()


def test_web_create_with_bad_month_shows_the_field_error(family, finance_officer, client):
    client.force_login(finance_officer)
    response = client.post(reverse("allowances:run_create"), {"month": "maart"})
    assert response.status_code == 400
    assert "YYYY-MM" in response.content.decode()


def test_without_a_debtor_iban_the_run_cannot_be_prepared_and_says_so(
    family, finance_officer, client, municipality
):
    """Seen in the demo: the missing debtor IBAN showed only after the second
    finance officer approved, when the SEPA file could not be made."""
    municipality.iban = ""
    municipality.save()
    run = services.create_run(finance_officer, MARCH)
    client.force_login(finance_officer)
    page = page_text(client.get(reverse("allowances:run_detail", args=[run.pk])))
    assert "no debtor IBAN yet, so this run cannot be prepared" in page
    assert "Ask an administrator of the municipality" in page
    response = client.post(reverse("allowances:run_prepare", args=[run.pk]), follow=True)
    assert "has no debtor IBAN" in page_text(response)
    run.refresh_from_db()
    assert run.status == "draft"


def test_web_policy_and_collection(family, finance_officer, coordinator, client):
    factories.IncomeFactory(
        person=family["andrii"],
        start_date=datetime.date(2025, 1, 1),
        monthly_amount=Decimal("1500.00"),
    )
    client.force_login(coordinator)
    assert client.post(reverse("allowances:policy"), {}).status_code == 403
    client.force_login(finance_officer)
    response = client.post(
        reverse("allowances:policy"),
        {
            "household_income_stop": "on",
            "partial_month": "pro_rata",
            "income_band": "keep_plus_15",
            "eigen_bijdrage_floor": "none",
            "recompute_months": "2",
        },
    )
    assert response.status_code == 302
    assert MunicipalPolicy.objects.get().recompute_months == 2
    assert MunicipalPolicy.objects.get().income_band == "keep_plus_15"
    assert MunicipalPolicy.objects.get().policy()["income_band"] == "keep_plus_15"
    page = client.get(reverse("allowances:collection") + "?month=2025-03").content.decode()
    assert "105.00" in page and "Andrii Shevchenko" in page
    response = client.post(
        reverse("allowances:reduction_create"),
        {
            "household": family["household"].pk,
            "month": "2025-03",
            "amount": "5.00",
            "reason": "Arrangement",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("allowances:collection") + "?month=2025-03").content.decode()
    assert "100.00" in page
    export = client.get(reverse("allowances:collection_export_xlsx") + "?month=2025-03")
    assert export.status_code == 200
    assert AuditEvent.objects.filter(
        action="export", changes__format="eigen-bijdrage-xlsx"
    ).exists()


def test_person_page_shows_the_household_amounts_explained(family, coordinator, client):
    client.force_login(coordinator)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.localdate", lambda *a: datetime.date(2025, 3, 20))
        page = client.get(reverse("registry:person_detail", args=[family["andrii"].pk]))
    html = page.content.decode()
    assert "Leefgeld and eigen bijdrage" in html or "Leefgeld en eigen bijdrage" in html
    assert "314.84" in html and "629.68" in html
    assert "household of 2 placed" in html and "Sporthal Oost" in html


def test_approving_and_deleting_first_show_the_totals(
    family, debtor, finance_officer, finance_officer_b, client
):
    """Irreversible run actions go through a check-your-answers page."""
    run = services.create_run(finance_officer, MARCH)
    client.force_login(finance_officer)
    delete = page_text(
        client.get(reverse("allowances:run_delete", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    )
    assert (
        "De betaalrun van maart 2025 verwijderen?" in delete
        and "Ja, deze run verwijderen" in delete
    )
    services.prepare_run(finance_officer, run)
    own = page_text(
        client.get(reverse("allowances:run_approve", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    )
    assert "Vier ogen" in own and "Ja, goedkeuren" not in own
    client.force_login(finance_officer_b)
    response = client.get(
        reverse("allowances:run_approve", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    text = page_text(response)
    assert "Het leefgeld van maart 2025 goedkeuren?" in text
    assert "Bankoverschrijving (SEPA) 1 € 629,68" in text or "(SEPA) 1 € 629,68" in text
    assert "Totaal 1 € 629,68" in text and "NL91ABNA0417164300" in text
    run.refresh_from_db()
    assert run.status == RunStatus.PREPARED  # the page only asks
    client.post(reverse("allowances:run_approve", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED
    assert client.get(reverse("allowances:run_recompute", args=[run.pk])).status_code == 405


def test_the_run_form_offers_the_last_month_whose_amounts_are_known(
    family, finance_officer, client
):
    """Seen in the demo in December 2026: the 2026 amounts were not published,
    the form offered December and the error came after pressing the button."""
    client.force_login(finance_officer)
    with freeze_time("2026-12-03"):
        response = client.get(reverse("allowances:index"), HTTP_ACCEPT_LANGUAGE="nl")
    text = page_text(response)
    assert "bekend tot en met december 2025" in text
    assert 'name="month" value="2025-12"' in response.content.decode()
    with freeze_time("2025-06-10"):
        response = client.get(reverse("allowances:index"), HTTP_ACCEPT_LANGUAGE="nl")
    assert 'id="amounts-not-published"' not in response.content.decode()
    assert 'name="month" value="2025-06"' in response.content.decode()


def test_last_computable_month_needs_every_amount_for_the_whole_month():
    params = ParameterSet.load_default()
    assert last_computable_month(params, datetime.date(2026, 12, 1)) == datetime.date(2025, 12, 1)
    assert last_computable_month(params, datetime.date(2025, 3, 15)) == datetime.date(2025, 3, 1)
    # Kleedgeld ends mid-month: that month cannot be paid, the one before can.
    cut = params.with_overrides(
        [
            replace(
                params.parameter("rooo.kleedgeld.per_person_month").at(datetime.date(2025, 1, 1)),
                start=datetime.date(2025, 1, 1),
                end=datetime.date(2025, 5, 20),
            )
        ]
    )
    assert last_computable_month(cut, datetime.date(2025, 5, 1)) == datetime.date(2025, 4, 1)
