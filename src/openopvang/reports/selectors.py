"""Reports reads. The figures over time come from the daily aggregate
(DailyFigure), always through `for_user`, so a municipality's staff read
their own municipality only. The breakdowns of one day (household size, age
band) count the persons placed that day straight from the registry, one
municipality at a time: a few thousand rows at most, read as values, never
shown per person.

No audit event is written for these reads (ADR 0004): they return counts,
never a person; the national figures are suppressed below 5 besides."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from openopvang.accounts.models import Organisation
from openopvang.casework import selectors as casework_selectors
from openopvang.casework.models import CASEWORK_ROLES, SituationCode
from openopvang.core.db import read_alias
from openopvang.core.permissions import FINANCE_ROLES
from openopvang.registry.models import HouseholdMembership, Location, Person, Placement

from .figures import days_between, refresh_figures
from .models import DailyFigure, MonthlyCost

HOUSEHOLD_SIZES = ("1", "2", "3", "4", "5+")
# (label key, lowest age, highest age); None = no upper bound
AGE_BANDS = (
    ("0-3", 0, 3),
    ("4-11", 4, 11),
    ("12-17", 12, 17),
    ("18-64", 18, 64),
    ("65+", 65, None),
)


def ensure_figures(municipality, start: datetime.date, end: datetime.date) -> None:
    """Compute the days of [start, end] that the background job has not yet
    (a new municipality, a period before the job ran): the page is right on
    its first view; afterwards the nightly job keeps the figures fresh."""
    have = DailyFigure.objects.filter(
        municipality=municipality, location__isnull=True, day__range=(start, end)
    ).count()
    if have < len(days_between(start, end)):
        refresh_figures(start, end, municipality_ids=[municipality.pk])


def totals(user, start, end, *, location: Location | None = None) -> list[DailyFigure]:
    figures = DailyFigure.objects.using(read_alias()).for_user(user).filter(day__range=(start, end))
    if location is None:
        figures = figures.filter(location__isnull=True)
    else:
        figures = figures.filter(location=location)
    return list(figures.order_by("day"))


def per_location(user, day: datetime.date) -> list[DailyFigure]:
    return list(
        DailyFigure.objects.using(read_alias())
        .for_user(user)
        .filter(day=day, location__isnull=False)
        .select_related("location")
        .order_by("location__name", "location_id")
    )


def last_refreshed(user, start, end) -> datetime.datetime | None:
    row = (
        DailyFigure.objects.for_user(user)
        .filter(day__range=(start, end))
        .order_by("refreshed_at")
        .values_list("refreshed_at", flat=True)
        .first()
    )
    return row


@dataclass
class Month:
    month: datetime.date
    arrivals: int
    departures: int


def movements_by_month(user, start, end) -> list[Month]:
    rows = (
        DailyFigure.objects.for_user(user)
        .filter(day__range=(start, end), location__isnull=True)
        .annotate(month=TruncMonth("day"))
        .order_by("month")
        .values("month")
        .annotate(arrivals=Sum("arrivals"), departures=Sum("departures"))
    )
    return [
        Month(
            row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"],
            row["arrivals"] or 0,
            row["departures"] or 0,
        )
        for row in rows
    ]


def _placed_ids(user, day, location=None) -> set[int]:
    placements = Placement.objects.for_user(user).active_on(day)
    if location is not None:
        placements = placements.filter(location=location)
    return set(placements.values_list("person_id", flat=True))


def household_sizes(user, day, *, location=None) -> dict[str, int]:
    """Persons placed on `day` by the size of their household that day
    (everyone who is a member that day, placed or not; no household: 1)."""
    placed = _placed_ids(user, day, location)
    members = list(
        HouseholdMembership.objects.for_user(user)
        .active_on(day)
        .values_list("household_id", "person_id")
    )
    size = Counter(household for household, _ in members)
    household_of = {person: household for household, person in members}
    counts = dict.fromkeys(HOUSEHOLD_SIZES, 0)
    for person in placed:
        n = size[household_of[person]] if person in household_of else 1
        counts[HOUSEHOLD_SIZES[min(n, 5) - 1]] += 1
    return counts


def age_bands(user, day, *, location=None) -> dict[str, int]:
    """Persons placed on `day` by their age that day."""
    placed = _placed_ids(user, day, location)
    births = (
        Person.objects.for_user(user).filter(pk__in=placed).values_list("birth_date", flat=True)
    )
    counts = {key: 0 for key, _, _ in AGE_BANDS}
    for birth in births:
        age = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
        for key, low, high in AGE_BANDS:
            if age >= low and (high is None or age <= high):
                counts[key] += 1
                break
    return counts


# National ----------------------------------------------------------------------------------


@dataclass
class MunicipalityDay:
    municipality: Organisation
    places: int
    goo: int
    poo: int

    @property
    def persons(self) -> int:
        return self.goo + self.poo


def national_day(day: datetime.date) -> list[MunicipalityDay]:
    """Every municipality's totals on `day` (the national organisation may see
    every municipality's counts: the caller checks can_see_national)."""
    figures = {
        row.municipality_id: row
        for row in DailyFigure.objects.using(read_alias()).filter(day=day, location__isnull=True)
    }
    result = []
    municipalities = Organisation.objects.using(read_alias()).municipalities()
    for municipality in municipalities.order_by("name"):
        row = figures.get(municipality.pk)
        result.append(
            MunicipalityDay(
                municipality,
                row.places if row else 0,
                row.goo if row else 0,
                row.poo if row else 0,
            )
        )
    return result


def ensure_national(day: datetime.date) -> None:
    have = DailyFigure.objects.filter(day=day, location__isnull=True).count()
    if have < Organisation.objects.municipalities().count():
        refresh_figures(day, day)


# Money and casework --------------------------------------------------------------------------


def sees_costs(user) -> bool:
    """The money is for finance officers and administrators (core.scoping)."""
    return getattr(user, "role", None) in FINANCE_ROLES


def sees_casework(user) -> bool:
    return getattr(user, "role", None) in CASEWORK_ROLES


def monthly_costs(user, start, end) -> list[MonthlyCost]:
    return list(
        MonthlyCost.objects.for_user(user)
        .filter(month__gte=start.replace(day=1), month__lte=end)
        .order_by("month")
    )


def cases_by_situation(user, today) -> dict[str, int]:
    """Open cases by their current situation label, in the order of the
    situations (every situation, also when none is open)."""
    found = Counter(
        casework_selectors.cases(
            user, casework_selectors.CaseFilters(status="open"), today=today
        ).values_list("current_code", flat=True)
    )
    out = {str(label): found.get(code, 0) for code, label in SituationCode.choices}
    if found.get(None):
        out[str(_("No situation recorded"))] = found[None]
    return out


def deadline_totals(user, today) -> dict[str, int]:
    def count(status):
        filters = casework_selectors.DeadlineFilters(status=status)
        return casework_selectors.deadlines(user, filters, today=today).count()

    return {"overdue": count("overdue"), "soon": count("soon")}


def national_costs(month: datetime.date) -> dict[int, MonthlyCost]:
    """Every municipality's monthly costs of `month`, as the nightly job left
    them (the national organisation reads sums of money, never a person: the
    caller checks can_see_national)."""
    return {
        row.municipality_id: row for row in MonthlyCost.objects.filter(month=month.replace(day=1))
    }
