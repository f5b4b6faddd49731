"""The person pages as a coordinator uses them: list, search, filters,
sorting, pages, the person page and its audit trail, create/edit/delete."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories
from openopvang.registry.models import Person

TODAY = datetime.date(2025, 6, 15)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def frozen_today(client):
    # Assertions read the English texts; Dutch (the default) has its own test.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with freeze_time("2025-06-15 12:00:00"):
        yield


def names_in(response) -> list[str]:
    """The person names in the results table, in order."""
    return [person.family_name for person in response.context["page_obj"].object_list]


def list_persons(client, **params):
    return client.get(reverse("registry:person_list"), params)


@pytest.fixture
def olena(municipality):
    return factories.PersonFactory(
        municipality=municipality,
        given_names="Olena",
        family_name="Shevchenko",
        given_names_cyrillic="Олена",
        family_name_cyrillic="Шевченко",
        birth_date=datetime.date(1980, 5, 4),
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
        birth_date=datetime.date(1975, 1, 20),
        nationality="UA",
    )


@pytest.fixture
def amara(municipality):
    return factories.PersonFactory(
        municipality=municipality,
        given_names="Amara",
        family_name="Okafor",
        given_names_cyrillic="",
        family_name_cyrillic="",
        birth_date=datetime.date(1999, 12, 1),
        nationality="NG",
    )


class TestPersonList:
    def test_lists_only_own_municipality(self, coordinator_client, olena, other_municipality):
        factories.PersonFactory(municipality=other_municipality, family_name="Elsewhere")
        response = list_persons(coordinator_client)
        assert response.status_code == 200
        assert names_in(response) == ["Shevchenko"]
        assert "Elsewhere" not in response.content.decode()

    def test_empty_state(self, coordinator_client):
        response = list_persons(coordinator_client)
        assert "No persons have been registered yet." in response.content.decode()
        assert "Register the first person" in response.content.decode()

    def test_no_match_message(self, coordinator_client, olena):
        response = list_persons(coordinator_client, q="Nobody")
        assert names_in(response) == []
        assert "No person matches your search." in response.content.decode()

    @pytest.mark.parametrize("query", ["Шевченко", "шевченко", "олена", "Олена Шевченко"])
    def test_search_by_cyrillic_name(self, coordinator_client, olena, andrii, query):
        assert names_in(list_persons(coordinator_client, q=query)) == ["Shevchenko"]

    @pytest.mark.parametrize("query", ["shevchenko", "Olena", "olena shev"])
    def test_search_by_latin_name(self, coordinator_client, olena, andrii, query):
        assert names_in(list_persons(coordinator_client, q=query)) == ["Shevchenko"]

    def test_search_by_bsn(self, coordinator_client, olena, andrii):
        assert names_in(list_persons(coordinator_client, q=olena.bsn)) == ["Shevchenko"]

    @pytest.mark.parametrize("query", ["04-05-1980", "1980-05-04", "4-5-1980"])
    def test_search_by_birth_date(self, coordinator_client, olena, andrii, query):
        assert names_in(list_persons(coordinator_client, q=query)) == ["Shevchenko"]

    def test_filter_third_country_nationals(self, coordinator_client, olena, amara):
        response = list_persons(coordinator_client, nationality="third_country")
        assert names_in(response) == ["Okafor"]

    def test_filter_by_location_host_and_household(
        self, coordinator_client, municipality, olena, andrii, amara
    ):
        location = factories.LocationFactory(municipality=municipality)
        factories.CapacityPeriodFactory(location=location)
        host = factories.HostFactory(municipality=municipality)
        factories.PlacementFactory(person=olena, location=location, start_date=TODAY)
        factories.PlacementFactory(
            person=andrii, location=None, host=host, start_date=datetime.date(2025, 1, 1)
        )
        household = factories.HouseholdFactory(municipality=municipality)
        factories.MembershipFactory(household=household, person=amara)

        assert names_in(list_persons(coordinator_client, location=location.pk)) == ["Shevchenko"]
        assert names_in(list_persons(coordinator_client, host=host.pk)) == ["Bondarenko"]
        assert names_in(list_persons(coordinator_client, household=household.pk)) == ["Okafor"]

    def test_filter_active_and_left(self, coordinator_client, municipality, olena, andrii, amara):
        location = factories.LocationFactory(municipality=municipality)
        factories.CapacityPeriodFactory(location=location)
        factories.PlacementFactory(
            person=olena, location=location, start_date=datetime.date(2025, 1, 1)
        )
        factories.PlacementFactory(
            person=andrii,
            location=location,
            start_date=datetime.date(2024, 1, 1),
            end_date=datetime.date(2025, 6, 14),
        )
        assert names_in(list_persons(coordinator_client, status="active")) == ["Shevchenko"]
        assert names_in(list_persons(coordinator_client, status="left")) == ["Bondarenko"]

    def test_filter_from_another_municipality_is_rejected(
        self, coordinator_client, olena, other_municipality
    ):
        foreign = factories.LocationFactory(municipality=other_municipality)
        response = list_persons(coordinator_client, location=foreign.pk)
        # The choice is not offered; the filter is ignored and the form says so.
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()

    def test_sort_by_name_birth_date_and_nationality(
        self, coordinator_client, olena, andrii, amara
    ):
        assert names_in(list_persons(coordinator_client)) == ["Bondarenko", "Okafor", "Shevchenko"]
        assert names_in(list_persons(coordinator_client, sort="-name")) == [
            "Shevchenko",
            "Okafor",
            "Bondarenko",
        ]
        assert names_in(list_persons(coordinator_client, sort="birth_date")) == [
            "Bondarenko",
            "Shevchenko",
            "Okafor",
        ]
        assert names_in(list_persons(coordinator_client, sort="-nationality")) == [
            "Bondarenko",
            "Shevchenko",
            "Okafor",
        ]

    def test_sort_headers_are_links_that_keep_the_search(self, coordinator_client, olena):
        content = list_persons(coordinator_client, q="olena", sort="name").content.decode()
        assert 'aria-sort="ascending"' in content
        assert "?q=olena&amp;sort=-name" in content
        assert "?q=olena&amp;sort=birth_date" in content

    def test_pagination_25_per_page(self, coordinator_client, municipality):
        for number in range(30):
            factories.PersonFactory(municipality=municipality, family_name=f"Name{number:02d}")
        first = list_persons(coordinator_client)
        assert len(names_in(first)) == 25
        content = first.content.decode()
        assert "30 persons found" in content
        assert 'href="?page=2"' in content
        second = list_persons(coordinator_client, page=2)
        assert names_in(second) == [f"Name{n}" for n in range(25, 30)]
        # A page past the end shows the last page rather than an error.
        assert names_in(list_persons(coordinator_client, page=99)) == names_in(second)

    def test_htmx_request_gets_only_the_results(self, coordinator_client, olena):
        response = coordinator_client.get(
            reverse("registry:person_list"), {"q": "олена"}, HTTP_HX_REQUEST="true"
        )
        content = response.content.decode()
        assert "<html" not in content
        assert 'id="person-table"' in content
        assert "Shevchenko" in content
        assert "HX-Request" in response["Vary"]

    def test_full_page_has_live_search_that_also_works_without_javascript(self, coordinator_client):
        content = list_persons(coordinator_client).content.decode()
        assert 'method="get"' in content
        assert 'hx-get="/registry/persons/"' in content
        assert 'hx-target="#person-results"' in content

    def test_finance_officer_sees_the_list_but_no_register_button(
        self, client, finance_officer, olena
    ):
        client.force_login(finance_officer)
        response = list_persons(client)
        assert names_in(response) == ["Shevchenko"]
        assert reverse("registry:person_create") not in response.content.decode()


class TestPersonDetail:
    def test_shows_details_households_and_one_timeline(
        self, coordinator_client, municipality, olena, andrii
    ):
        location = factories.LocationFactory(municipality=municipality, name="Jaarbeurs")
        factories.CapacityPeriodFactory(location=location)
        factories.PlacementFactory(
            person=olena,
            location=location,
            start_date=datetime.date(2024, 3, 1),
            end_date=datetime.date(2024, 12, 31),
        )
        host = factories.HostFactory(municipality=municipality, name="Familie Jansen")
        factories.PlacementFactory(
            person=olena, location=None, host=host, start_date=datetime.date(2025, 1, 1)
        )
        factories.IncomeFactory(person=olena, start_date=datetime.date(2024, 9, 1))
        household = factories.HouseholdFactory(municipality=municipality, name="Shevchenko")
        factories.MembershipFactory(
            household=household, person=olena, start_date=datetime.date(2024, 3, 1)
        )
        factories.MembershipFactory(
            household=household, person=andrii, start_date=datetime.date(2024, 4, 1)
        )

        response = coordinator_client.get(reverse("registry:person_detail", args=[olena.pk]))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Олена Шевченко" in content
        assert "Placed today at Familie Jansen" in content
        assert "Bondarenko" in content  # the other household member
        titles = [event.title for event in response.context["timeline"]]
        assert titles == [
            "Checked in at Jaarbeurs (GOO location)",
            "Joins household Shevchenko as Partner",
            "Income starts: Work, € 1,800.00 a month",
            "Checked out of Jaarbeurs (last night)",
            "Checked in at Familie Jansen (POO host)",
        ]
        days = [event.day for event in response.context["timeline"]]
        assert days == sorted(days)
        for label in ["Edit", "Check out", "Move", "Add income", "Delete"]:
            assert f">{label}<" in content

    def test_viewing_writes_an_audit_event(self, coordinator_client, coordinator, olena):
        coordinator_client.get(reverse("registry:person_detail", args=[olena.pk]))
        event = AuditEvent.objects.get(action=AuditAction.VIEW)
        assert event.actor == coordinator
        assert event.object_type == "registry.Person"
        assert event.object_id == str(olena.pk)

    def test_person_without_placement_offers_check_in(self, coordinator_client, olena):
        content = coordinator_client.get(
            reverse("registry:person_detail", args=[olena.pk])
        ).content.decode()
        assert "Not placed today." in content
        assert reverse("registry:person_check_in", args=[olena.pk]) in content
        assert reverse("registry:person_check_out", args=[olena.pk]) not in content

    def test_finance_officer_sees_no_edit_buttons(self, client, finance_officer, olena):
        client.force_login(finance_officer)
        content = client.get(reverse("registry:person_detail", args=[olena.pk])).content.decode()
        assert reverse("registry:person_update", args=[olena.pk]) not in content
        assert reverse("registry:person_delete", args=[olena.pk]) not in content

    def test_other_municipality_gets_404_and_no_audit_event(self, client, outsider, olena):
        client.force_login(outsider)
        response = client.get(reverse("registry:person_detail", args=[olena.pk]))
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()
        assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()

    def test_anonymous_user_is_sent_to_login(self, client, olena):
        response = client.get(reverse("registry:person_detail", args=[olena.pk]))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def person_data(**overrides):
    data = {
        "given_names": "Iryna",
        "family_name": "Melnyk",
        "given_names_cyrillic": "Ірина",
        "family_name_cyrillic": "Мельник",
        "birth_date": "1990-07-14",
        "sex": "F",
        "nationality": "UA",
        "bsn": "",
        "languages": "uk, ru",
        "phone": "",
        "email": "",
        "iban": "",
        "notes": "",
    }
    data.update(overrides)
    return data


class TestPersonForms:
    def test_register_a_person(self, coordinator_client, municipality):
        response = coordinator_client.post(
            reverse("registry:person_create"),
            person_data(bsn="1112.22.333", iban="nl91 abna 0417 1643 00", birth_date="14-07-1990"),
        )
        person = Person.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("registry:person_detail", args=[person.pk])
        assert person.municipality == municipality
        assert person.bsn == "111222333"
        assert person.iban == "NL91ABNA0417164300"
        assert person.languages == ["uk", "ru"]
        assert person.birth_date == datetime.date(1990, 7, 14)
        assert (
            AuditEvent.objects.filter(
                action=AuditAction.CREATE, object_type="registry.Person"
            ).count()
            == 1
        )
        page = coordinator_client.get(response["Location"]).content.decode()
        assert "Iryna Melnyk has been registered." in page

    def test_invalid_bsn_is_shown_next_to_the_field(self, coordinator_client):
        response = coordinator_client.post(
            reverse("registry:person_create"), person_data(bsn="123456789")
        )
        assert response.status_code == 200
        assert not Person.objects.exists()
        form = response.context["form"]
        assert "not a valid BSN" in form.errors["bsn"][0]
        content = response.content.decode()
        assert 'id="id_bsn_error"' in content
        assert 'aria-invalid="true"' in content
        assert "The form could not be saved" in content

    def test_invalid_iban_and_language(self, coordinator_client):
        response = coordinator_client.post(
            reverse("registry:person_create"),
            person_data(iban="NL00BANK0000000000", languages="xx"),
        )
        form = response.context["form"]
        assert "not a valid IBAN" in form.errors["iban"][0]
        assert "Unknown language code(s): xx" in form.errors["languages"][0]

    def test_duplicate_bsn_in_the_municipality(self, coordinator_client, olena):
        response = coordinator_client.post(
            reverse("registry:person_create"), person_data(bsn=olena.bsn)
        )
        assert response.status_code == 200
        assert "Another person in this municipality has this BSN." in response.content.decode()

    def test_edit_records_the_changed_fields(self, coordinator_client, olena):
        data = person_data(
            given_names="Olena",
            family_name="Shevchenko-Koval",
            given_names_cyrillic="Олена",
            family_name_cyrillic="Шевченко",
            birth_date="1980-05-04",
            bsn=olena.bsn,
            languages="uk",
        )
        response = coordinator_client.post(reverse("registry:person_update", args=[olena.pk]), data)
        assert response.status_code == 302
        olena.refresh_from_db()
        assert olena.family_name == "Shevchenko-Koval"
        event = AuditEvent.objects.get(action=AuditAction.UPDATE)
        assert event.changes["family_name"] == ["Shevchenko", "Shevchenko-Koval"]

    def test_edit_form_shows_languages_as_text(self, coordinator_client, olena):
        response = coordinator_client.get(reverse("registry:person_update", args=[olena.pk]))
        assert 'value="uk, en"' in response.content.decode()

    def test_delete_asks_then_deletes(self, coordinator_client, olena):
        url = reverse("registry:person_delete", args=[olena.pk])
        assert "Yes, delete this person" in coordinator_client.get(url).content.decode()
        response = coordinator_client.post(url)
        assert response.status_code == 302
        assert not Person.objects.exists()
        assert AuditEvent.objects.filter(action=AuditAction.DELETE).count() == 1

    @pytest.mark.parametrize("name", ["person_update", "person_delete"])
    def test_finance_officer_gets_403(self, client, finance_officer, olena, name):
        client.force_login(finance_officer)
        url = reverse(f"registry:{name}", args=[olena.pk])
        assert client.get(url).status_code == 403
        response = client.post(url, person_data())
        assert response.status_code == 403
        assert "You do not have access to this page" in response.content.decode()
        assert Person.objects.get().family_name == "Shevchenko"

    def test_finance_officer_cannot_register(self, client, finance_officer):
        client.force_login(finance_officer)
        assert client.post(reverse("registry:person_create"), person_data()).status_code == 403
        assert not Person.objects.exists()

    @pytest.mark.parametrize("name", ["person_update", "person_delete"])
    def test_outsider_gets_404(self, client, outsider, olena, name):
        client.force_login(outsider)
        url = reverse(f"registry:{name}", args=[olena.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, person_data()).status_code == 404
        assert Person.objects.filter(pk=olena.pk).exists()
