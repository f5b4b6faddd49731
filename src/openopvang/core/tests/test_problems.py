"""Every error of the API is an RFC 9457 problem (application/problem+json)."""

import pytest

from openopvang.core.testing import factories


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are asserted in English; the API speaks the Accept-Language."""
    settings.LANGUAGE_CODE = "en"


PROBLEM = "application/problem+json"


def assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://openopvang.nl/problems/")
    assert body["title"] and body["instance"]
    return body


def test_validation_problem_lists_invalid_params(api_client):
    body = assert_problem(
        api_client.post("/api/v1/persons/", {"given_names": "Olena"}, format="json"), 400
    )
    assert body["code"] == "invalid"
    names = {param["name"] for param in body["invalidParams"]}
    assert names == {"family_name", "birth_date"}
    assert all(param["code"] == "required" and param["reason"] for param in body["invalidParams"])
    assert body["instance"] == "/api/v1/persons/"


def test_model_rule_without_a_field_is_a_non_field_error(api_client, municipality):
    """Django's __all__ is reported as nonFieldErrors."""
    person = factories.PersonFactory(municipality=municipality)
    household = factories.HouseholdFactory(municipality=municipality)
    factories.MembershipFactory(household=household, person=person)
    body = assert_problem(
        api_client.post(
            "/api/v1/household-memberships/",
            {
                "household": household.pk,
                "person": person.pk,
                "role": "child",
                "start_date": "2023-01-01",
            },
            format="json",
        ),
        400,
    )
    assert body["invalidParams"][0]["name"] == "nonFieldErrors"


def test_not_found(api_client):
    body = assert_problem(api_client.get("/api/v1/persons/999999/"), 404)
    assert body["code"] == "not_found"


def test_unknown_api_path_is_a_problem_not_an_html_page(api_client):
    assert_problem(api_client.get("/api/v1/nothing-here/"), 404)
    body = assert_problem(api_client.get("/api/v1/persons"), 404)
    assert "/api/v1/persons/" in body["detail"]


def test_method_not_allowed(api_client):
    body = assert_problem(api_client.put("/api/v1/persons/", {}, format="json"), 405)
    assert body["code"] == "method_not_allowed"


def test_unauthenticated(db):
    from rest_framework.test import APIClient

    assert_problem(APIClient().get("/api/v1/locations/"), 401)


def test_forbidden_for_a_role_without_registry_rights(finance_officer):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(finance_officer)
    body = assert_problem(client.post("/api/v1/locations/", {}, format="json"), 403)
    assert body["code"] == "permission_denied"


def test_conflict(api_client, municipality):
    location = factories.LocationFactory(municipality=municipality)
    factories.CapacityPeriodFactory(location=location)
    body = assert_problem(api_client.delete(f"/api/v1/locations/{location.pk}/"), 409)
    assert body["code"] == "conflict"
    assert "1 capacity period" in body["detail"]


def test_non_json_body_is_refused(api_client):
    response = api_client.post(
        "/api/v1/persons/", "given_names=Olena", content_type="application/x-www-form-urlencoded"
    )
    assert_problem(response, 415)
