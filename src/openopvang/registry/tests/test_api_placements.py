"""Placements through the API: the placement rules as 400 problems naming the
field, and the check-in / check-out / move actions on a person."""

import datetime

import pytest

from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories
from openopvang.registry.models import Placement


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are asserted in English; the API speaks the Accept-Language."""
    settings.LANGUAGE_CODE = "en"


D = datetime.date


@pytest.fixture
def location(municipality):
    location = factories.LocationFactory(
        municipality=municipality, name="Jaarbeurs", opened_on=D(2024, 1, 1)
    )
    factories.CapacityPeriodFactory(location=location, start_date=D(2024, 1, 1), places=1)
    return location


@pytest.fixture
def other_location(municipality):
    location = factories.LocationFactory(
        municipality=municipality, name="Hotel Noord", opened_on=D(2024, 1, 1)
    )
    factories.CapacityPeriodFactory(location=location, start_date=D(2024, 1, 1), places=10)
    return location


@pytest.fixture
def person(municipality):
    return factories.PersonFactory(
        municipality=municipality, given_names="Olena", family_name="Shevchenko"
    )


def invalid(response):
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {param["name"]: param["reason"] for param in response.json()["invalidParams"]}


def test_create_placement_is_audited_with_municipality_from_the_user(
    api_client, municipality, person, location
):
    response = api_client.post(
        "/api/v1/placements/",
        {
            "person": person.pk,
            "location": location.pk,
            "start_date": "2024-02-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kind"] == "goo" and body["place_name"] == "Jaarbeurs"
    placement = Placement.objects.get(pk=body["id"])
    assert placement.municipality == municipality
    assert AuditEvent.objects.filter(
        action="create",
        object_type="registry.Placement",
        object_id=str(placement.pk),
        channel="api",
    ).exists()


def test_overlapping_placement_is_refused_with_a_message(
    api_client, person, location, other_location
):
    factories.PlacementFactory(person=person, location=other_location, start_date=D(2024, 1, 1))
    response = api_client.post(
        "/api/v1/placements/",
        {
            "person": person.pk,
            "location": location.pk,
            "start_date": "2024-03-01",
        },
        format="json",
    )
    errors = invalid(response)
    assert "cannot overlap" in errors["start_date"]
    assert "Hotel Noord" in errors["start_date"]
    assert Placement.objects.filter(person=person).count() == 1


def test_full_location_is_refused_on_capacity_override(api_client, municipality, person, location):
    factories.PlacementFactory(
        location=location,
        start_date=D(2024, 1, 1),
        person=factories.PersonFactory(municipality=municipality),
    )
    payload = {"person": person.pk, "location": location.pk, "start_date": "2024-02-01"}
    errors = invalid(api_client.post("/api/v1/placements/", payload, format="json"))
    assert "no free place on 2024-02-01" in errors["capacity_override"]

    payload["capacity_override"] = True
    errors = invalid(api_client.post("/api/v1/placements/", payload, format="json"))
    assert "override_reason" in errors

    payload["override_reason"] = "Family reunification, extra bed placed"
    assert api_client.post("/api/v1/placements/", payload, format="json").status_code == 201


def test_placement_before_the_location_opens_is_refused(api_client, person, location):
    errors = invalid(
        api_client.post(
            "/api/v1/placements/",
            {
                "person": person.pk,
                "location": location.pk,
                "start_date": "2023-12-01",
            },
            format="json",
        )
    )
    assert "opens on 2024-01-01" in errors["start_date"]


def test_location_and_host_together_are_refused(api_client, municipality, person, location):
    host = factories.HostFactory(municipality=municipality)
    errors = invalid(
        api_client.post(
            "/api/v1/placements/",
            {
                "person": person.pk,
                "location": location.pk,
                "host": host.pk,
                "start_date": "2024-02-01",
            },
            format="json",
        )
    )
    assert "not both" in errors["host"]
    errors = invalid(
        api_client.post(
            "/api/v1/placements/",
            {
                "person": person.pk,
                "start_date": "2024-02-01",
            },
            format="json",
        )
    )
    assert "location" in errors


def test_foreign_ids_in_the_payload_read_as_nonexistent(
    api_client, person, location, other_municipality
):
    api_client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    foreign_person = factories.PersonFactory(municipality=other_municipality)
    foreign_location = factories.LocationFactory(municipality=other_municipality)
    errors = invalid(
        api_client.post(
            "/api/v1/placements/",
            {
                "person": foreign_person.pk,
                "location": foreign_location.pk,
                "start_date": "2024-02-01",
            },
            format="json",
        )
    )
    assert "does not exist" in errors["person"]
    assert "does not exist" in errors["location"]
    unknown = invalid(
        api_client.post(
            "/api/v1/placements/",
            {
                "person": 999999,
                "location": location.pk,
                "start_date": "2024-02-01",
            },
            format="json",
        )
    )
    # The same words for "someone else's" and "nobody's": nothing leaks.
    assert unknown["person"].replace("999999", "X") == errors["person"].replace(
        str(foreign_person.pk), "X"
    )


def test_update_and_delete_placement(api_client, person, location):
    placement = factories.PlacementFactory(
        person=person, location=location, start_date=D(2024, 2, 1)
    )
    response = api_client.patch(
        f"/api/v1/placements/{placement.pk}/", {"end_date": "2024-02-29"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["end_date"] == "2024-02-29"
    event = AuditEvent.objects.get(action="update", object_id=str(placement.pk))
    assert event.changes["end_date"] == [None, "2024-02-29"]

    errors = invalid(
        api_client.patch(
            f"/api/v1/placements/{placement.pk}/", {"end_date": "2024-01-15"}, format="json"
        )
    )
    assert "end_date" in errors

    assert api_client.delete(f"/api/v1/placements/{placement.pk}/").status_code == 204
    assert AuditEvent.objects.filter(action="delete", object_id=str(placement.pk)).exists()


def test_check_in_check_out_and_move(api_client, person, location, other_location):
    base = f"/api/v1/persons/{person.pk}"
    response = api_client.post(
        f"{base}/check-in/", {"day": "2024-02-01", "location": location.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    first = response.json()
    assert first["place_name"] == "Jaarbeurs" and first["end_date"] is None

    response = api_client.post(
        f"{base}/move/", {"day": "2024-03-01", "location": other_location.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    second = response.json()
    assert second["place_name"] == "Hotel Noord" and second["start_date"] == "2024-03-01"
    assert Placement.objects.get(pk=first["id"]).end_date == D(2024, 2, 29)

    response = api_client.post(f"{base}/check-out/", {"day": "2024-04-15"}, format="json")
    assert response.status_code == 200
    assert response.json() == {**second, "end_date": "2024-04-15"}
    assert AuditEvent.objects.filter(object_type="registry.Placement", channel="api").count() == 4


def test_the_departure_reason_is_set_by_check_out_and_only_read(api_client, person, location):
    placement = factories.PlacementFactory(
        person=person, location=location, start_date=D(2024, 2, 1)
    )
    response = api_client.post(
        f"/api/v1/persons/{person.pk}/check-out/",
        {"day": "2024-04-15", "departure_reason": "own_housing"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["departure_reason"] == "own_housing"
    response = api_client.patch(
        f"/api/v1/placements/{placement.pk}/", {"departure_reason": "coa"}, format="json"
    )
    assert response.json()["departure_reason"] == "own_housing"
    placement.refresh_from_db()
    assert placement.departure_reason == "own_housing"


def test_check_in_into_a_full_location_names_the_field(api_client, municipality, person, location):
    factories.PlacementFactory(
        location=location,
        start_date=D(2024, 1, 1),
        person=factories.PersonFactory(municipality=municipality),
    )
    errors = invalid(
        api_client.post(
            f"/api/v1/persons/{person.pk}/check-in/",
            {"day": "2024-02-01", "location": location.pk},
            format="json",
        )
    )
    assert "no free place" in errors["capacity_override"]
    assert not Placement.objects.filter(person=person).exists()


def test_check_out_without_a_placement_names_the_day(api_client, person):
    errors = invalid(
        api_client.post(
            f"/api/v1/persons/{person.pk}/check-out/", {"day": "2024-02-01"}, format="json"
        )
    )
    assert "has no placement on 2024-02-01" in errors["day"]


def test_finance_officer_cannot_check_in(finance_officer, person, location):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(finance_officer)
    response = client.post(
        f"/api/v1/persons/{person.pk}/check-in/",
        {"day": "2024-02-01", "location": location.pk},
        format="json",
    )
    assert response.status_code == 403
    assert not Placement.objects.exists()
