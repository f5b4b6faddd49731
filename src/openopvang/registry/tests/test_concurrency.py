"""Optimistic concurrency on one database connection (any database): the
version a save is based on, the form that shows both values when someone else
saved first, and the API's ETag / If-Match with 412. The races themselves,
with two sessions at once, are in test_concurrency_postgres.py."""

import datetime

import pytest
from django.urls import reverse

from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.services import StaleRecord
from openopvang.core.testing import factories
from openopvang.registry import services
from openopvang.registry.models import Person

from .test_views_persons import person_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def olena(municipality):
    return factories.PersonFactory(
        municipality=municipality,
        given_names="Olena",
        family_name="Shevchenko",
        given_names_cyrillic="Олена",
        family_name_cyrillic="Шевченко",
        birth_date=datetime.date(1985, 3, 2),
        languages=["uk"],
    )


def updates(person) -> int:
    return AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="registry.Person", object_id=str(person.pk)
    ).count()


def edit_data(person, **overrides):
    stored = {
        "given_names": person.given_names,
        "family_name": person.family_name,
        "given_names_cyrillic": person.given_names_cyrillic,
        "family_name_cyrillic": person.family_name_cyrillic,
        "birth_date": person.birth_date.isoformat(),
        "languages": ", ".join(person.languages),
    }
    return person_data(**{**stored, **overrides})


class TestService:
    def test_each_stored_change_raises_the_version(self, coordinator, olena):
        assert olena.version == 1
        olena.phone = "0612345678"
        services.save_record(coordinator, olena)
        olena.refresh_from_db()
        assert olena.version == 2
        # Saving without a change keeps the version: nobody else's form goes stale.
        services.save_record(coordinator, olena)
        olena.refresh_from_db()
        assert olena.version == 2

    def test_a_save_based_on_an_older_version_is_refused(self, coordinator, olena):
        mine, theirs = Person.objects.get(pk=olena.pk), Person.objects.get(pk=olena.pk)
        theirs.family_name = "Koval"
        services.save_record(coordinator, theirs)
        mine.given_names = "Olha"
        with pytest.raises(StaleRecord) as refused:
            services.save_record(coordinator, mine)
        assert refused.value.code == "stale"
        assert refused.value.stored.family_name == "Koval"
        olena.refresh_from_db()
        # Theirs is kept, mine is not stored, and only what was stored is audited.
        assert (olena.given_names, olena.family_name, olena.version) == ("Olena", "Koval", 2)
        assert updates(olena) == 1

    def test_a_stale_delete_is_refused(self, coordinator, olena):
        mine, theirs = Person.objects.get(pk=olena.pk), Person.objects.get(pk=olena.pk)
        theirs.notes = "Changed"
        services.save_record(coordinator, theirs)
        with pytest.raises(StaleRecord):
            services.delete_record(coordinator, mine)
        assert Person.objects.filter(pk=olena.pk).exists()
        assert not AuditEvent.objects.filter(action=AuditAction.DELETE).exists()


class TestForm:
    def test_the_edit_form_carries_the_version(self, coordinator_client, olena):
        page = coordinator_client.get(reverse("registry:person_update", args=[olena.pk]))
        assert '<input type="hidden" name="version" value="1"' in page.content.decode()

    def test_a_stale_edit_shows_both_values_and_stores_nothing(
        self, coordinator_client, coordinator, olena
    ):
        url = reverse("registry:person_update", args=[olena.pk])
        # Someone else stores a new family name while this form is open.
        theirs = Person.objects.get(pk=olena.pk)
        theirs.family_name = "Koval"
        services.save_record(coordinator, theirs)

        data = edit_data(olena, given_names="Olha", version="1")
        response = coordinator_client.post(url, data)
        assert response.status_code == 200
        content = response.content.decode()
        assert "Someone else changed this record while you were editing it." in content
        form = response.context["form"]
        # The stored value next to each field where it differs; the user's value stays.
        assert form.errors["family_name"] == ["Stored now: Koval"]
        assert form.errors["given_names"] == ["Stored now: Olena"]
        assert "birth_date" not in form.errors
        assert 'value="Olha"' in content and 'value="Shevchenko"' in content
        # The form now carries the stored version: saving again stores the user's values.
        assert '<input type="hidden" name="version" value="2"' in content
        olena.refresh_from_db()
        assert (olena.given_names, olena.family_name) == ("Olena", "Koval")
        assert updates(olena) == 1

        response = coordinator_client.post(url, {**data, "version": "2"})
        assert response.status_code == 302
        olena.refresh_from_db()
        assert (olena.given_names, olena.family_name, olena.version) == (
            "Olha",
            "Shevchenko",
            3,
        )
        assert updates(olena) == 2

    def test_dutch_page_says_someone_else_changed_it(self, coordinator_client, coordinator, olena):
        theirs = Person.objects.get(pk=olena.pk)
        theirs.notes = "Ander"
        services.save_record(coordinator, theirs)
        response = coordinator_client.post(
            reverse("registry:person_update", args=[olena.pk]),
            edit_data(olena, version="1"),
            HTTP_ACCEPT_LANGUAGE="nl",
        )
        assert response.status_code == 200
        assert response.context["form"].errors["notes"]


class TestApi:
    URL = "/api/v1/persons/{}/"

    def test_get_gives_the_version_as_etag(self, api_client, olena):
        response = api_client.get(self.URL.format(olena.pk))
        assert response.status_code == 200
        assert response["ETag"] == '"1"'

    def test_if_match_with_the_current_version_updates(self, api_client, olena):
        response = api_client.patch(
            self.URL.format(olena.pk), {"notes": "Mine"}, format="json", HTTP_IF_MATCH='"1"'
        )
        assert response.status_code == 200, response.content
        assert response["ETag"] == '"2"'
        olena.refresh_from_db()
        assert (olena.notes, olena.version) == ("Mine", 2)

    @pytest.mark.parametrize("method", ["patch", "put", "delete"])
    def test_a_stale_if_match_is_412_and_stores_nothing(
        self, api_client, coordinator, olena, method
    ):
        theirs = Person.objects.get(pk=olena.pk)
        theirs.notes = "Theirs"
        services.save_record(coordinator, theirs)
        events = AuditEvent.objects.exclude(action=AuditAction.VIEW).count()
        payload = {
            "given_names": "Olha",
            "family_name": "Shevchenko",
            "birth_date": "1985-03-02",
        }
        response = getattr(api_client, method)(
            self.URL.format(olena.pk), payload, format="json", HTTP_IF_MATCH='"1"'
        )
        assert response.status_code == 412
        assert response["Content-Type"] == "application/problem+json"
        problem = response.json()
        assert problem["status"] == 412 and problem["code"] == "stale"
        olena.refresh_from_db()
        assert (olena.given_names, olena.notes, olena.version) == ("Olena", "Theirs", 2)
        assert AuditEvent.objects.exclude(action=AuditAction.VIEW).count() == events

    def test_without_if_match_the_api_still_works(self, api_client, olena):
        response = api_client.patch(self.URL.format(olena.pk), {"notes": "Mine"}, format="json")
        assert response.status_code == 200
        assert response["ETag"] == '"2"'

    def test_a_change_stored_while_the_request_ran_is_412(
        self, api_client, coordinator, olena, monkeypatch
    ):
        """The If-Match matched when the record was read, but someone else
        stored a change before this request saved."""
        original = services.save_record

        def someone_else_first(user, instance, **kwargs):
            theirs = Person.objects.get(pk=instance.pk)
            theirs.notes = "Theirs"
            original(coordinator, theirs)
            return original(user, instance, **kwargs)

        monkeypatch.setattr(services, "save_record", someone_else_first)
        response = api_client.patch(
            self.URL.format(olena.pk), {"notes": "Mine"}, format="json", HTTP_IF_MATCH='"1"'
        )
        assert response.status_code == 412
        olena.refresh_from_db()
        assert olena.notes == "Theirs"

    def test_a_wildcard_if_match_matches_any_version(self, api_client, olena):
        response = api_client.patch(
            self.URL.format(olena.pk), {"notes": "Mine"}, format="json", HTTP_IF_MATCH="*"
        )
        assert response.status_code == 200

    def test_the_openapi_document_describes_if_match_and_412(self):
        from openopvang.core.api.openapi import generate_schema

        schema = generate_schema()
        operation = schema["paths"]["/persons/{id}/"]
        for method in ("put", "patch", "delete"):
            assert "412" in operation[method]["responses"], method
            names = [p.get("name") for p in operation[method].get("parameters", [])]
            assert "If-Match" in names, method
        assert "ETag" in operation["get"]["responses"]["200"]["headers"]
