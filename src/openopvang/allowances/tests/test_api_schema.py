"""Answers of the allowances API match docs/api/openapi.yaml (found by the
fuzz stage, scripts/fuzz-api)."""

import pytest
from rest_framework.test import APIClient

from openopvang.core.testing.openapi import assert_matches_openapi

pytestmark = pytest.mark.django_db


def api_as(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_a_draft_run_nobody_prepared_matches_the_schema(family, finance_officer):
    api = api_as(finance_officer)
    created = api.post("/api/v1/payment-runs/", {"month": "2025-03"}, format="json")
    assert created.status_code == 201, created.content
    run = created.json()
    assert run["prepared_by"] is None and run["approved_by"] is None
    assert_matches_openapi(created, "/payment-runs/", "POST")
    detail = api.get(f"/api/v1/payment-runs/{run['id']}/")
    assert_matches_openapi(detail, "/payment-runs/{id}/")
    assert_matches_openapi(api.get("/api/v1/payment-runs/"), "/payment-runs/")


def test_the_collection_list_is_one_object_as_documented(family, finance_officer):
    response = api_as(finance_officer).get("/api/v1/eigen-bijdrage/?month=2025-03")
    assert response.status_code == 200
    assert response.json()["month"] == "2025-03"
    assert_matches_openapi(response, "/eigen-bijdrage/")
