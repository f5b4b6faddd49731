"""RooO leefgeld: what a municipality pays a displaced person per month
(Regeling opvang ontheemden Oekraïne, Stcrt. 2022, 9469).

Leefgeld = eetgeld (food) + kleedgeld (clothing, personal expenses) +, with a host
(POO) only, a wooncomponent. Amounts in the parameters are per person per month.

Conventions (also in ``docs/rules-scenarios.md``, section "Leefgeld and eigen
bijdrage"):

- **Days.** Leefgeld is decided per person per day of ``scenario.period``. A person
  gets leefgeld on a day when placed (a placement in the scenario covers the day).
- **Right to reception.** No leefgeld on a day inside one of the person's
  ``no_reception_right`` periods (:mod:`.rights`: e.g. from the day after the
  departure term ended, or after the case closed on a transfer to COA); the
  line's explanation names the period's reason. The person still lives with the
  household, so still counts in its size, and the person's income still counts
  for the household. Under ``whole_month_if_present_on_first`` the month is
  still paid at the situation of the 1st, but only for the days with the
  right (``rate × days with the right ÷ days in the month``).
- **Household on a day.** The household whose membership covers the day; a person
  in no household that day is a household of one, reported under the pseudo
  household id ``person:<id>``. The **household size** is the number of members
  of that household on that day who are placed that day (any placement in the
  scenario = placed in this municipality).
- **Age.** 18 from the 18th birthday (29 February birthdays: 1 March in other
  years). A household of one gets the single-person row
  ``rooo.eetgeld.adult.household_1`` whatever the age.
- **Eetgeld** from the table in force that day by size band (1, 2, 3, 4+) and
  adult/minor; none on days at a GOO location with catering.
  **Kleedgeld** for everyone placed. **Wooncomponent** on days with a host only.
- **Income** (an income whose range covers the day, any kind or amount):

  - the earner never gets leefgeld on days with income (the RooO rule until
    2023-01-31, which carries on for the earner in later periods, also when the
    municipality does not stop the whole household, and for a minor earner);
  - from ``rooo.income.household_policy_from`` (2023-02-01) the whole household
    gets none on days when a member of 18+ has income, if
    ``policy.household_income_stop`` (default true);
  - from ``rooo.income.mandatory_stop_from`` (2024-07-01) the whole household
    gets none on days when a member of 18+ has income, whatever the policy.

  "Member" here means every member of the household that day, placed or not.

  From ``rooo.income.threshold_factor`` (no later than 2025-10-01) these stops give
  way to the income threshold (:mod:`.income_band`), unless
  ``policy.income_band`` is ``all_or_nothing``: in a month in which the factor is
  in force on the 1st nobody's leefgeld stops for income on a day; the
  household's leefgeld of the month (L) is then lowered by the band
  (``max(0, L − I/1.15)`` by default, I the household income of its members of
  18+), the reduction spread over the household's lines in whole cents. A
  minor's income does not count there.
- **2023 table switch.** Municipalities could switch to the 2023-02-01 table as
  late as ``rooo.eetgeld.switch_2023_latest`` (2023-04-01):
  ``policy.switch_2023_date``. For days in ``[2023-02-01, switch date)`` every
  leefgeld parameter is looked up on 2023-01-31 (the 2022-04-01 amounts continue).
- **Not in force / unknown.** Days before a parameter's first value (2022-04-01)
  give no leefgeld. A day after its last value (2026) raises
  :class:`MissingParameter` naming the parameter and the day — but only when the
  amount is needed (a person without leefgeld that day for another reason does
  not need a rate).
- **Partial months** (``policy.partial_month``):

  - ``pro_rata`` (default): per household, person, month and component
    ``Σ (monthly rate on the day) ÷ days in the month`` over the days paid,
    computed exactly and rounded half-up to cents **once** per line. Only days
    inside ``scenario.period`` count.
  - ``whole_month_if_present_on_first``: a person placed on the 1st of the month
    gets the whole month at the situation of the 1st (rates, household and size,
    age, placement, income on the 1st); later changes in that month (moving,
    leaving, birthdays, income) take effect from the next month. A person not
    placed on the 1st is paid pro rata for the days placed, each at its own
    situation. The whole month belongs to the evaluation whose period contains
    the 1st: a period starting later in the month pays nothing more for that
    person, so consecutive periods never pay a month twice.

- **Lines.** A person who changes household in a month has a line under each
  household for the days spent in it. Totals are sums of rounded lines.
- **POO share** (BooO art. 2 lid 1 sub b, leefgeld at actual cost):
  :func:`leefgeld_paid_to_poo_persons` gives per person and month the part of the
  leefgeld paid for days with a host (per line the POO part is rounded on its
  own; for a line with only POO days it equals the line).

Python API (the Django side uses exactly this)::

    result = calculate_leefgeld(scenario, params)   # LeefgeldResult
    result.lines          # [LeefgeldLine(household, person, month, component,
                          #               amount, poo_amount, exact)]
    result.person_months  # [PersonMonth(household, person, month, lines, segments)]
    result.total, result.poo_total
    result.to_dict(explain=False)   # the "leefgeld" section of evaluate()
    leefgeld_paid_to_poo_persons(result) -> {(person, Month): Decimal}

Performance: a month is cut into segments at the days on which anything that
matters changes (placements, memberships, incomes and 18th birthdays of the
person and the members of the person's households, parameter value boundaries,
the switch and income dates); the situation is evaluated once per segment and
parameter lookups are cached per (name, day).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from .dates import DateRange, Month
from .errors import ScenarioError
from .explain import Node
from .income_band import (
    FACTOR,
    IncomeBand,
    band_factor,
    household_income,
    leefgeld_paid,
    spread_reduction,
)
from .money import ZERO, fmt, round_cents, total
from .parameters import ParameterSet, ParameterValue
from .rights import NoRight
from .scenario import SWITCH_2023_EARLIEST, Income, Placement, Scenario

__all__ = [
    "COMPONENTS",
    "LeefgeldLine",
    "LeefgeldResult",
    "PersonMonth",
    "RateCache",
    "ScenarioIndex",
    "Segment",
    "calculate_leefgeld",
    "eighteenth_birthday",
    "leefgeld_paid_to_poo_persons",
    "leefgeld_section",
    "pseudo_household",
]

ONE_DAY = timedelta(days=1)
COMPONENTS = ("eetgeld", "kleedgeld", "wooncomponent")
KLEEDGELD = "rooo.kleedgeld.per_person_month"
WOON = "rooo.wooncomponent.{age}"
EETGELD = "rooo.eetgeld.{age}.household_{band}"
SWITCH_LATEST = "rooo.eetgeld.switch_2023_latest"
POLICY_FROM = "rooo.income.household_policy_from"
MANDATORY_FROM = "rooo.income.mandatory_stop_from"
RATE_PARAMETERS = (
    KLEEDGELD,
    *(WOON.format(age=age) for age in ("adult", "minor")),
    *(
        EETGELD.format(age=age, band=band)
        for age in ("adult", "minor")
        for band in ("1", "2", "3", "4_plus")
    ),
)
_EETGELD_NAMES = {
    (adult, size): EETGELD.format(
        age="adult" if adult else "minor", band="4_plus" if size == 4 else str(size)
    )
    for adult in (True, False)
    for size in (1, 2, 3, 4)
}  # a household of one always uses the single-person (adult) row
_WOON_NAMES = {True: WOON.format(age="adult"), False: WOON.format(age="minor")}
PRO_RATA = "pro_rata"
WHOLE_MONTH = "whole_month_if_present_on_first"
RULE_TEXT = {
    PRO_RATA: "pro rata by calendar days: sum of (monthly rate x days) / days in the "
    "month, rounded half-up to cents once per person, month and component",
    WHOLE_MONTH: "whole month at the situation of the 1st for persons placed on the "
    "1st; pro rata by calendar days for persons arriving later; rounded "
    "half-up to cents once per person, month and component",
}


def pseudo_household(person: str) -> str:
    """The household id under which a person in no household is reported."""
    return f"person:{person}"


def eighteenth_birthday(birth_date: date) -> date:
    """The day a person turns 18; a 29 February birthday is reached on 1 March."""
    year = birth_date.year + 18
    try:
        return birth_date.replace(year=year)
    except ValueError:  # 29 February in a year that is not a leap year
        return date(year, 3, 1)


def _bounds(span: DateRange) -> tuple[date, ...]:
    """Days on which something starts or stops applying."""
    return (span.start,) if span.end is None else (span.start, span.end + ONE_DAY)


class ScenarioIndex:
    """The scenario indexed by person and household, for quick day lookups."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.adult_from = {p.id: eighteenth_birthday(p.birth_date) for p in scenario.persons}
        self.locations = {loc.id: loc for loc in scenario.locations}
        self.placements: dict[str, list[Placement]] = defaultdict(list)
        for placement in sorted(scenario.placements, key=lambda p: p.range.start):
            self.placements[placement.person].append(placement)
        self.incomes: dict[str, list[Income]] = defaultdict(list)
        for income in sorted(scenario.incomes, key=lambda i: (i.range.start, i.kind)):
            self.incomes[income.person].append(income)
        self.memberships: dict[str, list[tuple[str, DateRange]]] = defaultdict(list)
        self.members: dict[str, list[tuple[str, DateRange]]] = {}
        self.household_order: dict[str, int] = {}
        for order, household in enumerate(scenario.households):
            self.household_order[household.id] = order
            self.members[household.id] = [(m.person, m.range) for m in household.members]
            for member in household.members:
                self.memberships[member.person].append((household.id, member.range))
        self.person_order = {p.id: i for i, p in enumerate(scenario.persons)}
        self.no_right: dict[str, tuple[NoRight, ...]] = {
            p.id: p.no_reception_right for p in scenario.persons if p.no_reception_right
        }
        self._household_bounds: dict[str, tuple[date, ...]] = {}

    # -- on a day --------------------------------------------------------------------
    def placement_on(self, person: str, day: date) -> Placement | None:
        for placement in self.placements.get(person, ()):
            span = placement.range  # span.contains(day), inlined: the hottest lookup
            if span.start <= day and (span.end is None or day <= span.end):
                return placement
        return None

    def household_on(self, person: str, day: date) -> str:
        for household, span in self.memberships.get(person, ()):
            if span.contains(day):
                return household
        return pseudo_household(person)

    def members_on(self, household: str, day: date) -> list[str]:
        members = self.members.get(household)
        if members is None:  # pseudo household
            return [household.removeprefix("person:")]
        return [
            person
            for person, span in members
            if span.start <= day and (span.end is None or day <= span.end)
        ]

    def income_on(self, person: str, day: date) -> Income | None:
        for income in self.incomes.get(person, ()):
            if income.range.contains(day):
                return income
        return None

    def no_right_on(self, person: str, day: date) -> NoRight | None:
        for period in self.no_right.get(person, ()):
            if period.range.contains(day):
                return period
        return None

    def no_right_in(self, person: str, window: DateRange) -> bool:
        return any(p.range.overlaps(window) for p in self.no_right.get(person, ()))

    def income_amount_on(self, person: str, day: date) -> Decimal:
        return total(
            i.monthly_amount for i in self.incomes.get(person, ()) if i.range.contains(day)
        )

    def is_adult(self, person: str, day: date) -> bool:
        return day >= self.adult_from[person]

    def placed_in(self, person: str, window: DateRange) -> bool:
        # p.range.overlaps(window) without building the intersection.
        start, end = window.start, window.end
        for placement in self.placements.get(person, ()):
            span = placement.range
            if (span.end is None or span.end >= start) and (end is None or span.start <= end):
                return True
        return False

    # -- change days -------------------------------------------------------------------
    def person_bounds(self, person: str) -> list[date]:
        days: list[date] = [self.adult_from[person]]
        for placement in self.placements.get(person, ()):
            days.extend(_bounds(placement.range))
        for income in self.incomes.get(person, ()):
            days.extend(_bounds(income.range))
        for _, span in self.memberships.get(person, ()):
            days.extend(_bounds(span))
        for period in self.no_right.get(person, ()):
            days.extend(_bounds(period.range))
        return days

    def household_bounds(self, household: str) -> tuple[date, ...]:
        """Days on which the situation of some member of the household may change."""
        cached = self._household_bounds.get(household)
        if cached is None:
            days: set[date] = set()
            for person, span in self.members.get(household, ()):
                days.update(_bounds(span))
                days.update(self.person_bounds(person))
            cached = self._household_bounds[household] = tuple(sorted(days))
        return cached

    def segment_starts(self, person: str, window: DateRange, extra: Iterable[date]) -> list[date]:
        """First days of the pieces of ``window`` in which nothing relevant changes
        for ``person`` (own records, records of the households the person is in)."""
        days = set(extra)
        days.update(self.person_bounds(person))
        for household, span in self.memberships.get(person, ()):
            if span.overlaps(window):
                days.update(self.household_bounds(household))
        end = window.end
        assert end is not None
        return [window.start] + sorted(d for d in days if window.start < d <= end)


class RateCache:
    """Parameter lookups with a cache; ``None`` for days before the first value."""

    def __init__(self, params: ParameterSet):
        self.params = params
        self._cache: dict[tuple[str, date], ParameterValue | None] = {}
        self._first: dict[str, date] = {}

    def first_start(self, name: str) -> date:
        first = self._first.get(name)
        if first is None:
            first = self._first[name] = self.params.parameter(name).values[0].start
        return first

    def get(self, name: str, day: date) -> ParameterValue | None:
        key = (name, day)
        try:
            return self._cache[key]
        except KeyError:
            pass
        value = None if day < self.first_start(name) else self.params.value(name, day)
        self._cache[key] = value
        return value

    def bounds(self, names: Iterable[str]) -> set[date]:
        days: set[date] = set()
        for name in names:
            for value in self.params.parameter(name).effective:
                days.add(value.start)
                if value.end is not None:
                    days.add(value.end + ONE_DAY)
        return days


@dataclass(frozen=True)
class Part:
    """One component of a segment: the monthly rate (zero when not paid), the
    parameter value used and, when not paid, the reason."""

    rate: Decimal
    value: ParameterValue | None = None
    reason: str = ""
    note: str = ""
    # The same reason and note as machine codes, for renderers in other
    # languages: (code, ((key, value), ...)); () when there is none.
    why: tuple = ()
    note_why: tuple = ()


@dataclass(slots=True)
class Segment:
    """Consecutive days of one person in one month with the same situation."""

    start: date
    end: date
    household: str
    where: str  # "GOO L1" | "host G1" | "not placed"
    poo: bool
    placed: bool
    adult: bool
    size: int
    parts: tuple[Part, Part, Part]  # in the order of COMPONENTS
    whole_month: bool = False

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def same_situation(self, other: Segment) -> bool:
        return (self.household, self.where, self.adult, self.size, self.parts) == (
            other.household,
            other.where,
            other.adult,
            other.size,
            other.parts,
        )


@dataclass(slots=True)
class LeefgeldLine:
    household: str
    person: str
    month: Month
    component: str
    amount: Decimal  # rounded half-up to cents
    exact: Decimal  # before rounding
    poo_amount: Decimal  # part for days with a host, rounded on its own
    days: int  # days paid (rate > 0) in this line
    # Before the income band (income_band.py): the line as computed; None when
    # no band applies to the month. ``amount`` is then what is paid.
    full: Decimal | None = None


@dataclass(slots=True)
class PersonMonth:
    household: str
    person: str
    month: Month
    lines: dict[str, LeefgeldLine]
    segments: list[Segment]  # all segments of the person in the month (any household)
    rule: str = PRO_RATA
    band: IncomeBand | None = None  # the household's income band of the month

    @property
    def amount(self) -> Decimal:
        return total(line.amount for line in self.lines.values())

    @property
    def poo_amount(self) -> Decimal:
        return total(line.poo_amount for line in self.lines.values())

    def explanation(self) -> Node:
        days_in_month = self.month.days
        root = Node(
            f"Leefgeld {self.person} {self.month} (household {self.household}): "
            f"{RULE_TEXT[self.rule]}",
            amount=self.amount,
            period=self.month.range,
            records=[self.person, self.household],
        )
        for index, component in enumerate(COMPONENTS):
            line = self.lines[component]
            paid = [
                s
                for s in self.segments
                if s.household == self.household and s.parts[index].rate > 0
            ]
            terms = " + ".join(f"{fmt(s.parts[index].rate)} x {s.days}" for s in paid) or "0"
            full = line.amount if line.full is None else line.full
            after = "" if line.full is None else f"; after the income threshold {fmt(line.amount)}"
            node = root.add(
                Node(
                    f"{component}: ({terms}) / {days_in_month} = {line.exact:.4f} -> "
                    f"{fmt(full)}{after}",
                    amount=line.amount,
                    count=line.days,
                )
            )
            for segment in self.segments:
                node.add(_segment_node(segment, index, self.household, days_in_month))
        if self.band is not None:
            root.add(self.band.leefgeld_node())
        return root

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"person": self.person}
        for component in COMPONENTS:
            out[component] = fmt(self.lines[component].amount)
        out["amount"] = fmt(self.amount)
        out["poo"] = fmt(self.poo_amount)
        if explain:
            out["explanation"] = self.explanation().to_dict()
        return out


_NOT_PLACED = (Part(ZERO, reason="not placed", why=("not_placed", ())),) * 3


def _no_right_parts(period: NoRight) -> tuple[Part, Part, Part]:
    return (Part(ZERO, reason=period.text(), why=period.why()),) * 3


def _segment_node(segment: Segment, index: int, household: str, days_in_month: int) -> Node:
    span = DateRange(segment.start, segment.end)
    part = segment.parts[index]
    whole = " (whole month: situation of the 1st)" if segment.whole_month else ""
    if segment.household != household and segment.placed:
        return Node(
            f"{span}: {segment.days} days counted under household {segment.household}",
            period=span,
            count=segment.days,
        )
    if part.rate > 0 and part.value is not None:
        age = "adult (18+)" if segment.adult else "minor"
        note = f"; {part.note}" if part.note else ""
        return Node(
            f"{span}: {segment.days} days x {fmt(part.rate)} / {days_in_month}{whole} — "
            f"{age}, household of {segment.size} placed, {segment.where}{note}",
            amount=part.rate * segment.days / days_in_month,
            parameter=part.value.name,
            value=part.rate,
            reference=part.value.reference_dict,
            period=span,
            count=segment.days,
        )
    return Node(
        f"{span}: {segment.days} days without — {part.reason}{whole}",
        period=span,
        count=segment.days,
    )


@dataclass
class LeefgeldResult:
    municipality: str
    period: DateRange
    rule: str
    person_months: list[PersonMonth] = field(default_factory=list)
    # The income band of each household-month it applies to (income_band.py).
    bands: dict[tuple[str, Month], IncomeBand] = field(default_factory=dict)

    @property
    def lines(self) -> list[LeefgeldLine]:
        return [line for pm in self.person_months for line in pm.lines.values()]

    @property
    def total(self) -> Decimal:
        return total(pm.amount for pm in self.person_months)

    @property
    def poo_total(self) -> Decimal:
        return total(pm.poo_amount for pm in self.person_months)

    def by_household(self) -> dict[str, dict[Month, list[PersonMonth]]]:
        out: dict[str, dict[Month, list[PersonMonth]]] = {}
        for pm in self.person_months:
            out.setdefault(pm.household, {}).setdefault(pm.month, []).append(pm)
        return out

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        households = []
        for household, months in self.by_household().items():
            households.append(
                {
                    "household": household,
                    "months": [
                        self._month_dict(household, month, pms, explain)
                        for month, pms in sorted(months.items())
                    ],
                }
            )
        return {
            "total": fmt(self.total),
            "poo_total": fmt(self.poo_total),
            "partial_month": self.rule,
            "rule": RULE_TEXT[self.rule],
            "households": households,
        }

    def _month_dict(
        self, household: str, month: Month, pms: list[PersonMonth], explain: bool
    ) -> dict[str, Any]:
        out: dict[str, Any] = {
            "month": str(month),
            "amount": fmt(total(pm.amount for pm in pms)),
            "persons": [pm.to_dict(explain) for pm in pms],
        }
        band = self.bands.get((household, month))
        if band is not None:
            out["income_band"] = {
                "rule": band.rule,
                "income": fmt(band.income),
                "leefgeld": fmt(band.leefgeld),
                "threshold_leefgeld": fmt(band.threshold_leefgeld),
                "paid": fmt(band.paid),
                "formula": band.leefgeld_formula(),
            }
        return out


def leefgeld_paid_to_poo_persons(result: LeefgeldResult) -> dict[tuple[str, Month], Decimal]:
    """Per (person, month): the leefgeld attributable to days with a host (POO),
    what BooO art. 2 lid 1 sub b pays at actual cost. Only non-zero entries."""
    out: dict[tuple[str, Month], Decimal] = defaultdict(lambda: ZERO)
    for pm in result.person_months:
        if pm.poo_amount:
            out[(pm.person, pm.month)] += pm.poo_amount
    return dict(out)


# -- the calculation ---------------------------------------------------------------------


class _Leefgeld:
    def __init__(self, scenario: Scenario, params: ParameterSet):
        self.scenario = scenario
        self.index = ScenarioIndex(scenario)
        self.rates = RateCache(params)
        policy = scenario.policy
        self.household_stop = policy.household_income_stop
        self.switch = policy.switch_2023_date or SWITCH_2023_EARLIEST
        if policy.switch_2023_date is not None:
            latest = params.value(SWITCH_LATEST, policy.switch_2023_date).day
            if policy.switch_2023_date > latest:
                raise ScenarioError(
                    "policy.switch_2023_date",
                    f"after the latest switch date {latest} ({SWITCH_LATEST})",
                )
        self.global_bounds = self.rates.bounds(RATE_PARAMETERS) | {
            SWITCH_2023_EARLIEST,
            self.switch,
        }
        for name in (POLICY_FROM, MANDATORY_FROM):
            for value in params.parameter(name).effective:
                self.global_bounds.add(value.day)
        self.band_rule = policy.income_band
        self._band_months: dict[Month, Any] = {}
        if FACTOR in params.names():
            for value in params.parameter(FACTOR).effective:
                for day in (value.start, value.end):
                    if day is not None:  # the band switches on whole months
                        self.global_bounds.add(Month.of(day).first)
                        self.global_bounds.add(Month.of(day).last + ONE_DAY)
        self._household_stop_cache: dict[tuple[str, date], str] = {}
        self._household_day_cache: dict[tuple[str, date], tuple[list[str], int]] = {}
        self._where_cache: dict[tuple[str | None, str | None], tuple[str, str, str]] = {}
        self._parts_cache: dict[tuple[Any, ...], tuple[Part, Part, Part]] = {}
        # English reason text -> the same reason as a code (see Part.why).
        self._why: dict[str, tuple] = {}

    def lookup_day(self, day: date) -> date:
        if SWITCH_2023_EARLIEST <= day < self.switch:
            return SWITCH_2023_EARLIEST - ONE_DAY
        return day

    def run(self) -> LeefgeldResult:
        rule = self.scenario.policy.partial_month
        result = LeefgeldResult(self.scenario.municipality, self.scenario.period, rule)
        period = self.scenario.period
        persons = sorted(self.index.placements, key=lambda p: self.index.person_order[p])
        for month, window in period.split_by_month():
            month_pms: list[PersonMonth] = []
            for person in persons:
                if not self.index.placed_in(person, window):
                    continue
                segments = self.person_month_segments(person, month, window, rule)
                month_pms.extend(_person_months(person, month, segments, rule))
            factor = self.band_of(month)
            if factor is not None:
                self.apply_band(result, month, window, month_pms, factor)
            result.person_months.extend(month_pms)
        result.person_months.sort(key=self._sort_key)
        return result

    def band_of(self, month: Month) -> ParameterValue | None:
        if month not in self._band_months:
            self._band_months[month] = band_factor(self.rates.params, self.band_rule, month)
        return self._band_months[month]

    def apply_band(
        self,
        result: LeefgeldResult,
        month: Month,
        window: DateRange,
        month_pms: list[PersonMonth],
        factor: ParameterValue,
    ) -> None:
        """Lower each household's leefgeld of ``month`` by the income band."""
        by_household: dict[str, list[PersonMonth]] = {}
        for pm in month_pms:
            by_household.setdefault(pm.household, []).append(pm)
        for household, pms in by_household.items():
            income, shares = household_income(self.index, household, window, month)
            full = total(pm.amount for pm in pms)
            paid = leefgeld_paid(self.band_rule, factor.factor, full, income)
            band = IncomeBand(household, month, self.band_rule, factor, income, full, paid, shares)
            result.bands[(household, month)] = band
            lines = [pm.lines[c] for pm in pms for c in COMPONENTS]
            cuts = spread_reduction([line.amount for line in lines], full - paid)
            for line, cut in zip(lines, cuts, strict=True):
                before = line.amount
                line.full = before
                line.amount = before - cut
                if line.poo_amount == before:
                    line.poo_amount = line.amount
                elif line.poo_amount and cut:
                    line.poo_amount = round_cents(line.poo_amount * line.amount / before)
            for pm in pms:
                pm.band = band

    def _sort_key(self, pm: PersonMonth) -> tuple[int, int, Month, int]:
        order = self.index.household_order.get(pm.household)
        person = self.index.person_order[pm.person]
        if order is None:  # pseudo household: after the real ones, in person order
            return (1, person, pm.month, person)
        return (0, order, pm.month, person)

    def person_month_segments(
        self, person: str, month: Month, window: DateRange, rule: str
    ) -> list[Segment]:
        if rule == WHOLE_MONTH and self.index.placement_on(person, month.first):
            if window.start != month.first:
                return []  # paid in the evaluation whose period holds the 1st
            segment = self.segment(person, month.first, month.last, right=False)
            segment.whole_month = True
            return self.cut_by_right(person, segment)
        starts = self.index.segment_starts(person, window, self.global_bounds)
        ends = [d - ONE_DAY for d in starts[1:]] + [window.last]
        segments: list[Segment] = []
        for start, end in zip(starts, ends, strict=True):
            segment = self.segment(person, start, end)
            if segments and segments[-1].same_situation(segment):
                segments[-1].end = segment.end
            else:
                segments.append(segment)
        return segments

    def cut_by_right(self, person: str, segment: Segment) -> list[Segment]:
        """``segment`` without the days on which ``person`` has no right to
        reception: those days get the no-right parts, the rest keep the segment's."""
        periods = [
            p
            for p in self.index.no_right.get(person, ())
            if p.range.overlaps(DateRange(segment.start, segment.end))
        ]
        if not periods:
            return [segment]
        out: list[Segment] = []
        day = segment.start

        def piece(start: date, end: date, parts: tuple[Part, Part, Part]) -> Segment:
            return Segment(
                start,
                end,
                segment.household,
                segment.where,
                segment.poo,
                segment.placed,
                segment.adult,
                segment.size,
                parts,
                segment.whole_month,
            )

        for period in periods:
            first = max(period.range.start, segment.start)
            last = segment.end if period.range.end is None else min(period.range.end, segment.end)
            if day < first:
                out.append(piece(day, first - ONE_DAY, segment.parts))
            out.append(piece(first, last, _no_right_parts(period)))
            day = last + ONE_DAY
        if day <= segment.end:
            out.append(piece(day, segment.end, segment.parts))
        return out

    def segment(self, person: str, start: date, end: date, *, right: bool = True) -> Segment:
        """The situation of ``person`` on ``start``, holding until ``end``
        (``right=False``: leaving the right to reception aside)."""
        index, day = self.index, start
        household = index.household_on(person, day)
        adult = day >= index.adult_from[person]
        placement = index.placement_on(person, day)
        if placement is None:
            return Segment(start, end, household, "not placed", False, False, adult, 0, _NOT_PLACED)
        members, size = self.household_day(household, day)
        poo = placement.host is not None
        where, without_eetgeld, without_woon = self.where(placement)
        no_right = index.no_right_on(person, day) if right and index.no_right else None
        if no_right is not None:
            return Segment(
                start, end, household, where, poo, True, adult, size, _no_right_parts(no_right)
            )
        stop = self.income_stop(person, household, members, day)
        key = (day, stop, adult, size, where)
        parts = self._parts_cache.get(key)
        if parts is None:
            parts = self._parts_cache[key] = (
                self.part(
                    _EETGELD_NAMES[adult or size == 1, min(size, 4)], day, stop, without_eetgeld
                ),
                self.part(KLEEDGELD, day, stop, ""),
                self.part(_WOON_NAMES[adult], day, stop, without_woon),
            )
        return Segment(start, end, household, where, poo, True, adult, size, parts)

    def household_day(self, household: str, day: date) -> tuple[list[str], int]:
        """Members of the household on the day and how many of them are placed."""
        key = (household, day)
        found = self._household_day_cache.get(key)
        if found is None:
            index = self.index
            members = index.members_on(household, day)
            size = sum(1 for m in members if index.placement_on(m, day) is not None)
            found = self._household_day_cache[key] = (members, size)
        return found

    def where(self, placement: Placement) -> tuple[str, str, str]:
        """Label, reason without eetgeld, reason without wooncomponent."""
        key = (placement.location, placement.host)
        found = self._where_cache.get(key)
        if found is None:
            if placement.host is not None:
                found = (f"host {placement.host}", "", "")
            else:
                location = placement.location
                # The scenario reader gives each placement exactly one of host and location.
                assert location is not None
                where = f"GOO {location}"
                catering = self.index.locations[location].catering
                found = (
                    where,
                    f"catering at {location}" if catering else "",
                    f"no host ({where}): wooncomponent only with a host",
                )
                self._why[found[1]] = ("catering", (("location", location),))
                self._why[found[2]] = ("no_host", (("location", location),))
            self._where_cache[key] = found
        return found

    def part(self, name: str, day: date, stop: str, without: str) -> Part:
        lookup = self.lookup_day(day)
        first = self.rates.first_start(name)
        if lookup < first:
            return Part(
                ZERO,
                reason=f"{name} in force from {first.isoformat()}",
                why=("not_in_force", (("parameter", name), ("from", first.isoformat()))),
            )
        if stop:
            return Part(ZERO, reason=stop, why=self._why.get(stop, ()))
        if without:
            return Part(ZERO, reason=without, why=self._why.get(without, ()))
        value = self.rates.get(name, lookup)
        assert value is not None
        note = ""
        note_why: tuple = ()  # (code, ((key, value), ...)) as in Part
        if lookup != day:
            note = (
                f"table of {value.start.isoformat()} continues until the municipal switch "
                f"on {self.switch.isoformat()} (policy.switch_2023_date)"
            )
            note_why = (
                "table_continues",
                (("table", value.start.isoformat()), ("switch", self.switch.isoformat())),
            )
        return Part(value.amount, value, note=note, note_why=note_why)

    def income_stop(self, person: str, household: str, members: list[str], day: date) -> str:
        """Why ``person`` gets no leefgeld on ``day`` because of income; "" if not
        (also in a month of the income band: the band lowers the month instead)."""
        if self.band_of(Month.of(day)) is not None:
            return ""
        index = self.index
        own = index.income_on(person, day)
        if own is not None:
            text = (
                f"own income of {person} ({own.kind}) from {own.range.start.isoformat()}"
                " (the earner gets no leefgeld)"
            )
            self._why[text] = (
                "own_income",
                (("person", person), ("kind", own.kind), ("from", own.range.start.isoformat())),
            )
            return text
        key = (household, day)
        cached = self._household_stop_cache.get(key)
        if cached is not None:  # same household, same day: same members
            return cached
        reason = ""
        mandatory = self.rates.get(MANDATORY_FROM, day)
        optional = self.rates.get(POLICY_FROM, day)
        if mandatory is not None and day >= mandatory.day:
            rule = f"whole household, mandatory from {mandatory.day}"
            rule_why = ("mandatory", str(mandatory.day))
        elif optional is not None and day >= optional.day and self.household_stop:
            rule = (
                f"whole household, municipal policy from {optional.day} "
                "(policy.household_income_stop)"
            )
            rule_why = ("policy", str(optional.day))
        else:
            rule, rule_why = "", ("", "")
        if rule:
            for member in sorted(members, key=index.person_order.__getitem__):
                if index.is_adult(member, day):
                    income = index.income_on(member, day)
                    if income is not None:
                        reason = (
                            f"income of {member} (18+, {income.kind}) from "
                            f"{income.range.start.isoformat()}: {rule}"
                        )
                        self._why[reason] = (
                            "household_income",
                            (
                                ("person", member),
                                ("kind", income.kind),
                                ("from", income.range.start.isoformat()),
                                ("rule", rule_why[0]),
                                ("rule_from", rule_why[1]),
                            ),
                        )
                        break
        self._household_stop_cache[key] = reason
        return reason


def _person_months(
    person: str, month: Month, segments: list[Segment], rule: str
) -> list[PersonMonth]:
    """One PersonMonth per household the person was placed in during the month."""
    days_in_month = month.days
    sums: dict[str, tuple[list[Decimal], list[Decimal], list[int]]] = {}
    for segment in segments:
        if not segment.placed:
            continue
        found = sums.get(segment.household)
        if found is None:
            found = sums[segment.household] = ([ZERO, ZERO, ZERO], [ZERO, ZERO, ZERO], [0, 0, 0])
        weighted, poo, paid = found
        days = (segment.end - segment.start).days + 1
        for index, part in enumerate(segment.parts):
            if part.rate:
                amount = part.rate * days
                weighted[index] += amount
                paid[index] += days
                if segment.poo:
                    poo[index] += amount
    out = []
    for household, (weighted, poo, paid) in sums.items():
        lines = {}
        for index, component in enumerate(COMPONENTS):
            exact = weighted[index] / days_in_month
            amount = round_cents(exact)
            if poo[index] == weighted[index]:
                poo_amount = amount
            elif not poo[index]:
                poo_amount = ZERO
            else:
                poo_amount = round_cents(poo[index] / days_in_month)
            lines[component] = LeefgeldLine(
                household, person, month, component, amount, exact, poo_amount, paid[index]
            )
        out.append(PersonMonth(household, person, month, lines, segments, rule))
    return out


def calculate_leefgeld(scenario: Scenario, params: ParameterSet) -> LeefgeldResult:
    """Leefgeld per household, person, month and component for ``scenario.period``.
    Raises :class:`MissingParameter` for a day that needs a rate nobody knows yet."""
    return _Leefgeld(scenario, params).run()


def leefgeld_section(context: Any) -> dict[str, Any]:
    """The ``leefgeld`` section of :func:`evaluate`. Hands the POO share to the
    BooO section (``context.values["poo_leefgeld_paid"]``, art. 2 lid 1 sub b) unless
    the scenario states the amount paid (``policy.leefgeld_paid_poo``) or has no
    day with a host in the period."""
    result = calculate_leefgeld(context.scenario, context.params)
    context.values["leefgeld"] = result
    scenario = context.scenario
    has_poo = any(p.is_private and p.range.overlaps(scenario.period) for p in scenario.placements)
    if scenario.policy.leefgeld_paid_poo is None and has_poo:
        context.values["poo_leefgeld_paid"] = result.poo_total
    return result.to_dict(explain=context.explain) if getattr(context, "output", True) else {}
