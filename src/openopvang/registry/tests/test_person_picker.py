"""The person picker of "Add member": search as you type (htmx) by name, birth
date or part of the BSN, current members left out, at most 20 matches, every
search audited; without JavaScript the Search button shows the same matches."""

import datetime

import pytest
from django.urls import reverse

from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text
from openopvang.registry.models import HouseholdMembership

D = datetime.date

pytestmark = pytest.mark.django_db

BSN = factories.valid_bsn(77)


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def household(municipality):
    household = factories.HouseholdFactory(municipality=municipality, name="Shevchenko")
    member = factories.PersonFactory(
        municipality=municipality, given_names="Olena", family_name="Shevchenko"
    )
    factories.MembershipFactory(household=household, person=member, start_date=D(2025, 1, 1))
    return household


@pytest.fixture
def taras(municipality):
    return factories.PersonFactory(
        municipality=municipality,
        given_names="Taras",
        family_name="Shevchenko",
        birth_date=D(2015, 4, 3),
        bsn=BSN,
    )


def search(client, household, text):
    return client.get(
        reverse("registry:household_member_search", args=[household.pk]),
        {"person_search": text},
        HTTP_HX_REQUEST="true",
    )


@pytest.mark.parametrize("text", ["shevch", "03-04-2015", "2015-04-03", BSN[3:8]])
def test_finds_by_name_birth_date_or_part_of_the_bsn(coordinator_client, household, taras, text):
    text_shown = page_text(search(coordinator_client, household, text))
    assert "Taras Shevchenko" in text_shown
    assert "born 3 April 2015" in text_shown
    assert f"BSN ••••••{BSN[-3:]}" in text_shown
    assert BSN not in text_shown  # never the whole number


def test_current_members_are_not_offered(coordinator_client, household, taras):
    text = page_text(search(coordinator_client, household, "Shevchenko"))
    assert "Taras Shevchenko" in text
    assert "Olena Shevchenko" not in text
    assert "Nobody found for “Olena”." in page_text(search(coordinator_client, household, "Olena"))


def test_at_most_twenty_matches(coordinator_client, household, municipality):
    for n in range(25):
        factories.PersonFactory(municipality=municipality, family_name=f"Bondar{n:02d}")
    text = page_text(search(coordinator_client, household, "Bondar"))
    assert text.count("Bondar") == 20
    assert "Only the first 20 matches are shown; type more to narrow the search." in text


def test_other_municipalities_persons_are_never_found(
    coordinator_client, household, other_municipality
):
    factories.PersonFactory(municipality=other_municipality, family_name="Elsewhere")
    text = page_text(search(coordinator_client, household, "Elsewhere"))
    assert text == "Nobody found for “Elsewhere”."


def test_every_search_that_shows_persons_is_audited(coordinator_client, household, taras):
    search(coordinator_client, household, "Taras")
    event = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="registry.Household")
    assert f"registry.Person:{taras.pk}" in event.shown


def test_the_form_searches_as_you_type_and_is_labelled(coordinator_client, household):
    page = coordinator_client.get(reverse("registry:membership_create", args=[household.pk]))
    content = page.content.decode()
    search_url = reverse("registry:household_member_search", args=[household.pk])
    assert f'hx-get="{search_url}"' in content
    assert '<label class="utrecht-form-label" for="id_person">' in content
    assert 'id="id_person-results" class="oo-picker__results" aria-live="polite"' in content
    assert "Type part of the name, the birth date (dd-mm-jjjj) or part of the BSN" in (
        page_text(page)
    )


def test_without_javascript_search_then_choose(coordinator_client, household, taras):
    add_url = reverse("registry:membership_create", args=[household.pk])
    typed = {"person_search": "Taras", "role": "child", "start_date": "2025-06-01"}
    page = coordinator_client.post(add_url, {**typed, "picker_search": "person"})
    assert page.status_code == 200
    text = page_text(page)
    assert "Taras Shevchenko" in text and "This field is required." not in text
    assert f'value="{taras.pk}"' in page.content.decode()
    assert not HouseholdMembership.objects.filter(person=taras).exists()

    response = coordinator_client.post(add_url, {**typed, "person": taras.pk})
    assert response.status_code == 302
    membership = HouseholdMembership.objects.get(person=taras)
    assert (membership.household, membership.start_date) == (household, D(2025, 6, 1))


def test_a_current_member_cannot_be_added_twice(coordinator_client, household):
    olena = household.memberships.get().person
    response = coordinator_client.post(
        reverse("registry:membership_create", args=[household.pk]),
        {"person": olena.pk, "role": "partner", "start_date": "2025-06-01"},
    )
    assert response.status_code == 200
    assert "Olena Shevchenko is already a member of household Shevchenko in this period." in (
        page_text(response)
    )


def test_the_search_is_for_registry_editors_of_the_household(
    client, finance_officer, outsider, household
):
    search_url = reverse("registry:household_member_search", args=[household.pk])
    client.force_login(finance_officer)
    assert client.get(search_url, {"person_search": "Olena"}).status_code == 403
    client.force_login(outsider)
    assert client.get(search_url, {"person_search": "Olena"}).status_code == 404
