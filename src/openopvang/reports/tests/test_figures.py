"""The refresh: the daily figures equal a hand count (tests/data.py) and
what the registry's own occupancy selector shows for each day."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks import TaskResultStatus

from openopvang.registry import selectors as registry_selectors
from openopvang.reports.figures import refresh_figures
from openopvang.reports.models import DailyFigure
from openopvang.reports.tasks import enqueue_refresh

from .data import D1, D2, D3, build

pytestmark = pytest.mark.django_db


def _totals(municipality):
    return {
        row.day: (row.places, row.occupied, row.goo, row.poo, row.arrivals, row.departures)
        for row in DailyFigure.objects.filter(municipality=municipality, location__isnull=True)
    }


def test_totals_equal_the_hand_count(municipality):
    build(municipality)
    refresh_figures(D1, D3)
    assert _totals(municipality) == {
        D1: (15, 2, 2, 0, 2, 0),
        D2: (15, 3, 3, 0, 1, 2),
        D3: (12, 1, 1, 1, 1, 0),
    }


def test_location_rows_only_on_open_days(municipality):
    a, b = build(municipality)
    refresh_figures(D1, D3)
    rows = {
        (row.location.name, row.day): (row.places, row.occupied)
        for row in DailyFigure.objects.filter(location__isnull=False)
    }
    assert rows == {
        ("Alfa", D1): (10, 1),
        ("Alfa", D2): (10, 2),
        ("Alfa", D3): (12, 1),
        ("Bravo", D1): (5, 1),
        ("Bravo", D2): (5, 1),
    }


def test_figures_equal_the_registry_pages(municipality, coordinator):
    build(municipality)
    refresh_figures(D1, D3)
    for day in (D1, D2, D3):
        registry = registry_selectors.dashboard_figures(coordinator, today=day)
        total = DailyFigure.objects.get(municipality=municipality, location=None, day=day)
        assert (total.places, total.occupied) == (registry.total_places, registry.total_occupied)
        assert (total.goo, total.poo) == (registry.placed_goo, registry.placed_poo)


def test_a_range_refreshed_day_by_day_is_the_same(municipality):
    build(municipality)
    refresh_figures(D1, D3)
    at_once = _totals(municipality)
    for day in (D1, D2, D3):
        refresh_figures(day, day)
    assert _totals(municipality) == at_once


def test_refresh_is_set_based(municipality):
    """The reads are a handful of grouped queries for the whole range; only
    the bulk insert grows with the rows (SQLite caps the rows per INSERT)."""
    build(municipality)
    with CaptureQueriesContext(connection) as queries:
        refresh_figures(D1, D3 + datetime.timedelta(days=60))
    reads = [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(reads) <= 8


def test_command_and_task(municipality):
    build(municipality)
    call_command("refresh_figures", "--from", "2024-01-01", "--to", "2024-01-03")
    assert DailyFigure.objects.filter(location=None, municipality=municipality).count() == 3
    DailyFigure.objects.all().delete()
    result = enqueue_refresh(D1, D3)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert _totals(municipality)[D2] == (15, 3, 3, 0, 1, 2)
