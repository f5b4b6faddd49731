"""/api/v1/persons/: lists, filters, pagination, the representation, changes
and their audit events."""

import datetime

import pytest
from django.utils import timezone

from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories
from openopvang.registry.models import Person


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are asserted in English; the API speaks the Accept-Language."""
    settings.LANGUAGE_CODE = "en"


URL = "/api/v1/persons/"


def ids(response):
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def olena(municipality):
    return factories.PersonFactory(
        municipality=municipality,
        given_names="Olena",
        family_name="Shevchenko",
        given_names_cyrillic="Олена",
        family_name_cyrillic="Шевченко",
        birth_date=datetime.date(1990, 5, 17),
        bsn=factories.valid_bsn(1),
    )


@pytest.fixture
def andrii(municipality):
    return factories.PersonFactory(
        municipality=municipality,
        given_names="Andrii",
        family_name="Bondarenko",
        given_names_cyrillic="Андрій",
        family_name_cyrillic="Бондаренко",
        birth_date=datetime.date(1978, 1, 9),
        nationality="UA",
    )


@pytest.fixture
def amir(municipality):
    return factories.PersonFactory(
        municipality=municipality,
        given_names="Amir",
        family_name="Haddad",
        given_names_cyrillic="",
        family_name_cyrillic="",
        nationality="SY",
        birth_date=datetime.date(2001, 7, 30),
    )


def test_list_shows_own_persons_with_count_and_ordering(api_client, olena, andrii, amir):
    response = api_client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [row["family_name"] for row in body["results"]] == ["Bondarenko", "Haddad", "Shevchenko"]


def test_ordering_by_birth_date_descending(api_client, olena, andrii, amir):
    response = api_client.get(URL, {"ordering": "-birth_date"})
    assert ids(response) == [amir.pk, olena.pk, andrii.pk]


def test_search_in_cyrillic_lowercase_finds_the_person(api_client, olena, andrii):
    response = api_client.get(URL, {"search": "шевченко"})
    assert ids(response) == [olena.pk]


def test_search_by_bsn_and_by_dutch_birth_date(api_client, olena, andrii):
    assert ids(api_client.get(URL, {"search": olena.bsn})) == [olena.pk]
    assert ids(api_client.get(URL, {"search": "09-01-1978"})) == [andrii.pk]


def test_third_country_filter(api_client, olena, andrii, amir):
    assert ids(api_client.get(URL, {"third_country": "true"})) == [amir.pk]
    assert ids(api_client.get(URL, {"third_country": "false"})) == [andrii.pk, olena.pk]
    assert ids(api_client.get(URL, {"nationality": "sy"})) == [amir.pk]


def test_birth_date_filter(api_client, olena, andrii):
    assert ids(api_client.get(URL, {"birth_date": "1990-05-17"})) == [olena.pk]


def test_location_filter_and_active_mean_placed_today(
    api_client, municipality, olena, andrii, amir
):
    today = timezone.localdate()
    location = factories.LocationFactory(municipality=municipality)
    other_location = factories.LocationFactory(municipality=municipality)
    factories.PlacementFactory(
        person=olena, location=location, start_date=today - datetime.timedelta(days=10)
    )
    # Andrii left the location yesterday: not there today.
    factories.PlacementFactory(
        person=andrii,
        location=location,
        start_date=today - datetime.timedelta(days=30),
        end_date=today - datetime.timedelta(days=1),
    )
    factories.PlacementFactory(
        person=amir, location=other_location, start_date=today - datetime.timedelta(days=3)
    )

    assert ids(api_client.get(URL, {"location": location.pk})) == [olena.pk]
    assert ids(api_client.get(URL, {"active": "true"})) == [amir.pk, olena.pk]
    assert ids(api_client.get(URL, {"active": "false"})) == [andrii.pk]


def test_host_and_household_filters(api_client, municipality, olena, andrii):
    today = timezone.localdate()
    host = factories.HostFactory(municipality=municipality)
    factories.PlacementFactory(person=andrii, location=None, host=host, start_date=today)
    household = factories.HouseholdFactory(municipality=municipality)
    factories.MembershipFactory(household=household, person=olena, start_date=today)

    assert ids(api_client.get(URL, {"host": host.pk})) == [andrii.pk]
    assert ids(api_client.get(URL, {"household": household.pk})) == [olena.pk]


def test_filter_with_another_municipalitys_location_is_just_empty(
    api_client, olena, other_municipality
):
    foreign = factories.LocationFactory(municipality=other_municipality)
    response = api_client.get(URL, {"location": foreign.pk})
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_pagination_gives_count_and_next(api_client, municipality):
    factories.PersonFactory.create_batch(7, municipality=municipality)
    response = api_client.get(URL, {"page_size": 5})
    body = response.json()
    assert body["count"] == 7
    assert len(body["results"]) == 5
    assert "page=2" in body["next"] and "page_size=5" in body["next"]
    assert body["previous"] is None
    second = api_client.get(body["next"]).json()
    assert len(second["results"]) == 2 and second["next"] is None


def test_representation_has_names_placement_and_households(api_client, municipality, olena):
    today = timezone.localdate()
    location = factories.LocationFactory(municipality=municipality, name="Jaarbeurs")
    placement = factories.PlacementFactory(
        person=olena, location=location, start_date=today - datetime.timedelta(days=2)
    )
    household = factories.HouseholdFactory(municipality=municipality)
    factories.MembershipFactory(household=household, person=olena, start_date=today)

    row = api_client.get(URL).json()["results"][0]
    assert row["given_names_cyrillic"] == "Олена"
    assert row["family_name_cyrillic"] == "Шевченко"
    assert row["birth_date"] == "1990-05-17"
    assert row["is_third_country_national"] is False
    assert row["bsn"] == olena.bsn
    assert row["languages"] == ["uk", "en"]
    assert row["current_placement"] == {
        "id": placement.pk,
        "kind": "goo",
        "location": location.pk,
        "host": None,
        "place_name": "Jaarbeurs",
        "start_date": placement.start_date.isoformat(),
        "end_date": None,
    }
    assert row["household_ids"] == [household.pk]


def _populate(municipality, count):
    today = timezone.localdate()
    location = factories.LocationFactory(municipality=municipality)
    host = factories.HostFactory(municipality=municipality)
    for index in range(count):
        person = factories.PersonFactory(municipality=municipality)
        factories.PlacementFactory(
            person=person,
            location=None if index % 2 else location,
            host=host if index % 2 else None,
            start_date=today,
        )
        household = factories.HouseholdFactory(municipality=municipality)
        factories.MembershipFactory(household=household, person=person)


def test_query_count_does_not_grow_with_page_size(
    api_client, municipality, django_assert_max_num_queries
):
    _populate(municipality, 50)
    # count, page, placements, memberships, and the audit event with its
    # hash chain (savepoint, the chain lock on PostgreSQL, previous hash,
    # insert, release)
    with django_assert_max_num_queries(9) as small:
        assert len(api_client.get(URL, {"page_size": 5}).json()["results"]) == 5
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = api_client.get(URL, {"page_size": 50, "active": "true", "search": "Olena"})
        assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_retrieve_writes_a_view_audit_event_on_the_api_channel(api_client, coordinator, olena):
    response = api_client.get(f"{URL}{olena.pk}/")
    assert response.status_code == 200
    assert response.json()["family_name"] == "Shevchenko"
    event = AuditEvent.objects.get(action="view", object_id=str(olena.pk))
    assert event.object_type == "registry.Person"
    assert event.actor == coordinator
    assert event.channel == "api"


def test_create_sets_the_municipality_from_the_user_and_audits(
    api_client, municipality, other_municipality
):
    payload = {
        "given_names": "Iryna",
        "family_name": "Melnyk",
        "given_names_cyrillic": "Ірина",
        "family_name_cyrillic": "Мельник",
        "birth_date": "1995-02-01",
        "sex": "F",
        "nationality": "ua",
        "bsn": factories.valid_bsn(7),
        "languages": ["uk"],
        "iban": "nl91 abna 0417 1643 00",
        # Ignored: the owner is always the caller's municipality.
        "municipality": other_municipality.pk,
    }
    response = api_client.post(URL, payload, format="json")
    assert response.status_code == 201, response.json()
    person = Person.objects.get(pk=response.json()["id"])
    assert person.municipality == municipality
    assert person.nationality == "UA"
    assert person.iban == "NL91ABNA0417164300"
    event = AuditEvent.objects.get(action="create", object_id=str(person.pk))
    assert event.channel == "api"
    assert event.changes["family_name"] == "Melnyk"


def test_create_with_invalid_bsn_names_the_field(api_client):
    response = api_client.post(
        URL,
        {"given_names": "A", "family_name": "B", "birth_date": "2000-01-01", "bsn": "123456789"},
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    params = response.json()["invalidParams"]
    assert [param["name"] for param in params] == ["bsn"]
    assert "11-check" in params[0]["reason"]


def test_duplicate_bsn_in_the_municipality_is_refused_on_the_field(api_client, olena):
    response = api_client.post(
        URL,
        {"given_names": "A", "family_name": "B", "birth_date": "2000-01-01", "bsn": olena.bsn},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "bsn"


def test_future_birth_date_is_refused_by_the_model_rule(api_client):
    response = api_client.post(
        URL, {"given_names": "A", "family_name": "B", "birth_date": "2999-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "birth_date"
    assert not Person.objects.exists()


def test_partial_update_audits_the_changed_fields(api_client, olena):
    response = api_client.patch(f"{URL}{olena.pk}/", {"phone": "+31 6 12345678"}, format="json")
    assert response.status_code == 200
    assert response.json()["phone"] == "+31 6 12345678"
    event = AuditEvent.objects.get(action="update", object_id=str(olena.pk))
    assert event.changes["phone"] == ["", "+31 6 12345678"]
    assert event.channel == "api"


def test_delete_of_an_unreferenced_person_is_audited(api_client, olena):
    response = api_client.delete(f"{URL}{olena.pk}/")
    assert response.status_code == 204
    assert not Person.objects.filter(pk=olena.pk).exists()
    assert AuditEvent.objects.filter(
        action="delete", object_id=str(olena.pk), channel="api"
    ).exists()


def test_delete_of_a_person_with_a_placement_is_a_409_conflict(api_client, olena):
    factories.PlacementFactory(person=olena)
    factories.IncomeFactory(person=olena)
    response = api_client.delete(f"{URL}{olena.pk}/")
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    detail = response.json()["detail"]
    assert "1 placement" in detail and "1 income period" in detail
    assert Person.objects.filter(pk=olena.pk).exists()


def test_finance_officer_may_read_but_not_write(finance_officer, olena):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(finance_officer)
    assert client.get(URL).status_code == 200
    response = client.patch(f"{URL}{olena.pk}/", {"phone": "1"}, format="json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 403


def test_plain_placement_summary_matches_the_documented_serializer(municipality):
    from openopvang.core.testing import factories
    from openopvang.registry.api.serializers import PlacementSummarySerializer, placement_summary

    placement = factories.PlacementFactory(
        person=factories.PersonFactory(municipality=municipality)
    )
    assert placement_summary(placement) == dict(PlacementSummarySerializer(placement).data)
