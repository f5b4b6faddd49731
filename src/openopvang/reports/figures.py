"""Rebuilding the daily figures (reports.models.DailyFigure) for a range of
days, set-based: a handful of aggregate queries for the whole range, whatever
its length and however many persons there are, then one bulk write.

The rules are the registry's (registry.selectors.occupancy_today and
dashboard_figures), so a day's figures equal what the registry pages show
for that day:

- a location counts on the days it is open (opened_on ≤ day ≤ closed_on);
- its realised places are those of the capacity period active that day
  (0 without one);
- a placement counts on every day of its inclusive [start_date, end_date]
  (end empty: open), the `active_on` rule of core.models.DatedQuerySet.

Occupancy is swept over the range instead of asked per day: the placements
active on the first day, plus those starting, minus those that ended the day
before, each counted per (municipality, location or host) and day in one
grouped query."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Max, Min, Q

from openopvang.accounts.models import Organisation
from openopvang.registry.models import CapacityPeriod, Location, Placement

from .models import DailyFigure

ONE_DAY = datetime.timedelta(days=1)


def days_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]


def _scoped(queryset, municipality_ids, field="municipality_id"):
    if municipality_ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": municipality_ids})


def _occupancy(start, end, municipality_ids) -> dict[tuple, dict[datetime.date, int]]:
    """Placements active per (municipality id, location id or None for a
    host) and day of [start, end]."""
    placements = _scoped(Placement.objects.all(), municipality_ids).order_by()
    key_fields = ("municipality_id", "location_id")
    delta: dict[tuple, dict[datetime.date, int]] = defaultdict(lambda: defaultdict(int))
    for row in placements.active_on(start).values(*key_fields).annotate(n=Count("id")):
        delta[(row["municipality_id"], row["location_id"])][start] += row["n"]
    starting = placements.filter(start_date__gt=start, start_date__lte=end)
    for row in starting.values(*key_fields, "start_date").annotate(n=Count("id")):
        delta[(row["municipality_id"], row["location_id"])][row["start_date"]] += row["n"]
    ending = placements.filter(end_date__gte=start, end_date__lt=end)
    for row in ending.values(*key_fields, "end_date").annotate(n=Count("id")):
        delta[(row["municipality_id"], row["location_id"])][row["end_date"] + ONE_DAY] -= row["n"]
    days = days_between(start, end)
    result = {}
    for key, changes in delta.items():
        running, per_day = 0, {}
        for day in days:
            running += changes.get(day, 0)
            per_day[day] = running
        result[key] = per_day
    return result


def _places(start, end, municipality_ids) -> tuple[dict, dict]:
    """Realised places per open location id and day (only the open days),
    and each location's municipality id."""
    locations = _scoped(Location.objects.all(), municipality_ids).filter(
        Q(opened_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))
    )
    places: dict[int, dict[datetime.date, int]] = {}
    info = {}
    for location in locations.values("pk", "municipality_id", "opened_on", "closed_on"):
        first = max(start, location["opened_on"])
        last = min(end, location["closed_on"] or end)
        places[location["pk"]] = dict.fromkeys(days_between(first, last), 0)
        info[location["pk"]] = location["municipality_id"]
    periods = CapacityPeriod.objects.filter(location_id__in=list(places)).overlapping(start, end)
    for period in periods.values("location_id", "start_date", "end_date", "places"):
        open_days = places[period["location_id"]]
        first = max(start, period["start_date"])
        last = min(end, period["end_date"] or end)
        for day in days_between(first, last):
            if day in open_days:
                open_days[day] = period["places"]
    return places, info


def _movements(start, end, municipality_ids) -> dict[tuple, list[int]]:
    """[arrivals, departures] per (municipality id, day): a person arrives
    on the first day of their first placement in the municipality and
    departs on the last day of their last one, once no placement is open."""
    per_person = (
        _scoped(Placement.objects.all(), municipality_ids)
        .order_by()
        .values("municipality_id", "person_id")
        .annotate(
            first=Min("start_date"),
            last=Max("end_date"),
            still_open=Count("id", filter=Q(end_date__isnull=True)),
        )
        .filter(Q(first__range=(start, end)) | Q(still_open=0, last__range=(start, end)))
    )
    moves: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for row in per_person:
        if start <= row["first"] <= end:
            moves[(row["municipality_id"], row["first"])][0] += 1
        if row["still_open"] == 0 and row["last"] is not None and start <= row["last"] <= end:
            moves[(row["municipality_id"], row["last"])][1] += 1
    return moves


def build_figures(
    start: datetime.date, end: datetime.date, *, municipality_ids: Iterable[int] | None = None
) -> list[DailyFigure]:
    """The unsaved DailyFigure rows of [start, end]: one per open location and
    day, one total per municipality and day."""
    if end < start:
        raise ValueError("end before start")
    ids = None if municipality_ids is None else list(municipality_ids)
    occupancy = _occupancy(start, end, ids)
    places, location_municipality = _places(start, end, ids)
    moves = _movements(start, end, ids)
    municipalities = _scoped(Organisation.objects.municipalities(), ids, "pk").values_list(
        "pk", flat=True
    )
    rows: list[DailyFigure] = []
    totals: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])  # places, occupied
    for location_id, per_day in places.items():
        municipality_id = location_municipality[location_id]
        occupied = occupancy.get((municipality_id, location_id), {})
        for day, count in per_day.items():
            persons = occupied.get(day, 0)
            rows.append(
                DailyFigure(
                    municipality_id=municipality_id,
                    location_id=location_id,
                    day=day,
                    places=count,
                    occupied=persons,
                    goo=persons,
                )
            )
            total = totals[(municipality_id, day)]
            total[0] += count
            total[1] += persons
    goo: dict[tuple, int] = defaultdict(int)
    for (municipality_id, location_id), per_day in occupancy.items():
        if location_id is not None:
            for day, count in per_day.items():
                goo[(municipality_id, day)] += count
    for municipality_id in municipalities:
        hosted = occupancy.get((municipality_id, None), {})
        for day in days_between(start, end):
            capacity, occupied = totals.get((municipality_id, day), (0, 0))
            arrivals, departures = moves.get((municipality_id, day), (0, 0))
            rows.append(
                DailyFigure(
                    municipality_id=municipality_id,
                    location=None,
                    day=day,
                    places=capacity,
                    occupied=occupied,
                    goo=goo.get((municipality_id, day), 0),
                    poo=hosted.get(day, 0),
                    arrivals=arrivals,
                    departures=departures,
                )
            )
    return rows


# The first number of the advisory locks that serialise refreshes (any
# constant of this application's own; the second is the municipality).
FIGURES_LOCK = 16_0001


def _lock_municipalities(municipality_ids: set[int]) -> None:
    """Refreshes of the same municipality one after the other, until the
    transaction ends: two first views of a period (or a view and the nightly
    job) would otherwise both insert the same days, and the second fails on
    the unique constraint. In a fixed order, so two refreshes cannot deadlock.
    SQLite writes one transaction at a time already."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # One query for all of them (the nightly job refreshes every municipality).
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, id) FROM "
            "(SELECT unnest(%s::int[]) AS id ORDER BY 1) AS ids",
            [FIGURES_LOCK, sorted(municipality_ids)],
        )


def refresh_figures(
    start: datetime.date,
    end: datetime.date,
    *,
    municipality_ids: Iterable[int] | None = None,
    batch_size: int = 5000,
) -> int:
    """Replace the daily figures of [start, end] (of the given municipalities,
    or all) by freshly computed ones, in one transaction; returns the number
    of rows written."""
    ids = None if municipality_ids is None else list(municipality_ids)
    rows = build_figures(start, end, municipality_ids=ids)
    with transaction.atomic():
        _lock_municipalities({row.municipality_id for row in rows})
        _scoped(DailyFigure.objects.filter(day__range=(start, end)), ids).delete()
        DailyFigure.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)
