"""Eigen bijdrage: the own contribution persons of 18+ with income pay for
municipal reception (GOO), under the RooO (from 2024-07-01).

Conventions (also in ``docs/rules-scenarios.md``, section "Leefgeld and eigen
bijdrage"):

- **Who, on a day.** A person placed at a GOO location that day, 18 or older that
  day (see :func:`~.leefgeld.eighteenth_birthday`), with an income covering the
  day (any kind, any amount). The household is the one of that day (a person in
  no household: pseudo household ``person:<id>``, as for leefgeld).
- **At most two per household per day** (``eigen_bijdrage.max_persons_per_household``):
  the persons with the highest income that day (sum of the ``monthly_amount`` of
  the incomes covering the day); a tie goes to the person listed first in the
  scenario's ``persons``. All members of the household that day count for the
  choice, so the choice is the same for every member.
- **Amount per day** for a charged person: ``eigen_bijdrage.per_person_month`` plus
  ``eigen_bijdrage.catering_per_person_month`` on days at a location with catering
  (the full catering amount, the regulation's maximum).
- **Partial months**: always pro rata by calendar days, also when the municipality
  pays leefgeld as a whole month (``policy.partial_month``): per household and month
  ``Σ (monthly amount × days) ÷ days in the month`` over the charged persons, exact,
  rounded half-up to cents **once per household-month**. Only days in
  ``scenario.period`` count.
- **Not in force / unknown.** Days before 2024-07-01 (the first value) are free of
  charge; a day after the last known value (2026) raises :class:`MissingParameter`
  naming the parameter and the day, when a charge is needed that day.
- **Maatwerk.** ``reductions`` (Python API only for now) lower a household-month
  amount by a fixed amount, never below zero, with the reason in the explanation.
- **Income threshold** (:mod:`.income_band`, from ``rooo.income.threshold_factor``,
  no later than 2025-10-01, unless ``policy.income_band`` is ``all_or_nothing``):
  the household-month amount above (EB) is levied only in part below
  ``1.15 × (L + EB)``: ``min(EB, max(0, I/1.15 − L))`` by default, with L the
  household's leefgeld without the income stop and I its income. Maatwerk
  reductions come after the band. Before that date, or with ``all_or_nothing``,
  the eigen bijdrage is levied in full.
- The platform's older floor "after paying, a person keeps at least what
  leefgeld would give" is a setting of the allowances app (collection list).

Python API::

    result = calculate_eigen_bijdrage(scenario, params, reductions=())
    result.households   # [HouseholdMonth(household, month, amount, exact, reduction,
                        #                 persons={person: PersonCharge})]
    result.total
    result.to_dict(explain=False)   # the "eigen_bijdrage" section of evaluate()
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .dates import DateRange, Month
from .explain import Node
from .income_band import IncomeBand, band_factor, household_income
from .leefgeld import ONE_DAY, LeefgeldResult, RateCache, ScenarioIndex, calculate_leefgeld
from .money import ZERO, fmt, round_cents, to_decimal, total
from .parameters import ParameterSet, ParameterValue
from .scenario import Scenario

__all__ = [
    "EigenBijdrageResult",
    "HouseholdMonth",
    "PersonCharge",
    "Reduction",
    "calculate_eigen_bijdrage",
    "eigen_bijdrage_section",
]

BASE = "eigen_bijdrage.per_person_month"
CATERING = "eigen_bijdrage.catering_per_person_month"
MAX_PERSONS = "eigen_bijdrage.max_persons_per_household"
RULE_TEXT = (
    "pro rata by calendar days: sum of (monthly amount x days) / days in the month "
    "over the charged persons, rounded half-up to cents once per household and month"
)


@dataclass(frozen=True)
class Reduction:
    """Municipal maatwerk: lowers a household's contribution for one month."""

    household: str
    month: Month
    amount: Decimal
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", to_decimal(self.amount))
        if self.amount < 0:
            raise ValueError("a reduction must not be negative")


@dataclass(frozen=True)
class ChargeSegment:
    start: date
    end: date
    location: str
    base: ParameterValue
    catering: ParameterValue | None
    income: Decimal

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def rate(self) -> Decimal:
        extra = self.catering.amount if self.catering is not None else ZERO
        return self.base.amount + extra


@dataclass(frozen=True)
class FreeSegment:
    start: date
    end: date
    reason: str
    # The reason as a code with parameters, for a reader's language.
    why: tuple[str, tuple[tuple[str, str], ...]] = ("text", ())

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass
class PersonCharge:
    person: str
    segments: list[ChargeSegment | FreeSegment] = field(default_factory=list)

    @property
    def weighted(self) -> Decimal:
        return total(s.rate * s.days for s in self.segments if isinstance(s, ChargeSegment))

    @property
    def charged_days(self) -> int:
        return sum(s.days for s in self.segments if isinstance(s, ChargeSegment))


@dataclass
class HouseholdMonth:
    household: str
    month: Month
    persons: dict[str, PersonCharge] = field(default_factory=dict)
    reduction: Reduction | None = None
    band: IncomeBand | None = None  # the household's income band of the month

    @property
    def exact(self) -> Decimal:
        return total(p.weighted for p in self.persons.values()) / self.month.days

    @property
    def gross(self) -> Decimal:
        return round_cents(self.exact)

    @property
    def levied(self) -> Decimal:
        """The gross amount after the income band (the gross amount without one)."""
        return self.gross if self.band is None else self.band.levied(self.gross)

    @property
    def amount(self) -> Decimal:
        if self.reduction is None:
            return self.levied
        return max(ZERO, self.levied - round_cents(self.reduction.amount))

    @property
    def charged(self) -> list[str]:
        return [p for p, charge in self.persons.items() if charge.charged_days]

    def explanation(self) -> Node:
        dim = self.month.days
        root = Node(
            f"Eigen bijdrage {self.household} {self.month}: {RULE_TEXT}",
            text={"code": "eb_month", "household": self.household, "month": str(self.month)},
            amount=self.amount,
            period=self.month.range,
            records=[self.household, *self.persons],
        )
        terms = []
        for person, charge in self.persons.items():
            node = root.add(
                Node(
                    f"{person}: {charge.charged_days} days charged",
                    text={"code": "eb_person", "person": person, "days": charge.charged_days},
                    amount=charge.weighted / dim,
                    count=charge.charged_days,
                    records=[person],
                )
            )
            for segment in charge.segments:
                span = DateRange(segment.start, segment.end)
                if isinstance(segment, FreeSegment):
                    node.add(
                        Node(
                            f"{span}: {segment.days} days not charged — {segment.reason}",
                            text={
                                "code": "eb_free",
                                "from": span.start.isoformat(),
                                "to": segment.end.isoformat(),
                                "days": segment.days,
                                "why": segment.why[0],
                                **dict(segment.why[1]),
                            },
                            period=span,
                            count=segment.days,
                        )
                    )
                    continue
                terms.append(f"{fmt(segment.rate)} x {segment.days}")
                node.add(
                    Node(
                        f"{span}: {segment.days} days x {fmt(segment.base.amount)} / {dim} "
                        f"(18+, income {fmt(segment.income)} a month, GOO {segment.location})",
                        text={
                            "code": "eb_segment",
                            "from": span.start.isoformat(),
                            "to": segment.end.isoformat(),
                            "days": segment.days,
                            "rate": fmt(segment.base.amount),
                            "dim": dim,
                            "income": fmt(segment.income),
                            "location": segment.location,
                        },
                        amount=segment.base.amount * segment.days / dim,
                        parameter=BASE,
                        value=segment.base.amount,
                        reference=segment.base.reference_dict,
                        period=span,
                        count=segment.days,
                    )
                )
                if segment.catering is not None:
                    node.add(
                        Node(
                            f"{span}: catering at {segment.location}: {segment.days} days x "
                            f"{fmt(segment.catering.amount)} / {dim}",
                            text={
                                "code": "eb_catering",
                                "from": span.start.isoformat(),
                                "to": segment.end.isoformat(),
                                "days": segment.days,
                                "rate": fmt(segment.catering.amount),
                                "dim": dim,
                                "location": segment.location,
                            },
                            amount=segment.catering.amount * segment.days / dim,
                            parameter=CATERING,
                            value=segment.catering.amount,
                            reference=segment.catering.reference_dict,
                            period=span,
                            count=segment.days,
                        )
                    )
        root.add(
            Node(
                f"({' + '.join(terms) or '0'}) / {dim} = {self.exact:.4f} -> {fmt(self.gross)}",
                text={
                    "code": "eb_sum",
                    "terms": " + ".join(terms) or "0",
                    "dim": dim,
                    "exact": f"{self.exact:.4f}",
                    "gross": fmt(self.gross),
                },
                amount=self.gross,
            )
        )
        if self.band is not None:
            root.add(self.band.eigen_bijdrage_node(self.gross))
        if self.reduction is not None:
            root.add(
                Node(
                    f"maatwerk reduction: -{fmt(self.reduction.amount)} "
                    f"({self.reduction.reason}), not below zero",
                    text={
                        "code": "eb_reduction",
                        "amount": fmt(self.reduction.amount),
                        "reason": self.reduction.reason,
                    },
                    amount=self.amount - self.levied,
                )
            )
        return root

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "month": str(self.month),
            "amount": fmt(self.amount),
            "charged": self.charged,
        }
        if self.band is not None:
            out["gross"] = fmt(self.gross)
            out["income_band"] = {
                "rule": self.band.rule,
                "income": fmt(self.band.income),
                "leefgeld": fmt(self.band.leefgeld),
                "threshold_eigen_bijdrage": fmt(self.band.threshold_eigen_bijdrage(self.gross)),
                "levied": fmt(self.levied),
                "formula": self.band.eigen_bijdrage_formula(self.gross),
            }
        if self.reduction is not None:
            out["reduction"] = fmt(self.reduction.amount)
            out["reason"] = self.reduction.reason
        if explain:
            out["explanation"] = self.explanation().to_dict()
        return out


@dataclass
class EigenBijdrageResult:
    municipality: str
    period: DateRange
    households: list[HouseholdMonth] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return total(h.amount for h in self.households)

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        grouped: dict[str, list[HouseholdMonth]] = {}
        for hm in self.households:
            grouped.setdefault(hm.household, []).append(hm)
        return {
            "total": fmt(self.total),
            "rule": RULE_TEXT,
            "households": [
                {"household": household, "months": [hm.to_dict(explain) for hm in months]}
                for household, months in grouped.items()
            ],
        }


class _EigenBijdrage:
    def __init__(
        self,
        scenario: Scenario,
        params: ParameterSet,
        reductions: Iterable[Reduction],
        leefgeld: LeefgeldResult | None = None,
    ):
        self.scenario = scenario
        self.params = params
        self.leefgeld = leefgeld
        self.index = ScenarioIndex(scenario)
        self.rates = RateCache(params)
        self.bounds = self.rates.bounds((BASE, CATERING, MAX_PERSONS))
        self.reductions = {(r.household, r.month): r for r in reductions}
        self._charged: dict[tuple[str, date], tuple[str, ...]] = {}

    def candidates(self) -> list[str]:
        """Persons who might ever be charged: a GOO placement and an income."""
        index = self.index
        return sorted(
            (
                p
                for p in index.placements
                if index.incomes.get(p) and any(not pl.is_private for pl in index.placements[p])
            ),
            key=index.person_order.__getitem__,
        )

    def run(self) -> EigenBijdrageResult:
        index = self.index
        result = EigenBijdrageResult(self.scenario.municipality, self.scenario.period)
        by_key: dict[tuple[str, Month], HouseholdMonth] = {}
        persons = self.candidates()
        for month, window in self.scenario.period.split_by_month():
            for person in persons:
                if not self._possible(person, window):
                    continue
                starts = index.segment_starts(person, window, self.bounds)
                ends = [d - ONE_DAY for d in starts[1:]] + [window.last]
                for start, end in zip(starts, ends, strict=True):
                    self._add(by_key, person, month, start, end)
        for key, reduction in self.reductions.items():
            if key in by_key:
                by_key[key].reduction = reduction
        self._bands(by_key)
        result.households = sorted(
            by_key.values(), key=lambda hm: (self._household_key(hm.household), hm.month)
        )
        for hm in result.households:
            hm.persons = dict(
                sorted(hm.persons.items(), key=lambda item: index.person_order[item[0]])
            )
        return result

    def _bands(self, by_key: dict[tuple[str, Month], HouseholdMonth]) -> None:
        """The income band of each household-month in a month it applies to: the
        leefgeld side's (L without the income stop), else one with L = 0."""
        rule = self.scenario.policy.income_band
        windows = dict(self.scenario.period.split_by_month())
        factors = {month: band_factor(self.params, rule, month) for month in windows}
        if not any(factors.get(month) for _, month in by_key):
            return
        leefgeld = self.leefgeld
        if leefgeld is None:
            leefgeld = self.leefgeld = calculate_leefgeld(self.scenario, self.params)
        for (household, month), hm in by_key.items():
            factor = factors.get(month)
            if factor is None:
                continue
            band = leefgeld.bands.get((household, month))
            if band is None:
                income, shares = household_income(self.index, household, windows[month], month)
                band = IncomeBand(household, month, rule, factor, income, ZERO, ZERO, shares)
            hm.band = band

    def _household_key(self, household: str) -> tuple[int, int]:
        if household in self.index.household_order:
            return (0, self.index.household_order[household])
        return (1, self.index.person_order[household.removeprefix("person:")])

    def _possible(self, person: str, window: DateRange) -> bool:
        index = self.index
        return (
            any(not p.is_private and p.range.overlaps(window) for p in index.placements[person])
            and any(i.range.overlaps(window) for i in index.incomes[person])
            and index.adult_from[person] <= window.last
        )

    def _eligible(self, person: str, day: date) -> Decimal | None:
        """Income that day if the person can be charged that day, else None."""
        index = self.index
        placement = index.placement_on(person, day)
        if placement is None or placement.is_private or not index.is_adult(person, day):
            return None
        if index.income_on(person, day) is None:
            return None
        return index.income_amount_on(person, day)

    def charged_on(self, household: str, day: date) -> tuple[str, ...]:
        key = (household, day)
        cached = self._charged.get(key)
        if cached is None:
            eligible = []
            for member in self.index.members_on(household, day):
                income = self._eligible(member, day)
                if income is not None:
                    eligible.append((-income, self.index.person_order[member], member))
            eligible.sort()
            limit = self.rates.get(MAX_PERSONS, day)
            count = len(eligible) if limit is None else limit.count
            cached = tuple(member for _, _, member in eligible[:count])
            self._charged[key] = cached
        return cached

    def _add(
        self,
        by_key: dict[tuple[str, Month], HouseholdMonth],
        person: str,
        month: Month,
        start: date,
        end: date,
    ) -> None:
        index = self.index
        placement = index.placement_on(person, start)
        if placement is None or placement.is_private:
            return  # not in GOO: no contribution, nothing to report
        household = index.household_on(person, start)
        hm = by_key.get((household, month))
        if hm is None:
            hm = by_key[(household, month)] = HouseholdMonth(household, month)
        charge = hm.persons.setdefault(person, PersonCharge(person))
        segment: ChargeSegment | FreeSegment
        first = self.rates.first_start(BASE)
        if start < first:
            segment = FreeSegment(
                start,
                end,
                f"eigen bijdrage in force from {first}",
                ("not_in_force", (("from", first.isoformat()),)),
            )
        elif not index.is_adult(person, start):
            segment = FreeSegment(start, end, "minor", ("minor", ()))
        elif index.income_on(person, start) is None:
            segment = FreeSegment(start, end, "no income", ("no_income", ()))
        elif person not in self.charged_on(household, start):
            charged = self.charged_on(household, start)
            segment = FreeSegment(
                start,
                end,
                f"at most {len(charged)} persons per household: "
                f"{', '.join(charged)} charged (highest income; "
                "tie: listed first)",
                ("at_most", (("max", str(len(charged))), ("charged", ", ".join(charged)))),
            )
        else:
            location = placement.location
            assert location is not None
            base = self.rates.get(BASE, start)
            catering = None
            if index.locations[location].catering:
                catering = self.rates.get(CATERING, start)
            assert base is not None
            segment = ChargeSegment(
                start, end, location, base, catering, index.income_amount_on(person, start)
            )
        previous = charge.segments[-1] if charge.segments else None
        if previous is not None and previous.end + ONE_DAY == start and _same(previous, segment):
            charge.segments[-1] = _extend(previous, end)
        else:
            charge.segments.append(segment)


def _same(a: ChargeSegment | FreeSegment, b: ChargeSegment | FreeSegment) -> bool:
    if isinstance(a, FreeSegment) and isinstance(b, FreeSegment):
        return a.reason == b.reason
    if isinstance(a, ChargeSegment) and isinstance(b, ChargeSegment):
        return (a.location, a.base, a.catering, a.income) == (
            b.location,
            b.base,
            b.catering,
            b.income,
        )
    return False


def _extend(segment: ChargeSegment | FreeSegment, end: date) -> ChargeSegment | FreeSegment:
    if isinstance(segment, FreeSegment):
        return FreeSegment(segment.start, end, segment.reason, segment.why)
    return ChargeSegment(
        segment.start, end, segment.location, segment.base, segment.catering, segment.income
    )


def calculate_eigen_bijdrage(
    scenario: Scenario,
    params: ParameterSet,
    reductions: Iterable[Reduction] = (),
    leefgeld: LeefgeldResult | None = None,
) -> EigenBijdrageResult:
    """Eigen bijdrage per household and month for ``scenario.period``. Raises
    :class:`MissingParameter` for a day with a charge and no known amount.
    ``leefgeld``: the leefgeld of the same scenario, if already computed (the
    income band needs it; computed here when needed and not given)."""
    return _EigenBijdrage(scenario, params, reductions, leefgeld).run()


def eigen_bijdrage_section(context: Any) -> dict[str, Any]:
    """The ``eigen_bijdrage`` section of :func:`evaluate`. Maatwerk reductions
    come from ``context.inputs["eigen_bijdrage"]["reductions"]`` (a list of
    :class:`Reduction`); the scenario document does not hold them."""
    inputs = getattr(context, "inputs", {}).get("eigen_bijdrage", {})
    result = calculate_eigen_bijdrage(
        context.scenario,
        context.params,
        inputs.get("reductions", ()),
        context.values.get("leefgeld"),
    )
    context.values["eigen_bijdrage"] = result
    return result.to_dict(explain=context.explain) if getattr(context, "output", True) else {}
