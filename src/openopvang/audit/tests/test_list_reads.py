"""Reading personal data through a list or a page that names several persons
is audited like a detail view: one event per page, naming the persons shown,
and the audit log finds it when asked who saw a person (ADR 0004)."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from openopvang.accounts.models import Role
from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_and_frozen")]


@pytest.fixture
def english_and_frozen(client, settings):
    settings.LANGUAGE_CODE = "en"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with freeze_time("2025-06-15 12:00:00"):
        yield


@pytest.fixture
def persons(municipality):
    return [
        factories.PersonFactory(
            municipality=municipality,
            family_name=f"Shevchenko{n:02d}",
            bsn=factories.valid_bsn(n + 1),
            iban="NL91ABNA0417164300",
        )
        for n in range(30)
    ]


def reads():
    return list(AuditEvent.objects.filter(action="view").order_by("id"))


def test_api_person_list_writes_one_event_naming_the_persons_on_the_page(
    api_client, coordinator, persons
):
    response = api_client.get("/api/v1/persons/", {"page_size": 10, "ordering": "family_name"})
    assert response.status_code == 200
    assert persons[0].bsn in response.content.decode()  # BSN and IBAN are in the answer
    [event] = reads()
    assert event.actor == coordinator
    assert event.channel == "api"
    assert event.object_type == "registry.Person"
    assert event.shown_ids("registry.Person") == [row["id"] for row in response.json()["results"]]
    assert event.shown_ids("registry.Person") == [p.pk for p in persons[:10]]
    assert event.changes["page"] == 1
    assert event.changes["query"] == {"ordering": "family_name", "page_size": "10"}


def test_api_second_page_writes_its_own_event(api_client, persons):
    api_client.get("/api/v1/persons/", {"page_size": 10})
    api_client.get("/api/v1/persons/", {"page_size": 10, "page": 2})
    first, second = reads()
    assert second.changes["page"] == 2
    assert second.shown_ids("registry.Person") == [p.pk for p in persons[10:20]]
    assert not set(first.shown_ids("registry.Person")) & set(second.shown_ids("registry.Person"))


def test_api_person_read_still_writes_one_event(api_client, persons):
    assert api_client.get(f"/api/v1/persons/{persons[3].pk}/").status_code == 200
    [event] = reads()
    assert (event.object_type, event.object_id) == ("registry.Person", str(persons[3].pk))


def test_api_placements_name_their_persons(api_client, municipality, persons):
    placement = factories.PlacementFactory(person=persons[0])
    assert api_client.get("/api/v1/placements/").status_code == 200
    [event] = reads()
    assert event.shown_ids("registry.Placement") == [placement.pk]
    assert event.shown_ids("registry.Person") == [persons[0].pk]


def test_html_person_list_writes_one_event_per_page(coordinator_client, coordinator, persons):
    response = coordinator_client.get(reverse("registry:person_list"))
    assert response.status_code == 200
    shown = list(response.context["page_obj"].object_list)
    [event] = reads()
    assert event.actor == coordinator
    assert event.channel == "web"
    assert event.shown_ids("registry.Person") == [p.pk for p in shown]
    assert persons[0].family_name in response.content.decode()
    assert event.changes["page"] == 1

    coordinator_client.get(reverse("registry:person_list"), {"page": 2})
    second = reads()[-1]
    assert second.changes["page"] == 2
    assert second.shown_ids("registry.Person") == [p.pk for p in persons[25:]]


def test_html_person_search_records_the_query(coordinator_client, persons):
    coordinator_client.get(reverse("registry:person_list"), {"q": "Shevchenko07"})
    [event] = reads()
    assert event.shown_ids("registry.Person") == [persons[7].pk]
    assert event.changes["query"] == {"q": "Shevchenko07"}


def test_household_page_names_its_members(coordinator_client, municipality, persons):
    household = factories.HouseholdFactory(municipality=municipality, payee=persons[0])
    for person in persons[:3]:
        factories.MembershipFactory(household=household, person=person)
    response = coordinator_client.get(reverse("registry:household_detail", args=[household.pk]))
    assert response.status_code == 200
    assert persons[2].family_name in response.content.decode()
    [event] = reads()
    assert (event.object_type, event.object_id) == ("registry.Household", str(household.pk))
    assert sorted(event.shown_ids("registry.Person")) == sorted(p.pk for p in persons[:3])


def test_household_list_names_the_payees(coordinator_client, municipality, persons):
    household = factories.HouseholdFactory(municipality=municipality, payee=persons[4])
    factories.MembershipFactory(household=household, person=persons[4])
    coordinator_client.get(reverse("registry:household_list"))
    [event] = reads()
    assert event.shown_ids("registry.Household") == [household.pk]
    assert event.shown_ids("registry.Person") == [persons[4].pk]


def test_location_page_names_its_residents(coordinator_client, municipality, persons):
    location = factories.LocationFactory(municipality=municipality)
    factories.CapacityPeriodFactory(location=location)
    for person in persons[:2]:
        factories.PlacementFactory(person=person, location=location)
    factories.PlacementFactory(
        person=persons[5], location=location, end_date=datetime.date(2024, 2, 1)
    )
    response = coordinator_client.get(reverse("registry:location_detail", args=[location.pk]))
    assert response.status_code == 200
    [event] = reads()
    assert (event.object_type, event.object_id) == ("registry.Location", str(location.pk))
    assert sorted(event.shown_ids("registry.Person")) == sorted(p.pk for p in persons[:2])


def test_host_page_names_its_guests(coordinator_client, municipality, persons):
    host = factories.HostFactory(municipality=municipality)
    factories.PlacementFactory(person=persons[1], location=None, host=host)
    coordinator_client.get(reverse("registry:host_detail", args=[host.pk]))
    [event] = reads()
    assert (event.object_type, event.object_id) == ("registry.Host", str(host.pk))
    assert event.shown_ids("registry.Person") == [persons[1].pk]


def test_aggregate_pages_write_no_read_event(coordinator_client, municipality, persons):
    location = factories.LocationFactory(municipality=municipality)
    factories.PlacementFactory(person=persons[0], location=location)
    assert coordinator_client.get(reverse("core:dashboard")).status_code == 200
    assert coordinator_client.get(reverse("registry:location_list")).status_code == 200
    assert reads() == []


def test_an_empty_list_writes_nothing(coordinator_client, municipality):
    coordinator_client.get(reverse("registry:person_list"))
    assert reads() == []


def test_audit_log_finds_every_read_that_showed_a_person(client, municipality, persons):
    viewer = factories.UserFactory(organisation=municipality, role=Role.COORDINATOR)
    client.force_login(viewer)
    client.get(reverse("registry:person_list"), {"page": 2})  # persons 25-29
    client.get(reverse("registry:person_list"))  # persons 0-24
    client.get(reverse("registry:person_detail", args=[persons[26].pk]))
    client.logout()

    admin = factories.UserFactory(organisation=municipality, role=Role.ADMINISTRATOR)
    client.force_login(admin)
    response = client.get(
        reverse("audit:list"), {"object_type": "registry.Person", "object_id": persons[26].pk}
    )
    assert response.status_code == 200
    found = list(response.context["page"].object_list)
    assert len(found) == 2  # the second list page and the person page, not the first page
    assert {event.changes.get("page") for event in found} == {2, None}
    assert all(event.actor == viewer for event in found)

    detail = client.get(reverse("audit:detail", args=[found[-1].pk]))
    assert f"registry.Person {persons[26].pk}" in detail.content.decode()
