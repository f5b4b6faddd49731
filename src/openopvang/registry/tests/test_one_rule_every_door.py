"""A registry rule holds whatever door a record comes through: the web form,
the API, the admin, an import calling full_clean. Each case here was once
accepted by one door and refused by another."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from openopvang.core.testing import factories
from openopvang.registry.forms import PersonForm
from openopvang.registry.models import Person, Placement

DAY = datetime.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def person_payload(**changes):
    payload = {
        "given_names": "Olena",
        "family_name": "Shevchenko",
        "birth_date": "1990-05-17",
        "sex": "F",
        "nationality": "UA",
        "languages": ["uk"],
    }
    payload.update(changes)
    return payload


class TestCountryAndLanguageCodes:
    def test_api_refuses_an_unknown_country_with_the_forms_message(self, api_client):
        response = api_client.post(
            "/api/v1/persons/", person_payload(nationality="ZZ"), format="json"
        )
        assert response.status_code == 400
        assert "ZZ is not an ISO 3166 country code" in str(response.json())
        assert not Person.objects.exists()

    def test_api_refuses_an_unknown_language(self, api_client):
        response = api_client.post(
            "/api/v1/persons/", person_payload(languages=["xx"]), format="json"
        )
        assert response.status_code == 400
        assert "Unknown language code(s): xx" in str(response.json())
        assert not Person.objects.exists()

    def test_api_stores_codes_as_the_form_does(self, api_client):
        response = api_client.post(
            "/api/v1/persons/",
            person_payload(nationality="ng", languages=["EN", " en", "uk"]),
            format="json",
        )
        assert response.status_code == 201, response.json()
        person = Person.objects.get()
        assert (person.nationality, person.languages) == ("NG", ["en", "uk"])
        assert person.is_third_country_national

    def test_the_model_refuses_what_an_import_would_bring(self, municipality):
        person = factories.PersonFactory.build(
            municipality=municipality, nationality="ZZ", languages=["uk", "xx"]
        )
        with pytest.raises(ValidationError) as refused:
            person.full_clean()
        assert set(refused.value.message_dict) == {"nationality", "languages"}
        assert "Unknown language code(s): xx" in refused.value.message_dict["languages"][0]

    def test_the_form_gives_the_same_message_for_a_language(self, municipality):
        form = PersonForm(
            data={**person_payload(languages="uk, xx"), "birth_date": "1990-05-17"},
            instance=Person(municipality=municipality),
        )
        assert not form.is_valid()
        assert form.errors["languages"] == [
            "Unknown language code(s): xx. Use two-letter codes such as uk, ru, en."
        ]


@pytest.fixture
def location(municipality):
    location = factories.LocationFactory(
        municipality=municipality, opened_on=datetime.date(2025, 1, 1)
    )
    factories.CapacityPeriodFactory(
        location=location, places=10, start_date=datetime.date(2025, 1, 1)
    )
    return location


class TestPlacementClean:
    """The row-local placement rules live on the model, so the admin and any
    import refuse what the services refuse, on SQLite as on PostgreSQL."""

    def test_overlap_with_another_placement_of_the_person(self, municipality, location):
        person = factories.PersonFactory(municipality=municipality)
        factories.PlacementFactory(
            person=person,
            municipality=municipality,
            location=location,
            start_date=DAY,
            end_date=None,
        )
        second = Placement(
            person=person,
            municipality=municipality,
            location=location,
            start_date=DAY + datetime.timedelta(days=10),
        )
        with pytest.raises(ValidationError) as refused:
            second.full_clean()
        assert (
            "placements of one person cannot overlap" in refused.value.message_dict["start_date"][0]
        )

    def test_location_of_another_municipality(self, municipality, other_municipality):
        elsewhere = factories.LocationFactory(
            municipality=other_municipality, opened_on=datetime.date(2025, 1, 1)
        )
        person = factories.PersonFactory(municipality=municipality)
        placement = Placement(
            person=person, municipality=municipality, location=elsewhere, start_date=DAY
        )
        with pytest.raises(ValidationError) as refused:
            placement.full_clean()
        assert refused.value.message_dict["location"] == [
            f"{elsewhere} belongs to another municipality."
        ]

    def test_person_of_another_municipality(self, municipality, other_municipality, location):
        stranger = factories.PersonFactory(municipality=other_municipality)
        placement = Placement(
            person=stranger, municipality=municipality, location=location, start_date=DAY
        )
        with pytest.raises(ValidationError) as refused:
            placement.full_clean()
        assert refused.value.message_dict["person"] == [
            "This person is registered in another municipality."
        ]

    def test_outside_the_hosts_active_period(self, municipality):
        host = factories.HostFactory(
            municipality=municipality,
            active_from=datetime.date(2026, 1, 1),
            active_to=datetime.date(2026, 6, 30),
        )
        person = factories.PersonFactory(municipality=municipality)
        placement = Placement(
            person=person, municipality=municipality, host=host, start_date=DAY, end_date=None
        )
        with pytest.raises(ValidationError) as refused:
            placement.full_clean()
        assert "the placement must fall within that" in refused.value.message_dict["start_date"][0]

    def test_before_the_location_opens(self, municipality, location):
        person = factories.PersonFactory(municipality=municipality)
        placement = Placement(
            person=person,
            municipality=municipality,
            location=location,
            start_date=datetime.date(2024, 12, 31),
            end_date=datetime.date(2025, 1, 5),
        )
        with pytest.raises(ValidationError) as refused:
            placement.full_clean()
        assert "a placement cannot start earlier" in refused.value.message_dict["start_date"][0]

    def test_a_valid_placement_passes(self, municipality, location):
        person = factories.PersonFactory(municipality=municipality)
        Placement(
            person=person, municipality=municipality, location=location, start_date=DAY
        ).full_clean()


class TestAdminDoesNotBypassTheServices:
    @pytest.fixture
    def admin_client(self, client, db):
        superuser = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
        client.force_login(superuser)
        return client

    def test_placements_cannot_be_added_or_changed_in_the_admin(
        self, admin_client, municipality, location
    ):
        placement = factories.PlacementFactory(
            person=factories.PersonFactory(municipality=municipality),
            municipality=municipality,
            location=location,
            start_date=DAY,
        )
        assert admin_client.get("/admin/registry/placement/add/").status_code == 403
        change_page = admin_client.get(f"/admin/registry/placement/{placement.pk}/change/")
        assert change_page.status_code == 200
        assert b'name="_save"' not in change_page.content  # shown read-only
        response = admin_client.post(
            f"/admin/registry/placement/{placement.pk}/change/",
            {"start_date": "2020-01-01", "person": placement.person_id},
        )
        assert response.status_code == 403
        placement.refresh_from_db()
        assert placement.start_date == DAY
