"""A coordinator who registers a person already there in another spelling is
warned before saving, with the reason, and can register anyway."""

import datetime

import pytest
from django.urls import reverse

from openopvang.core.testing import factories
from openopvang.registry.models import Person

EXPECTED_REASON = (
    "same birth date, family name Kovalenko ~ Kowalenko, "
    "given name Oleksandr = Aleksandr (Russian form)"
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kovalenko(municipality):
    return factories.PersonFactory(
        municipality=municipality,
        given_names="Oleksandr",
        family_name="Kovalenko",
        given_names_cyrillic="Олександр",
        family_name_cyrillic="Коваленко",
        birth_date=datetime.date(1985, 3, 7),
        sex="M",
        nationality="UA",
        bsn="",
    )


def form_data(**overrides):
    data = {
        "given_names": "Aleksandr",
        "family_name": "Kowalenko",
        "given_names_cyrillic": "",
        "family_name_cyrillic": "",
        "birth_date": "1985-03-07",
        "sex": "M",
        "nationality": "UA",
        "bsn": "",
        "languages": "uk",
        "phone": "",
        "email": "",
        "iban": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def post(client, **overrides):
    return client.post(
        reverse("registry:person_create"), form_data(**overrides), HTTP_ACCEPT_LANGUAGE="en"
    )


def test_a_probable_duplicate_is_shown_before_saving(coordinator_client, kovalenko):
    response = post(coordinator_client)
    assert response.status_code == 200
    assert Person.objects.count() == 1
    page = response.content.decode()
    assert "Probably already registered" in page
    assert EXPECTED_REASON in page
    assert reverse("registry:person_detail", args=[kovalenko.pk]) in page


def test_a_sex_left_unknown_is_no_mismatch(coordinator_client, kovalenko):
    # The form's default is "other / unknown" (X): it must not hide the duplicate.
    response = post(coordinator_client, sex="X")
    assert response.status_code == 200
    assert EXPECTED_REASON in response.content.decode()
    assert Person.objects.count() == 1


def test_the_user_can_confirm_it_is_a_different_person(coordinator_client, kovalenko):
    response = post(coordinator_client, confirm_different="on")
    assert response.status_code == 302
    assert Person.objects.filter(family_name="Kowalenko").exists()


def test_a_twin_is_saved_without_a_warning(coordinator_client, kovalenko):
    response = post(coordinator_client, given_names="Andrii", family_name="Kovalenko")
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_persons_of_another_municipality_are_not_shown(coordinator_client, other_municipality):
    factories.PersonFactory(
        municipality=other_municipality,
        given_names="Oleksandr",
        family_name="Kovalenko",
        birth_date=datetime.date(1985, 3, 7),
        sex="M",
        bsn="",
    )
    response = post(coordinator_client)
    assert response.status_code == 302


def test_the_api_saves_and_warns(coordinator, kovalenko):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(coordinator)
    data = {k: v for k, v in form_data().items() if k not in ("languages",)}
    response = api.post("/api/v1/persons/", data, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 201, response.content
    warnings = response.json()["probable_duplicates"]
    assert [w["id"] for w in warnings] == [kovalenko.pk]
    assert "given name Oleksandr = Aleksandr (Russian form)" in warnings[0]["reasons"]


def test_the_person_list_finds_another_spelling(coordinator_client, kovalenko):
    for query in ("Kowalenko", "Aleksandr Kovalenko", "Александр"):
        response = coordinator_client.get(reverse("registry:person_list"), {"q": query})
        assert [p.pk for p in response.context["page_obj"].object_list] == [kovalenko.pk], query
    response = coordinator_client.get(reverse("registry:person_list"), {"q": "Melnyk"})
    assert list(response.context["page_obj"].object_list) == []


def test_the_search_key_follows_a_change_of_name(kovalenko):
    kovalenko.family_name = "Melnyk"
    kovalenko.family_name_cyrillic = "Мельник"
    kovalenko.save(update_fields=["family_name", "family_name_cyrillic"])
    kovalenko.refresh_from_db()
    assert "melnik" in kovalenko.search_key.split()
    assert "kovalenko" not in kovalenko.search_key.split()
