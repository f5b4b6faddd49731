"""Answers of the declarations API match docs/api/openapi.yaml (found by the
fuzz stage, scripts/fuzz-api)."""

import pytest

from openopvang.core.testing.openapi import assert_matches_openapi

pytestmark = pytest.mark.django_db


def test_a_first_declaration_without_a_previous_version_matches_the_schema(finance_api, hall):
    submitted = finance_api.post("/api/v1/declarations/submit/", {"year": 2024}, format="json")
    assert submitted.status_code == 201, submitted.content
    declaration = submitted.json()
    assert declaration["version"] == 1 and declaration["previous"] is None
    assert_matches_openapi(submitted, "/declarations/submit/", "POST")
    detail = finance_api.get(f"/api/v1/declarations/{declaration['id']}/")
    assert_matches_openapi(detail, "/declarations/{id}/")
    assert_matches_openapi(finance_api.get("/api/v1/declarations/"), "/declarations/")
