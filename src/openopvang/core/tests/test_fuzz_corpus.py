"""Inputs the API fuzz stage (scripts/fuzz-api, schemathesis) found answered
in a way docs/api/openapi.yaml does not describe, as regular tests."""

import pytest

from openopvang.core.testing import factories
from openopvang.core.testing.openapi import assert_matches_openapi

pytestmark = pytest.mark.django_db

# Bodies that are not JSON a parser can read: bytes that are not UTF-8, a
# bare letter, an object cut short.
UNREADABLE = [b"\xce\xb5\xac:\x1b\rHRz", b"S", b'{"name": ']


@pytest.mark.parametrize("body", UNREADABLE)
def test_an_unreadable_body_is_a_400_that_names_the_body(api_client, body):
    response = api_client.generic("POST", "/api/v1/households/", body, "application/json")
    assert response.status_code == 400
    problem = response.json()
    assert problem["code"] == "parse_error"
    [param] = problem["invalidParams"]
    assert param["name"] == "nonFieldErrors" and param["code"] == "parse_error"
    assert "JSON parse error" in param["reason"]
    assert_matches_openapi(response, "/households/", "POST")


def test_an_unreadable_body_on_a_change_matches_the_schema(api_client, municipality):
    household = factories.HouseholdFactory(municipality=municipality)
    response = api_client.generic(
        "PATCH", f"/api/v1/households/{household.pk}/", UNREADABLE[0], "application/json"
    )
    assert response.status_code == 400
    assert_matches_openapi(response, "/households/{id}/", "PATCH")


def test_a_nul_in_a_query_is_a_400_the_openapi_file_describes(api_client):
    # Refused by a middleware before any view (RefuseNulMiddleware): the 400
    # still names its instance and, in invalidParams, what is wrong.
    response = api_client.get("/api/v1/households/?ordering=%00x&page=2")
    assert response.status_code == 400
    problem = response.json()
    assert problem["instance"] == "/api/v1/households/?ordering=%00x&page=2"
    assert problem["invalidParams"][0]["code"] == "bad_request"
    assert_matches_openapi(response, "/households/", "GET")
