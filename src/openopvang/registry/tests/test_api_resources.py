"""Every registry endpoint: create/update/delete with audit, deletes refused
while referenced, and another municipality's staff seeing nothing."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories
from openopvang.registry import models


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are asserted in English; the API speaks the Accept-Language."""
    settings.LANGUAGE_CODE = "en"


D = datetime.date


@pytest.fixture
def world(municipality):
    """One record of every kind in `municipality`."""
    person = factories.PersonFactory(municipality=municipality)
    household = factories.HouseholdFactory(municipality=municipality, payee=person)
    membership = factories.MembershipFactory(household=household, person=person)
    location = factories.LocationFactory(municipality=municipality)
    capacity = factories.CapacityPeriodFactory(location=location)
    host = factories.HostFactory(municipality=municipality)
    placement = factories.PlacementFactory(person=person, location=location)
    income = factories.IncomeFactory(person=person)
    provision = models.Provision.objects.create(
        person=person, month=D(2024, 5, 1), kind=models.ProvisionKind.LEEFGELD
    )
    return {
        "persons": person,
        "households": household,
        "household-memberships": membership,
        "locations": location,
        "capacity-periods": capacity,
        "hosts": host,
        "placements": placement,
        "income-periods": income,
        "provisions": provision,
    }


@pytest.fixture
def outsider_client(outsider):
    client = APIClient()
    client.force_authenticate(outsider)
    return client


def test_outsider_sees_empty_lists_and_404_on_every_detail_route(world, outsider_client):
    for resource, record in world.items():
        listing = outsider_client.get(f"/api/v1/{resource}/")
        assert listing.status_code == 200, resource
        assert listing.json()["count"] == 0, resource
        detail = f"/api/v1/{resource}/{record.pk}/"
        for method in ("get", "put", "patch", "delete"):
            response = getattr(outsider_client, method)(detail, {}, format="json")
            assert response.status_code == 404, (method, resource)
            assert response["Content-Type"] == "application/problem+json"
    person = world["persons"]
    for action in ("check-in", "check-out", "move"):
        response = outsider_client.post(
            f"/api/v1/persons/{person.pk}/{action}/", {"day": "2024-06-01"}, format="json"
        )
        assert response.status_code == 404, action
    assert not AuditEvent.objects.filter(actor__username="outsider").exists()
    assert models.Placement.objects.count() == 1


def test_owner_sees_every_record(world, api_client):
    for resource, record in world.items():
        assert api_client.get(f"/api/v1/{resource}/").json()["count"] == 1, resource
        assert api_client.get(f"/api/v1/{resource}/{record.pk}/").status_code == 200, resource


def test_referenced_records_cannot_be_deleted(world, api_client):
    for resource in ("persons", "households", "locations", "hosts"):
        record = world[resource]
        if resource == "hosts":
            factories.PlacementFactory(
                location=None,
                host=record,
                person=factories.PersonFactory(municipality=record.municipality),
                start_date=D(2024, 1, 1),
            )
        response = api_client.delete(f"/api/v1/{resource}/{record.pk}/")
        assert response.status_code == 409, resource
        assert "other records refer to it" in response.json()["detail"]
        assert type(record).objects.filter(pk=record.pk).exists()


def test_location_crud_with_occupancy(api_client, municipality):
    response = api_client.post(
        "/api/v1/locations/",
        {
            "name": "Sporthal Oost",
            "kind": "building",
            "opened_on": "2024-01-01",
            "city": "Utrecht",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    location_id = response.json()["id"]
    assert response.json()["places_today"] == 0
    response = api_client.post(
        "/api/v1/capacity-periods/",
        {
            "location": location_id,
            "start_date": "2024-01-01",
            "places": 40,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    capacity_id = response.json()["id"]
    body = api_client.get(f"/api/v1/locations/{location_id}/").json()
    assert body["places_today"] == 40 and body["occupied_today"] == 0

    overlap = api_client.post(
        "/api/v1/capacity-periods/",
        {
            "location": location_id,
            "start_date": "2024-06-01",
            "places": 20,
        },
        format="json",
    )
    assert overlap.status_code == 400
    assert "overlaps" in overlap.json()["invalidParams"][0]["reason"]

    closed = api_client.patch(
        f"/api/v1/locations/{location_id}/", {"closed_on": "2023-12-01"}, format="json"
    )
    assert closed.status_code == 400
    assert closed.json()["invalidParams"][0]["name"] == "closed_on"

    assert api_client.delete(f"/api/v1/capacity-periods/{capacity_id}/").status_code == 204
    assert api_client.delete(f"/api/v1/locations/{location_id}/").status_code == 204
    actions = list(
        AuditEvent.objects.filter(
            object_id__in=[str(location_id), str(capacity_id)], channel="api"
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "create", "delete", "delete"]


def test_location_filters(api_client, municipality):
    today = timezone.localdate()
    factories.LocationFactory(municipality=municipality, name="Hotel", kind="hotel")
    factories.LocationFactory(
        municipality=municipality, name="Closed", opened_on=D(2022, 3, 1), closed_on=D(2022, 12, 31)
    )
    names = [
        row["name"]
        for row in api_client.get("/api/v1/locations/", {"open": "true"}).json()["results"]
    ]
    assert names == ["Hotel"] and today > D(2022, 12, 31)
    assert api_client.get("/api/v1/locations/", {"kind": "hotel"}).json()["count"] == 1


def test_household_membership_and_payee(api_client, municipality, other_municipality):
    person = factories.PersonFactory(municipality=municipality)
    response = api_client.post("/api/v1/households/", {"name": "Shevchenko"}, format="json")
    assert response.status_code == 201
    household_id = response.json()["id"]
    response = api_client.post(
        "/api/v1/household-memberships/",
        {
            "household": household_id,
            "person": person.pk,
            "role": "partner",
            "start_date": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    response = api_client.patch(
        f"/api/v1/households/{household_id}/", {"payee": person.pk}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["payee"] == person.pk
    assert [m["person"] for m in body["memberships"]] == [person.pk]

    foreign = factories.PersonFactory(municipality=other_municipality)
    response = api_client.patch(
        f"/api/v1/households/{household_id}/", {"payee": foreign.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "payee"

    clash = api_client.post(
        "/api/v1/household-memberships/",
        {
            "household": household_id,
            "person": person.pk,
            "role": "partner",
            "start_date": "2024-06-01",
        },
        format="json",
    )
    assert clash.status_code == 400
    assert "already a member" in clash.json()["invalidParams"][0]["reason"]


def test_host_income_and_provision(api_client, municipality):
    person = factories.PersonFactory(municipality=municipality)
    response = api_client.post(
        "/api/v1/hosts/",
        {
            "name": "Familie Jansen",
            "active_from": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["guests_today"] == 0

    response = api_client.post(
        "/api/v1/income-periods/",
        {
            "person": person.pk,
            "kind": "work",
            "monthly_amount": "1234.50",
            "start_date": "2024-03-01",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["monthly_amount"] == "1234.50"
    income_id = response.json()["id"]
    negative = api_client.post(
        "/api/v1/income-periods/",
        {
            "person": person.pk,
            "kind": "work",
            "monthly_amount": "-1",
            "start_date": "2024-03-01",
        },
        format="json",
    )
    assert negative.status_code == 400
    assert api_client.get("/api/v1/income-periods/", {"person": person.pk}).json()["count"] == 1
    assert api_client.delete(f"/api/v1/income-periods/{income_id}/").status_code == 204

    response = api_client.post(
        "/api/v1/provisions/",
        {
            "person": person.pk,
            "month": "2024-05-17",
            "kind": "leefgeld",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["month"] == "2024-05-01"
    twice = api_client.post(
        "/api/v1/provisions/",
        {
            "person": person.pk,
            "month": "2024-05-03",
            "kind": "leefgeld",
        },
        format="json",
    )
    assert twice.status_code == 400
    assert api_client.get("/api/v1/provisions/", {"month": "2024-05-20"}).json()["count"] == 1


def test_placement_filters(api_client, municipality):
    today = timezone.localdate()
    person = factories.PersonFactory(municipality=municipality)
    host = factories.HostFactory(municipality=municipality)
    old = factories.PlacementFactory(
        person=person, start_date=D(2024, 1, 1), end_date=D(2024, 1, 31)
    )
    current = factories.PlacementFactory(
        person=person, location=None, host=host, start_date=D(2024, 2, 1)
    )
    url = "/api/v1/placements/"
    assert [r["id"] for r in api_client.get(url, {"active": "true"}).json()["results"]] == [
        current.pk
    ]
    assert [r["id"] for r in api_client.get(url, {"kind": "goo"}).json()["results"]] == [old.pk]
    assert [r["id"] for r in api_client.get(url, {"on": "2024-01-15"}).json()["results"]] == [
        old.pk
    ]
    assert api_client.get(url, {"person": person.pk}).json()["count"] == 2
    assert today >= D(2024, 2, 1)


def test_unknown_filter_value_is_a_400_problem(api_client):
    response = api_client.get("/api/v1/placements/", {"on": "not-a-date"})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "on"
