"""The person list's filters over large sets (locations, hosts, households):
a municipality with hundreds of them gets a search box and a short list
instead of a drop-down of everything, and the page reads the same number of
rows from the database whatever the size of the sets or the page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from openopvang.core.testing import factories
from openopvang.registry.forms import FILTER_CHOICE_LIMIT

TODAY = datetime.date(2025, 6, 15)

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with freeze_time("2025-06-15 12:00:00"):
        yield


def option_values(html: str, name: str) -> list[str]:
    """The values of the <option>s of the select called `name`."""
    import re

    start = html.index(f'<select name="{name}"')
    block = html[start : html.index("</select>", start)]
    return re.findall(r'<option value="([^"]*)"', block)


def locations(municipality, count):
    return [
        factories.LocationFactory(municipality=municipality, name=f"Locatie {index:03d}")
        for index in range(count)
    ]


def test_a_small_set_is_a_plain_drop_down(coordinator_client, municipality):
    places = locations(municipality, 3)
    html = coordinator_client.get(reverse("registry:person_list")).content.decode()
    assert option_values(html, "location") == [""] + [str(place.pk) for place in places]
    assert 'name="location_search"' not in html


def test_a_large_set_lists_a_page_and_offers_a_search(coordinator_client, municipality):
    places = locations(municipality, FILTER_CHOICE_LIMIT + 10)
    html = coordinator_client.get(reverse("registry:person_list")).content.decode()
    listed = option_values(html, "location")
    assert len(listed) == FILTER_CHOICE_LIMIT + 1  # "All locations" and the first names
    assert listed[1] == str(places[0].pk)
    assert 'name="location_search"' in html
    assert f"At most {FILTER_CHOICE_LIMIT} are listed" in html


def test_the_chosen_one_is_listed_even_beyond_the_page(coordinator_client, municipality):
    places = locations(municipality, FILTER_CHOICE_LIMIT + 10)
    last = places[-1]
    person = factories.PersonFactory(municipality=municipality, family_name="Shevchenko")
    factories.CapacityPeriodFactory(location=last)
    factories.PlacementFactory(person=person, location=last, start_date=TODAY)
    factories.PersonFactory(municipality=municipality, family_name="Bondarenko")
    response = coordinator_client.get(reverse("registry:person_list"), {"location": last.pk})
    html = response.content.decode()
    assert f'<option value="{last.pk}" selected>' in html
    assert [p.family_name for p in response.context["page_obj"].object_list] == ["Shevchenko"]


def test_the_search_box_narrows_the_choices_without_javascript(coordinator_client, municipality):
    locations(municipality, FILTER_CHOICE_LIMIT + 10)
    wanted = factories.LocationFactory(municipality=municipality, name="Jaarbeurs Hal 1")
    html = coordinator_client.get(
        reverse("registry:person_list"), {"location_search": "jaarbeurs"}
    ).content.decode()
    assert option_values(html, "location") == ["", str(wanted.pk)]


def test_search_as_you_type_returns_only_the_matching_options(
    coordinator_client, municipality, other_municipality
):
    factories.HostFactory(municipality=municipality, name="Familie Jansen")
    factories.HostFactory(municipality=municipality, name="Familie de Vries")
    factories.HostFactory(municipality=other_municipality, name="Familie Jansen-Elders")
    response = coordinator_client.get(
        reverse("registry:person_filter_choices"), {"field": "host", "host_search": "jansen"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Familie Jansen" in html
    assert "de Vries" not in html
    assert "Elders" not in html  # another municipality's host is never offered
    assert "All hosts" in html


def test_an_unknown_filter_is_not_found(coordinator_client):
    response = coordinator_client.get(
        reverse("registry:person_filter_choices"), {"field": "nationality"}
    )
    assert response.status_code == 404


def count_queries(client, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("registry:person_list"), params or {})
    assert response.status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_sets_or_the_page(coordinator_client, municipality):
    locations(municipality, 2)
    factories.HostFactory(municipality=municipality)
    factories.PersonFactory(municipality=municipality)
    small = count_queries(coordinator_client)
    small_filtered = count_queries(coordinator_client, {"status": "active"})

    locations(municipality, FILTER_CHOICE_LIMIT * 3)
    for _ in range(FILTER_CHOICE_LIMIT * 2):
        factories.HostFactory(municipality=municipality)
        factories.HouseholdFactory(municipality=municipality)
    factories.PersonFactory.create_batch(60, municipality=municipality)
    assert count_queries(coordinator_client) == small
    assert count_queries(coordinator_client, {"status": "active"}) == small_filtered
