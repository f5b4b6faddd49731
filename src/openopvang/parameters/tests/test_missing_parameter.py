"""A day without a parameter value (December 2026: the 2026 amounts are not
published): every page and API answer says so in the reader's language, names
the parameter, the first day without a value and its source, and tells the
reader what to do. Nothing half-computed is shown or stored."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time
from rest_framework.test import APIClient

from openopvang.accounts.models import Role
from openopvang.allowances.models import PaymentRun
from openopvang.core.testing import factories
from openopvang.parameters.services import current_parameters

pytestmark = pytest.mark.django_db

KLEEDGELD = "rooo.kleedgeld.per_person_month"
TODAY = "2026-12-02"


@pytest.fixture
def household(municipality):
    """A demo-like household: two adults in a GOO building without catering
    since 2025, still there in December 2026."""
    location = factories.LocationFactory(municipality=municipality, name="Sporthal Oost")
    factories.CapacityPeriodFactory(location=location, places=40)
    household = factories.HouseholdFactory(municipality=municipality, name="Shevchenko")
    persons = []
    for given, born in (
        ("Olena", datetime.date(1985, 3, 2)),
        ("Andrii", datetime.date(1983, 6, 1)),
    ):
        person = factories.PersonFactory(
            municipality=municipality,
            given_names=given,
            family_name="Shevchenko",
            birth_date=born,
            iban="NL02ABNA0123456789",
        )
        factories.MembershipFactory(
            household=household, person=person, start_date=datetime.date(2024, 12, 1)
        )
        factories.PlacementFactory(
            person=person, location=location, start_date=datetime.date(2025, 1, 1)
        )
        persons.append(person)
    household.payee = persons[0]
    household.save()
    return persons


@pytest.fixture
def earner(household):
    """Andrii works: the household owes an eigen bijdrage."""
    factories.IncomeFactory(
        person=household[1], start_date=datetime.date(2025, 1, 1), monthly_amount=Decimal("1500")
    )
    return household


@pytest.fixture
def platform_admin(municipality):
    """A platform administrator (may manage parameters) who can open the
    municipality's person pages; a national administrator sees no person."""
    return factories.UserFactory(
        username="platform-admin",
        organisation=municipality,
        role=Role.ADMINISTRATOR,
        is_superuser=True,
    )


def _named_parameter(html: str) -> str:
    found = re.search(r"<code>([a-z_.0-9]+)</code>", html)
    assert found, "the page names no parameter"
    return found.group(1)


def _last_source(name: str) -> str:
    value = current_parameters().parameter(name).values[-1]
    return value.reference.publication


def _person_page(client, person):
    with freeze_time(TODAY):
        return client.get(
            reverse("registry:person_detail", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="nl"
        )


def test_person_page_in_2026_says_in_dutch_which_value_is_missing(household, coordinator_client):
    page = _person_page(coordinator_client, household[0])
    html = page.content.decode()
    assert page.status_code == 200
    name = _named_parameter(html)
    assert name.startswith("rooo.")  # eetgeld or kleedgeld: the first the engine needs
    assert current_parameters().parameter(name).description["nl"] in html
    assert "1 januari 2026" in html  # the first day without a value
    assert "1 oktober 2026" in html  # the first day the page needed
    assert _last_source(name) in html
    assert "No value for parameter" not in html  # not the engine's English message
    assert "Vraag uw applicatiebeheerder of de landelijke organisatie" in html
    assert reverse("rules:parameter_create") not in html  # a coordinator gets no form link
    assert "€" not in html.split('id="allowances-heading"')[1].split("</section>")[0]


def test_an_administrator_gets_the_link_to_add_the_value(household, platform_admin, client):
    client.force_login(platform_admin)
    html = _person_page(client, household[0]).content.decode()
    name = _named_parameter(html)
    link = f"{reverse('rules:parameter_create')}?name={name}&amp;start=2026-01-01"
    assert link in html
    assert "Voeg de waarde toe vanaf 1 januari 2026" in html


def test_a_run_for_a_month_without_amounts_is_refused_and_nothing_is_stored(
    household, finance_officer, client
):
    client.force_login(finance_officer)
    with freeze_time(TODAY):
        response = client.post(
            reverse("allowances:run_create"),
            {"month": "2026-12", "execution_date": "2026-12-20"},
            HTTP_ACCEPT_LANGUAGE="nl",
        )
    html = response.content.decode()
    assert response.status_code == 400
    name = re.search(r"\((rooo\.[a-z_.0-9]+)\)", html).group(1)
    assert current_parameters().parameter(name).description["nl"] in html
    assert "Geen waarde bekend" in html and "1 januari 2026" in html
    assert not PaymentRun.objects.exists()


def test_api_answers_a_problem_naming_the_parameter_in_the_requests_language(
    household, finance_officer
):
    api = APIClient()
    api.force_authenticate(finance_officer)
    with freeze_time(TODAY):
        response = api.post(
            "/api/v1/payment-runs/",
            {"month": "2026-12"},
            format="json",
            HTTP_ACCEPT_LANGUAGE="nl",
        )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "missing_parameter"
    assert problem["parameter"].startswith("rooo.")
    assert problem["firstDayWithoutValue"] == "2026-01-01"
    assert problem["day"].startswith("2026-")
    assert "Geen waarde bekend" in problem["detail"] and "1 januari 2026" in problem["detail"]
    assert problem["lastKnownSource"]["publication"]
    assert "addValueUrl" not in problem  # a finance officer cannot add values
    assert not PaymentRun.objects.exists()


def test_api_collection_list_problem_in_english_when_asked(earner, finance_officer):
    api = APIClient()
    api.force_authenticate(finance_officer)
    with freeze_time(TODAY):
        collection = api.get("/api/v1/eigen-bijdrage/?month=2026-12", HTTP_ACCEPT_LANGUAGE="en")
    assert collection.status_code == 422
    assert collection.json()["code"] == "missing_parameter"
    assert "No value is known for" in collection.json()["detail"]


def test_collection_list_of_a_month_without_amounts(earner, finance_officer, client):
    client.force_login(finance_officer)
    with freeze_time(TODAY):
        page = client.get(
            reverse("allowances:collection") + "?month=2026-12", HTTP_ACCEPT_LANGUAGE="nl"
        )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Er is nog geen waarde bekend voor" in html and "1 januari 2026" in html
    assert "1 december 2026" in html


def test_cli_keeps_the_engines_english_message():
    from openopvang.rules.engine.errors import MissingParameter

    assert str(MissingParameter(KLEEDGELD, datetime.date(2026, 10, 1))) == (
        f"No value for parameter '{KLEEDGELD}' on 2026-10-01"
    )


def test_the_administrators_link_opens_the_form_prefilled_with_name_and_start(
    platform_admin, client
):
    client.force_login(platform_admin)
    page = client.get(
        reverse("rules:parameter_create") + f"?name={KLEEDGELD}&start=2026-01-01",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert f'<option value="{KLEEDGELD}" selected>' in html
    assert 'value="2026-01-01"' in html
