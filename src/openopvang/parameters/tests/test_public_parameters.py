"""/public/parameters/ and GET /api/v1/parameters/: anyone, without a login,
can check which values and sources the platform uses."""

import datetime

import pytest
from django.utils.html import escape
from rest_framework.test import APIClient

from openopvang.parameters.models import ParameterOverride
from openopvang.parameters.services import current_parameters

pytestmark = pytest.mark.django_db

GOO = "booo.goo.normbedrag_per_place_day"
PAGE = "/public/parameters/"


def test_public_page_lists_every_parameter_without_login(client):
    page = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="nl")
    html = page.content.decode()
    assert page.status_code == 200
    params = current_parameters()
    for name in params.names():
        assert f'id="{name}"' in html
        assert escape(params.parameter(name).description["nl"]) in html
    assert "<caption" in html and "<h1" in html
    assert "€ 100,00 per dag" in html  # money the Dutch way, with the euro sign
    assert "vanaf 1 maart 2022" in html or "1 maart 2022 tot en met" in html
    first = params.parameter(GOO).values[0].reference
    assert first.publication in html and first.article in html and first.url in html
    assert "bevestigd (officiële publicatie)" in html
    assert "login" not in page.get("Location", "")


def test_public_page_in_english_and_filtered_by_regulation_and_search(client):
    page = client.get(PAGE + "?regulation=booo", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert f'id="{GOO}"' in html
    assert 'id="rooo.kleedgeld.per_person_month"' not in html
    assert current_parameters().parameter(GOO).description["en"] in html
    found = client.get(PAGE + "?q=kleedgeld", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="rooo.kleedgeld.per_person_month"' in found and f'id="{GOO}"' not in found
    unknown = client.get(PAGE + "?regulation=nope", HTTP_ACCEPT_LANGUAGE="en")
    assert unknown.status_code == 200 and f'id="{GOO}"' in unknown.content.decode()


def test_public_page_shows_an_administrators_value_replaces_the_file(client):
    ParameterOverride.objects.create(
        name=GOO,
        start=datetime.date(2026, 1, 1),
        value="40.00",
        publication="Stcrt. 2025, 99999",
        article="BooO art. 3 lid 1",
        confidence="confirmed",
    )
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    section = html.split(f'id="{GOO}"')[1].split("</section>")[0]
    assert "€ 40,00 per dag" in section and "vanaf 1 januari 2026" in section
    assert "Stcrt. 2025, 99999" in section
    assert "beheerder (vervangt of vult het bestand aan)" in section


def test_parameters_api_is_public_and_read_only(db):
    api = APIClient()
    response = api.get("/api/v1/parameters/")
    assert response.status_code == 200
    names = {item["name"]: item for item in response.json()}
    assert names[GOO]["values"][0]["value"] == "100.00"
    assert names[GOO]["values"][0]["reference"]["publication"]
    assert api.post("/api/v1/parameters/", {}, format="json").status_code in (401, 403, 405)
    only = api.get("/api/v1/parameters/?regulation=rooo").json()
    assert only and all(item["name"].startswith("rooo.") for item in only)


def test_the_income_threshold_factor_shows_its_municipal_page_source(client):
    # The 1.15 factor is known from a municipal page quoting the national rule;
    # an administrator's value can carry the same confidence.
    ParameterOverride.objects.create(
        name="rooo.income.threshold_factor",
        start=datetime.date(2026, 1, 1),
        value="1.15",
        publication="Gemeente Hilversum, verplichte eigen bijdrage",
        article="RooO",
        confidence="municipal_page",
    ).full_clean(exclude=["created_by"])
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert 'id="rooo.income.threshold_factor"' in html
    assert "gemeentelijke pagina die de landelijke regel aanhaalt" in html
