"""A payment run's execution date (issue 16 §3, docs/decisions/0018): a day no
bank can pay on (0001-01-01, yesterday, years ahead) is refused when the run is
made, prepared and approved, and never reaches the SEPA file."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from openopvang.core.testing.html import page_text

from .. import documents, services
from ..models import PaymentRun, RunStatus
from .conftest import MARCH

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def finance_web(client, finance_officer):
    client.force_login(finance_officer)
    return client


@pytest.fixture
def finance_api(finance_officer):
    api = APIClient()
    api.force_authenticate(finance_officer)
    return api


def _create(web, execution_date, **headers):
    return web.post(
        reverse("allowances:run_create"),
        {"month": MARCH.strftime("%Y-%m"), "execution_date": execution_date},
        **headers,
    )


def test_the_form_refuses_the_year_one(family, finance_web):
    response = _create(finance_web, "0001-01-01")
    assert response.status_code == 400
    assert "Choose a date from 1900 to 2099." in page_text(response)
    assert not PaymentRun.objects.exists()


def test_the_form_refuses_a_day_that_has_passed(family, finance_web):
    response = _create(finance_web, YESTERDAY.isoformat())
    assert response.status_code == 400
    assert "has passed: the bank cannot pay on a day that has gone" in page_text(response)
    assert not PaymentRun.objects.exists()


def test_the_form_refuses_a_day_years_ahead_in_dutch(family, finance_web):
    far = TODAY.replace(year=TODAY.year + 3)
    response = _create(finance_web, far.isoformat(), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    text = page_text(response)
    assert "Kies een betaaldatum van 1 februari 2025 tot" in text
    assert not PaymentRun.objects.exists()


def test_the_form_accepts_today_and_a_day_within_a_year(family, finance_web):
    response = _create(finance_web, (TODAY + datetime.timedelta(days=300)).isoformat())
    assert response.status_code == 302
    assert PaymentRun.objects.get().execution_date == TODAY + datetime.timedelta(days=300)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_api_refuses_an_implausible_execution_date(family, finance_api, day):
    response = finance_api.post(
        "/api/v1/payment-runs/", {"month": "2025-03", "execution_date": day}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert not PaymentRun.objects.exists()


def test_the_api_refuses_a_past_or_far_execution_date_with_the_reason(family, finance_api):
    for day, text in (
        (YESTERDAY, "has passed"),
        (TODAY.replace(year=TODAY.year + 2), "Choose a payment date from"),
    ):
        response = finance_api.post(
            "/api/v1/payment-runs/",
            {"month": "2025-03", "execution_date": day.isoformat()},
            format="json",
        )
        assert response.status_code == 400, response.content
        assert text in response.content.decode()
    assert not PaymentRun.objects.exists()


def test_a_run_whose_date_passed_is_not_prepared(family, finance_officer):
    run = services.create_run(finance_officer, MARCH)
    PaymentRun.objects.filter(pk=run.pk).update(execution_date=YESTERDAY)
    with pytest.raises(ValidationError, match="has passed"):
        services.prepare_run(finance_officer, run)
    assert PaymentRun.objects.get(pk=run.pk).status == RunStatus.DRAFT


def test_a_date_that_passed_after_preparing_stops_the_approval(
    family, finance_officer, finance_officer_b
):
    run = services.prepare_run(finance_officer, services.create_run(finance_officer, MARCH))
    PaymentRun.objects.filter(pk=run.pk).update(execution_date=YESTERDAY)
    with pytest.raises(ValidationError, match="has passed"):
        services.approve_run(finance_officer_b, run)
    assert PaymentRun.objects.get(pk=run.pk).status == RunStatus.PREPARED


def test_a_date_out_of_bounds_stops_the_approval(family, finance_officer, finance_officer_b):
    run = services.prepare_run(finance_officer, services.create_run(finance_officer, MARCH))
    PaymentRun.objects.filter(pk=run.pk).update(execution_date=datetime.date(2099, 1, 1))
    with pytest.raises(ValidationError, match="Choose a payment date from"):
        services.approve_run(finance_officer_b, run)


def test_the_database_refuses_the_year_one(family, finance_officer):
    run = services.create_run(finance_officer, MARCH)
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentRun.objects.filter(pk=run.pk).update(execution_date=datetime.date(1, 1, 1))


def test_the_model_validation_refuses_a_date_before_the_month_before(family, finance_officer):
    run = services.create_run(finance_officer, MARCH)
    run.execution_date = datetime.date(2025, 1, 31)
    with pytest.raises(ValidationError) as error:
        run.full_clean()
    assert "execution_date" in error.value.message_dict
    run.execution_date = datetime.date(2025, 2, 1)  # paid ahead: fine
    run.clean()


def test_a_date_out_of_bounds_never_reaches_the_bank_file(
    family, finance_officer, finance_officer_b
):
    run = services.create_run(finance_officer, MARCH)
    run = services.approve_run(finance_officer_b, services.prepare_run(finance_officer, run))
    assert b"<ReqdExctnDt>" in documents.to_sepa(run)
    PaymentRun.objects.filter(pk=run.pk).update(execution_date=datetime.date(2099, 1, 1))
    run.refresh_from_db()
    with pytest.raises(ValidationError, match="Choose a payment date from"):
        documents.to_sepa(run)
