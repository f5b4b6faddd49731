"""Terms of a case, pure Python (no Django): which days are working days under
the Algemene termijnenwet (Atw), and when a term ends, with the clock stopped
by suspensions, days added by extensions, and the end moved past a weekend or
holiday. Everything a deadline page explains comes from `compute_term`.

Dutch holidays come from the maintained `holidays` library, adjusted to the
Atw's own list (art. 3 lid 1): Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag,
tweede Pinksterdag, Koningsdag (Koninginnedag before 2014), de vijfde mei
(every year, not only every five years) and both Christmas days. Goede Vrijdag
is a holiday in the library's list but not in the Atw, so it is left out; the
first Easter and Whit days are Sundays anyway.

The result per year, for reference (weekends aside):

- 2024: 1 jan, 1 apr (2e Paasdag), 27 apr (Koningsdag, a Saturday),
  5 mei (a Sunday), 9 mei (Hemelvaart), 20 mei (2e Pinksterdag), 25 and 26 dec.
- 2025: 1 jan, 21 apr (2e Paasdag), 26 apr (Koningsdag, Saturday, because
  27 April is a Sunday), 5 mei (Monday), 29 mei (Hemelvaart),
  9 jun (2e Pinksterdag), 25 and 26 dec.
- 2026: 1 jan, 6 apr (2e Paasdag), 27 apr (Koningsdag, Monday), 5 mei
  (Tuesday), 14 mei (Hemelvaart), 25 mei (2e Pinksterdag), 25 and 26 dec.

Conventions: a term of n days "from" a day D (the day a decision was served)
runs over D+1 … D+n; its last day is D+n. Inclusive suspension ranges
[start, end] (end None = open) stop the clock on those days: a day in a
suspension is not counted, so the end moves by the suspended days. An open
suspension inside the term leaves the term without an end until it is ended.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

import holidays
from dateutil.easter import easter

ONE_DAY = datetime.timedelta(days=1)
# A term never runs longer than this; guards the day-by-day walk.
MAX_TERM_DAYS = 3660

CALENDAR_DAYS = "calendar_days"
WEEKS = "weeks"
WORKING_DAYS = "working_days"
UNITS = (CALENDAR_DAYS, WEEKS, WORKING_DAYS)

SATURDAY = "saturday"
SUNDAY = "sunday"


@lru_cache(maxsize=128)
def atw_holidays(year: int) -> dict[datetime.date, str]:
    """{day: Dutch name} of the Atw's generally recognised holidays in `year`."""
    library = holidays.country_holidays("NL", years=year, language="nl")
    easter_sunday = easter(year)
    not_in_atw = {
        easter_sunday - 2 * ONE_DAY,  # Goede Vrijdag
        easter_sunday,  # Eerste Paasdag (a Sunday)
        easter_sunday + 49 * ONE_DAY,  # Eerste Pinksterdag (a Sunday)
    }
    days = {day: name for day, name in library.items() if day not in not_in_atw}
    days[datetime.date(year, 5, 5)] = "Bevrijdingsdag"
    return days


def holiday_name(day: datetime.date) -> str:
    """The Atw holiday's Dutch name, or ''."""
    return atw_holidays(day.year).get(day, "")


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not holiday_name(day)


def non_working_reason(day: datetime.date) -> str:
    """Why a day is not a working day: the holiday's name, else saturday /
    sunday; '' for a working day."""
    name = holiday_name(day)
    if name:
        return name
    if day.weekday() == 5:
        return SATURDAY
    if day.weekday() == 6:
        return SUNDAY
    return ""


@dataclass(frozen=True)
class Suspension:
    start: datetime.date
    end: datetime.date | None = None  # inclusive; None: the clock is still stopped

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Moved:
    """A day the Atw moved the end past, and why (a holiday name, saturday or sunday)."""

    day: datetime.date
    reason: str


@dataclass(frozen=True)
class TermResult:
    start: datetime.date
    length: int  # in the unit, as the rule says
    unit: str
    extension_days: int
    counted_days: int  # days (calendar or working) the term counts, extension included
    suspended_days: int  # days within the term on which the clock stood still
    raw_end: datetime.date | None  # the last counted day, before the Atw
    end: datetime.date | None  # the deadline; None while an open suspension stops the clock
    moved: tuple[Moved, ...] = ()
    stopped_since: datetime.date | None = None  # start of the open suspension

    @property
    def is_stopped(self) -> bool:
        return self.stopped_since is not None


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The `count`-th working day after `start`."""
    return compute_term(start, count, WORKING_DAYS, atw=False).raw_end


def compute_term(
    start: datetime.date,
    length: int,
    unit: str,
    *,
    atw: bool,
    suspensions: tuple[Suspension, ...] | list[Suspension] = (),
    extension_days: int = 0,
) -> TermResult:
    """When a term of `length` `unit` from `start` ends.

    Days counted: every calendar day after `start`, or only working days for
    a working-day term; a day in a suspension is never counted. Extension
    days are added to the count (in days of the term's kind). With `atw`, an
    end on a Saturday, Sunday or Atw holiday moves to the next working day
    (Algemene termijnenwet art. 1), and each day passed is listed in `moved`."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    if length < 0 or extension_days < 0:
        raise ValueError("a term and an extension cannot be negative")
    to_count = (length * 7 if unit == WEEKS else length) + extension_days
    if to_count > MAX_TERM_DAYS:
        raise ValueError("a term this long is not supported")
    ordered = sorted(suspensions, key=lambda s: s.start)
    day, counted, suspended = start, 0, 0
    while counted < to_count:
        day += ONE_DAY
        suspension = next((s for s in ordered if s.covers(day)), None)
        if suspension is not None:
            if suspension.end is None:
                return TermResult(
                    start=start,
                    length=length,
                    unit=unit,
                    extension_days=extension_days,
                    counted_days=to_count,
                    suspended_days=suspended,
                    raw_end=None,
                    end=None,
                    stopped_since=max(suspension.start, start + ONE_DAY),
                )
            suspended += 1
            continue
        if unit == WORKING_DAYS and not is_working_day(day):
            continue
        counted += 1
    raw_end, moved = day, []
    end = raw_end
    if atw:
        while not is_working_day(end):
            moved.append(Moved(end, non_working_reason(end)))
            end += ONE_DAY
    return TermResult(
        start=start,
        length=length,
        unit=unit,
        extension_days=extension_days,
        counted_days=to_count,
        suspended_days=suspended,
        raw_end=raw_end,
        end=end,
        moved=tuple(moved),
    )


# --- the terms as dated rules data ---------------------------------------------------------

LEGAL = "legal"  # a legal deadline (fatale termijn)
TARGET = "target"  # a target date (streefdatum) the municipality works to

DEPARTURE = "departure"
COA_TRANSFER = "coa_transfer"


@dataclass(frozen=True)
class TermRule:
    kind: str
    role: str  # LEGAL or TARGET
    valid_from: datetime.date  # for decisions (term starts) from this day
    valid_to: datetime.date | None
    length: int
    unit: str
    atw: bool
    reminder_days: int  # calendar days before the end the reminder falls
    source: str

    def applies_to(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


TERM_RULES: tuple[TermRule, ...] = (
    TermRule(
        kind=DEPARTURE,
        role=LEGAL,
        valid_from=datetime.date(2000, 1, 1),
        valid_to=datetime.date(2025, 6, 30),
        length=28,
        unit=CALENDAR_DAYS,
        atw=True,
        reminder_days=7,
        source="Vw 2000 art. 62 lid 1; RvS 17 januari 2024 (vertrektermijn 28 dagen)",
    ),
    TermRule(
        kind=DEPARTURE,
        role=LEGAL,
        valid_from=datetime.date(2025, 7, 1),
        valid_to=None,
        length=4,
        unit=WEEKS,
        atw=True,
        reminder_days=7,
        source="Vw 2000 art. 62 lid 1; terugkeerbesluiten vanaf juli 2025 (vertrektermijn 4 weken)",
    ),
    TermRule(
        kind=COA_TRANSFER,
        role=TARGET,
        valid_from=datetime.date(2000, 1, 1),
        valid_to=None,
        length=12,
        unit=WEEKS,
        atw=False,
        reminder_days=14,
        source="Overgang naar COA 2023: gefaseerd in ongeveer 12 weken na de intake",
    ),
)


def rules_for(kind: str, day: datetime.date) -> dict[str, TermRule]:
    """{role: rule} of the `kind` of deadline, for a term starting on `day`."""
    return {rule.role: rule for rule in TERM_RULES if rule.kind == kind and rule.applies_to(day)}
