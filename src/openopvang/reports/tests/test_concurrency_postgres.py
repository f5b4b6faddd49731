"""Two first views of the same report period at the same moment, on
PostgreSQL (each in its own thread and database session). Found by the API
fuzz: both computed the missing daily figures and the second one's insert
collided with the first's (a 500 on GET /report-figures/{code}/)."""

import datetime

from openopvang.core.testing import factories
from openopvang.core.testing.concurrency import at_once, pause_after, postgresql_only, refused

from .. import figures, selectors
from ..models import DailyFigure

pytestmark = postgresql_only

JANUARY = (datetime.date(2025, 1, 1), datetime.date(2025, 1, 31))


def test_two_first_views_of_a_period_both_get_the_figures(municipality, monkeypatch):
    location = factories.LocationFactory(municipality=municipality)
    factories.CapacityPeriodFactory(location=location, places=40)
    # Both compute before either writes, and both have written before either
    # commits, every time.
    pause_after(monkeypatch, figures, "build_figures")
    pause_after(monkeypatch, DailyFigure.objects, "bulk_create")
    results = at_once(
        lambda: selectors.ensure_figures(municipality, *JANUARY),
        lambda: selectors.ensure_figures(municipality, *JANUARY),
    )
    assert refused(results) == []
    days = DailyFigure.objects.filter(municipality=municipality, location__isnull=True)
    assert days.count() == 31
    assert {figure.places for figure in days} == {40}
