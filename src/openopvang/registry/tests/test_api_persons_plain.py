"""The person list API builds its JSON from plain rows (for speed, issue 17);
an integration reading /api/v1/persons/ gets exactly what PersonSerializer
gives for the same persons: every field, the same values, the same order."""

import datetime
import json

import pytest
from django.utils import timezone
from freezegun import freeze_time
from rest_framework.renderers import JSONRenderer

from openopvang.core.testing import factories
from openopvang.registry.api import serializers
from openopvang.registry.api.viewsets import PersonViewSet
from openopvang.registry.models import Person

pytestmark = pytest.mark.django_db

URL = "/api/v1/persons/"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def varied(municipality):
    """Persons of every shape the list shows: placed at a location or with a
    host, with an ended or a future placement only, in a household (one at a
    time: the database refuses overlapping memberships), after an ended one, or
    none, Cyrillic names or not, with and without BSN, IBAN and languages,
    created in summer and in winter time."""
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    location = factories.LocationFactory(municipality=municipality, name="Jaarbeurs")
    host = factories.HostFactory(municipality=municipality, name="Familie de Vries")
    with freeze_time("2025-07-01 10:00:00"):
        olena = factories.PersonFactory(
            municipality=municipality,
            given_names="Olena",
            family_name="Shevchenko",
            given_names_cyrillic="Олена",
            family_name_cyrillic="Шевченко",
            birth_date=datetime.date(1990, 5, 17),
            bsn=factories.valid_bsn(1),
            iban="NL91ABNA0417164300",
            phone="+31 6 12345678",
            email="olena@example.org",
            notes="Spreekt ook Engels.\nAllergie: noten",
            languages=["uk", "en"],
        )
    with freeze_time("2025-01-15 23:30:00"):
        amir = factories.PersonFactory(
            municipality=municipality,
            given_names="Amir",
            family_name="Haddad",
            given_names_cyrillic="",
            family_name_cyrillic="",
            nationality="SY",
            sex="M",
            languages=[],
            bsn="",
            iban="",
        )
    andrii = factories.PersonFactory(municipality=municipality, given_names="Andrii")
    later = factories.PersonFactory(municipality=municipality, given_names="Maryna")
    left = factories.PersonFactory(municipality=municipality, given_names="Taras")

    factories.PlacementFactory(person=olena, location=location, start_date=today - 30 * day)
    factories.PlacementFactory(
        person=andrii, location=location, start_date=today - 60 * day, end_date=today - 20 * day
    )
    factories.PlacementFactory(
        person=andrii, location=None, host=host, start_date=today - 19 * day, end_date=today
    )
    factories.PlacementFactory(person=later, location=location, start_date=today + 3 * day)
    factories.PlacementFactory(
        person=left, location=location, start_date=today - 9 * day, end_date=today - day
    )
    first = factories.HouseholdFactory(municipality=municipality)
    second = factories.HouseholdFactory(municipality=municipality)
    ended = factories.HouseholdFactory(municipality=municipality)
    factories.MembershipFactory(household=second, person=olena, start_date=today - 5 * day)
    factories.MembershipFactory(
        household=ended, person=andrii, start_date=today - 50 * day, end_date=today - day
    )
    factories.MembershipFactory(household=first, person=andrii, start_date=today)
    return [olena, amir, andrii, later, left]


def serializer_output(persons) -> list[dict]:
    """What PersonSerializer gives, with the viewset's prefetches, for
    `persons` in their order."""
    queryset = PersonViewSet().scoped_queryset(
        Person.objects.filter(pk__in=[p.pk for p in persons])
    )
    position = {person.pk: index for index, person in enumerate(persons)}
    instances = sorted(queryset, key=lambda person: position[person.pk])
    return [dict(item) for item in serializers.PersonSerializer(instances, many=True).data]


def plain_output(persons) -> list[dict]:
    rows = Person.objects.filter(pk__in=[p.pk for p in persons]).values(
        *serializers.PERSON_ROW_FIELDS
    )
    position = {person.pk: index for index, person in enumerate(persons)}
    rows = sorted(rows, key=lambda row: position[row["id"]])
    return serializers.plain_persons(rows, timezone.localdate())


def as_json(data) -> list[dict]:
    return json.loads(JSONRenderer().render(data))


def test_plain_rows_equal_the_serializer_field_by_field_in_order(varied):
    old, new = serializer_output(varied), plain_output(varied)
    assert [row["id"] for row in new] == [row["id"] for row in old]
    for old_row, new_row in zip(old, new, strict=True):
        assert list(new_row) == list(old_row)  # the same fields in the same order
        for field in old_row:
            assert new_row[field] == old_row[field], field
    # And the same bytes once rendered as JSON.
    assert JSONRenderer().render(new) == JSONRenderer().render(old)


def test_plain_rows_equal_the_serializer_in_utc_too(varied):
    # DRF writes "Z" for UTC; the plain rows use the same conversion.
    with timezone.override(datetime.UTC):
        old, new = serializer_output(varied), plain_output(varied)
    assert new == old
    assert new[0]["created_at"].endswith("Z")


def test_the_list_api_answers_what_the_serializer_gives(api_client, varied):
    body = api_client.get(URL, {"page_size": 50}).json()
    assert body["count"] == 5
    in_name_order = sorted(varied, key=lambda p: (p.family_name, p.given_names, p.pk))
    assert [row["id"] for row in body["results"]] == [p.pk for p in in_name_order]
    assert body["results"] == as_json(serializer_output(in_name_order))
    olena = next(row for row in body["results"] if row["given_names"] == "Olena")
    assert olena["current_placement"]["place_name"] == "Jaarbeurs"
    assert len(olena["household_ids"]) == 1
    assert olena["created_at"] == "2025-07-01T12:00:00+02:00"  # summer time in Amsterdam


def test_the_list_shows_each_persons_place_and_households_of_today(api_client, varied):
    olena, amir, andrii, later, left = varied
    rows = {row["id"]: row for row in api_client.get(URL).json()["results"]}
    assert rows[olena.pk]["current_placement"]["kind"] == "goo"
    assert rows[andrii.pk]["current_placement"]["kind"] == "poo"
    assert rows[andrii.pk]["current_placement"]["place_name"] == "Familie de Vries"
    assert rows[andrii.pk]["current_placement"]["end_date"] == timezone.localdate().isoformat()
    assert len(rows[andrii.pk]["household_ids"]) == 1  # the ended household is not listed
    assert rows[later.pk]["current_placement"] is None  # starts in three days
    assert rows[left.pk]["current_placement"] is None  # left yesterday
    assert rows[amir.pk]["is_third_country_national"] is True
    assert rows[amir.pk]["languages"] == []
    assert rows[amir.pk]["created_at"] == "2025-01-16T00:30:00+01:00"


def test_a_filtered_and_sorted_page_answers_what_the_serializer_gives(api_client, varied):
    olena, amir, andrii, later, left = varied
    body = api_client.get(URL, {"ordering": "-birth_date", "page_size": 2, "active": "true"}).json()
    expected = sorted([olena, andrii], key=lambda p: p.birth_date, reverse=True)
    assert body["count"] == 2
    assert body["results"] == as_json(serializer_output(expected))
    assert [row["id"] for row in body["results"]] == [p.pk for p in expected]


def test_the_list_shows_no_person_of_another_municipality(api_client, varied, other_municipality):
    stranger = factories.PersonFactory(municipality=other_municipality)
    ids = [row["id"] for row in api_client.get(URL).json()["results"]]
    assert stranger.pk not in ids
    assert sorted(ids) == sorted(p.pk for p in varied)


def test_a_persons_detail_answers_what_the_serializer_gives(api_client, varied):
    for person in varied:
        response = api_client.get(f"{URL}{person.pk}/")
        assert response.status_code == 200
        assert response["ETag"] == f'"{person.version}"'
        assert response.json() == as_json(serializer_output([person]))[0]


def test_a_persons_detail_reads_what_the_list_reads(
    api_client, varied, django_assert_max_num_queries
):
    # The person, today's placement and households, and the audit event with
    # its hash chain: as many queries as before the plain rows.
    with django_assert_max_num_queries(8):
        assert api_client.get(f"{URL}{varied[0].pk}/").status_code == 200


def test_another_municipalitys_person_is_not_found(api_client, other_municipality):
    stranger = factories.PersonFactory(municipality=other_municipality)
    assert api_client.get(f"{URL}{stranger.pk}/").status_code == 404
