"""Registry reads: search parsing and occupancy figures."""

import datetime

import pytest

from openopvang.core.testing import factories
from openopvang.registry import selectors


@pytest.mark.parametrize(
    "text, expected",
    [
        ("04-05-1980", datetime.date(1980, 5, 4)),
        ("4.5.1980", datetime.date(1980, 5, 4)),
        ("1980-05-04", datetime.date(1980, 5, 4)),
        ("31-02-1980", None),
        ("Olena", None),
        ("1980", None),
    ],
)
def test_parse_search_date(text, expected):
    assert selectors.parse_search_date(text) == expected


@pytest.mark.django_db
def test_search_scoped_and_every_word_must_match(coordinator, municipality, other_municipality):
    factories.PersonFactory(municipality=municipality, given_names="Olena", family_name="Koval")
    factories.PersonFactory(municipality=municipality, given_names="Olena", family_name="Melnyk")
    factories.PersonFactory(
        municipality=other_municipality, given_names="Olena", family_name="Koval"
    )
    found = selectors.person_list(
        coordinator, selectors.PersonFilters(query="olena koval"), today=datetime.date.today()
    )
    assert [p.family_name for p in found] == ["Koval"]
    assert found[0].municipality == municipality


@pytest.mark.django_db
def test_occupancy_counts_only_open_locations_and_active_placements(coordinator, municipality):
    day = datetime.date(2025, 6, 15)
    open_location = factories.LocationFactory(municipality=municipality, name="A")
    factories.CapacityPeriodFactory(
        location=open_location, places=2, end_date=datetime.date(2025, 6, 15)
    )
    factories.CapacityPeriodFactory(
        location=open_location, places=9, start_date=datetime.date(2025, 6, 16)
    )
    factories.LocationFactory(
        municipality=municipality, name="Closed", closed_on=datetime.date(2025, 1, 1)
    )
    for _ in range(3):
        factories.PlacementFactory(
            person=factories.PersonFactory(municipality=municipality),
            location=open_location,
            start_date=day,
            capacity_override=True,
            override_reason="test",
        )
    [row] = selectors.occupancy_today(coordinator, today=day)
    assert (row.location.name, row.places, row.occupied, row.free) == ("A", 2, 3, 0)
    assert row.over_capacity and row.percent == 150 and row.bar_percent == 100


def test_occupancy_bar_rounds_to_steps_of_five():
    row = selectors.Occupancy(location=None, places=3, occupied=1)
    assert (row.percent, row.bar_percent) == (33, 35)
    assert selectors.Occupancy(location=None, places=0, occupied=0).percent is None
