"""The income threshold (drempelbedrag) of the RooO: how leefgeld and eigen
bijdrage go down as a household's income goes up.

The rule as municipal pages quote it (Hilversum, amounts from 1 October 2025):
leefgeld is withdrawn **in full** only when the household's income is at least
``f × L`` (the threshold factor ``rooo.income.threshold_factor``, 1.15, times the
household's leefgeld); the eigen bijdrage is levied **in full** only from
``f × (L + EB)``; whoever pays an eigen bijdrage keeps at least leefgeld + 15%.
The band between zero and the thresholds is not published; the municipality
chooses its reading in ``policy.income_band``:

- ``derived`` (default, consistent with the published table and with "keep
  leefgeld + 15%"): leefgeld paid ``= max(0, L − I/f)``, eigen bijdrage levied
  ``= min(EB, max(0, I/f − L))``, each rounded half-up to cents once;
- ``keep_plus_15``: with ``T = f × L`` rounded half-up to cents, leefgeld paid
  ``= min(L, max(0, T − I))`` and eigen bijdrage levied ``= min(EB, max(0, I − T))``
  (the household keeps exactly ``T`` in the band);
- ``all_or_nothing``: the old stop (no leefgeld for the whole household on days a
  member of 18+ has income, eigen bijdrage in full), also after the start date.

Conventions:

- **Which months.** The band applies to a month when the factor has a value on
  the 1st of that month (from 2025-10-01, the date by which it is known to be in
  force) and the policy is not ``all_or_nothing``; in such a month nobody's
  leefgeld stops for income on a day. Before it the income stops of
  :mod:`.leefgeld` stand. A parameter set without the factor (one stored with an
  older computation) never applies the band, so old results reproduce.
- **Household income I** of a household-month: for every income period of a
  person on the days that person is a member of the household (a person in no
  household: the person) and 18 or older,
  ``Σ monthly amount × days covered ÷ days in the month``, over the whole
  month, also when the scenario's period covers only part of it (the band is
  a rule of the month: two halves of a month never pay more than the month);
  rounded half-up to cents once.
- **L** is the household's leefgeld of the month computed without the income
  stop: the sum of its rounded lines. **EB** is the household's eigen bijdrage of
  the month as :mod:`.eigen_bijdrage` computes it (before maatwerk reductions,
  which are subtracted after the band).
- **Lines.** The leefgeld withdrawn (``L − paid``) is taken from the household's
  lines in proportion to their amounts, in whole cents: each line gives up the
  floor of its share and the cents left go to the lines with the largest
  remainders (ties: the order of the lines). The lines add up to the household's
  paid amount exactly.
- **Thresholds** shown: ``f × L`` and ``f × (L + EB)``, rounded half-up to cents
  (the figures of the published table).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from .dates import DateRange, Month
from .errors import UnknownParameter
from .explain import Node
from .money import CENT, ZERO, fmt, round_cents
from .parameters import ParameterSet, ParameterValue

__all__ = [
    "ALL_OR_NOTHING",
    "DERIVED",
    "FACTOR",
    "INCOME_BANDS",
    "KEEP_PLUS_15",
    "FORMULA_TEXT",
    "IncomeBand",
    "IncomeShare",
    "band_factor",
    "eigen_bijdrage_levied",
    "household_income",
    "income_band_section",
    "leefgeld_paid",
    "spread_reduction",
]

FACTOR = "rooo.income.threshold_factor"
DERIVED = "derived"
KEEP_PLUS_15 = "keep_plus_15"
ALL_OR_NOTHING = "all_or_nothing"
INCOME_BANDS = (DERIVED, KEEP_PLUS_15, ALL_OR_NOTHING)
FORMULA_TEXT = {
    DERIVED: "leefgeld paid = max(0, L - I/f); eigen bijdrage levied = min(EB, max(0, I/f - L))",
    KEEP_PLUS_15: "T = f x L; leefgeld paid = min(L, max(0, T - I)); "
    "eigen bijdrage levied = min(EB, max(0, I - T))",
    ALL_OR_NOTHING: "no leefgeld for the whole household when a member of 18+ has income; "
    "eigen bijdrage in full",
}


def band_factor(params: ParameterSet, rule: str, month: Month) -> ParameterValue | None:
    """The factor that applies to ``month``, or None when the old rules stand
    (before the factor's first value, ``all_or_nothing``, or a parameter set
    without the factor)."""
    if rule == ALL_OR_NOTHING:
        return None
    try:
        parameter = params.parameter(FACTOR)
    except UnknownParameter:
        return None
    return parameter.at(month.first)


def leefgeld_paid(rule: str, factor: Decimal, leefgeld: Decimal, income: Decimal) -> Decimal:
    """The household's leefgeld paid in a month, in cents."""
    if rule == KEEP_PLUS_15:
        threshold = round_cents(factor * leefgeld)
        return min(leefgeld, max(ZERO, threshold - income))
    return round_cents(max(ZERO, leefgeld - income / factor))


def eigen_bijdrage_levied(
    rule: str, factor: Decimal, leefgeld: Decimal, eigen_bijdrage: Decimal, income: Decimal
) -> Decimal:
    """The household's eigen bijdrage levied in a month, in cents."""
    if rule == KEEP_PLUS_15:
        threshold = round_cents(factor * leefgeld)
        return min(eigen_bijdrage, max(ZERO, income - threshold))
    return round_cents(min(eigen_bijdrage, max(ZERO, income / factor - leefgeld)))


@dataclass(frozen=True)
class IncomeShare:
    """One income period's part of a household's income in a month."""

    person: str
    kind: str
    monthly_amount: Decimal
    days: int


def household_income(
    index: Any, household: str, window: DateRange, month: Month
) -> tuple[Decimal, list[IncomeShare]]:
    """Household income I of the month (see the module docstring) and its parts.
    ``index`` is a :class:`~.leefgeld.ScenarioIndex`; ``window`` the days of the
    month inside the scenario's period, which the income does not depend on:
    it is the month's income."""
    window = month.range
    members: dict[str, list[DateRange]] = {}
    listed = index.members.get(household)
    if listed is None:  # a person in no household
        members[household.removeprefix("person:")] = [window]
    else:
        for person, span in listed:
            overlap = span.intersection(window)
            if overlap is not None:
                members.setdefault(person, []).append(overlap)
    exact = Decimal(0)
    shares: list[IncomeShare] = []
    for person in sorted(members, key=index.person_order.__getitem__):
        adult_from: date = index.adult_from[person]
        for income in index.incomes.get(person, ()):
            days = 0
            for span in members[person]:
                overlap = income.range.intersection(span)
                if overlap is None:
                    continue
                start = max(overlap.start, adult_from)
                end = overlap.end
                assert end is not None
                if start <= end:
                    days += (end - start).days + 1
            if days:
                shares.append(IncomeShare(person, income.kind, income.monthly_amount, days))
                exact += income.monthly_amount * days
    return round_cents(exact / month.days), shares


def spread_reduction(amounts: list[Decimal], reduction: Decimal) -> list[Decimal]:
    """``reduction`` (cents, at most the sum of ``amounts``) taken from ``amounts``
    in proportion, in whole cents (largest remainders); returns what each gives up."""
    whole = sum(amounts, ZERO)
    if not reduction or not whole:
        return [ZERO for _ in amounts]
    exact = [reduction * amount / whole for amount in amounts]
    floors = [value.quantize(CENT, rounding=ROUND_FLOOR) for value in exact]
    left = int((reduction - sum(floors, ZERO)) / CENT)
    order = sorted(range(len(amounts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += CENT
    return floors


@dataclass
class IncomeBand:
    """The band of one household-month: what the leefgeld side fixes, and the
    eigen bijdrage side once known."""

    household: str
    month: Month
    rule: str
    factor: ParameterValue
    income: Decimal  # I
    leefgeld: Decimal  # L, without the income stop
    paid: Decimal  # leefgeld paid
    shares: list[IncomeShare] = field(default_factory=list)

    @property
    def f(self) -> Decimal:
        return self.factor.factor

    @property
    def threshold_leefgeld(self) -> Decimal:
        return round_cents(self.f * self.leefgeld)

    def threshold_eigen_bijdrage(self, eigen_bijdrage: Decimal) -> Decimal:
        return round_cents(self.f * (self.leefgeld + eigen_bijdrage))

    def levied(self, eigen_bijdrage: Decimal) -> Decimal:
        return eigen_bijdrage_levied(self.rule, self.f, self.leefgeld, eigen_bijdrage, self.income)

    def income_terms(self) -> str:
        return (
            " + ".join(
                f"{s.person} {s.kind} {fmt(s.monthly_amount)} x {s.days}" for s in self.shares
            )
            or "0"
        )

    def leefgeld_formula(self) -> str:
        f, lg, i = fmt_factor(self.f), fmt(self.leefgeld), fmt(self.income)
        if self.rule == KEEP_PLUS_15:
            return f"min({lg}, max(0, {fmt(self.threshold_leefgeld)} - {i})) = {fmt(self.paid)}"
        return f"max(0, {lg} - {i} / {f}) = {fmt(self.paid)}"

    def eigen_bijdrage_formula(self, eigen_bijdrage: Decimal) -> str:
        f, lg, i, eb = fmt_factor(self.f), fmt(self.leefgeld), fmt(self.income), fmt(eigen_bijdrage)
        levied = fmt(self.levied(eigen_bijdrage))
        if self.rule == KEEP_PLUS_15:
            return f"min({eb}, max(0, {i} - {fmt(self.threshold_leefgeld)})) = {levied}"
        return f"min({eb}, max(0, {i} / {f} - {lg})) = {levied}"

    def code(self, eigen_bijdrage: Decimal | None = None) -> dict[str, Any]:
        """The band as a code with parameters (``text`` of its explanation node)."""
        out: dict[str, Any] = {
            "code": "income_band",
            "rule": self.rule,
            "factor": str(self.f),
            "income": fmt(self.income),
            "leefgeld": fmt(self.leefgeld),
            "threshold_leefgeld": fmt(self.threshold_leefgeld),
            "paid": fmt(self.paid),
        }
        if eigen_bijdrage is not None:
            out["eigen_bijdrage"] = fmt(eigen_bijdrage)
            out["threshold_eigen_bijdrage"] = fmt(self.threshold_eigen_bijdrage(eigen_bijdrage))
            out["levied"] = fmt(self.levied(eigen_bijdrage))
        return out

    def leefgeld_node(self) -> Node:
        return Node(
            f"income threshold ({self.rule}: {FORMULA_TEXT[self.rule]}): household income "
            f"I = ({self.income_terms()}) / {self.month.days} = {fmt(self.income)}; "
            f"household leefgeld L = {fmt(self.leefgeld)}; full withdrawal from "
            f"{fmt_factor(self.f)} x L = {fmt(self.threshold_leefgeld)}; paid "
            f"{self.leefgeld_formula()}",
            amount=self.paid,
            parameter=FACTOR,
            value=self.f,
            reference=self.factor.reference_dict,
            period=self.month.range,
            records=[self.household],
            text=self.code(),
        )

    def eigen_bijdrage_node(self, eigen_bijdrage: Decimal) -> Node:
        return Node(
            f"income threshold ({self.rule}: {FORMULA_TEXT[self.rule]}): household income "
            f"I = {fmt(self.income)}; household leefgeld L = {fmt(self.leefgeld)}; "
            f"EB = {fmt(eigen_bijdrage)}; in full from {fmt_factor(self.f)} x (L + EB) = "
            f"{fmt(self.threshold_eigen_bijdrage(eigen_bijdrage))}; levied "
            f"{self.eigen_bijdrage_formula(eigen_bijdrage)}",
            amount=self.levied(eigen_bijdrage),
            parameter=FACTOR,
            value=self.f,
            reference=self.factor.reference_dict,
            period=self.month.range,
            records=[self.household],
            text=self.code(eigen_bijdrage),
        )

    def to_dict(self, eigen_bijdrage: Decimal) -> dict[str, Any]:
        return {
            "household": self.household,
            "month": str(self.month),
            "income_band": self.rule,
            "formula": FORMULA_TEXT[self.rule],
            "factor": str(self.f),
            "income": fmt(self.income),
            "leefgeld": fmt(self.leefgeld),
            "eigen_bijdrage": fmt(eigen_bijdrage),
            "threshold_leefgeld": fmt(self.threshold_leefgeld),
            "threshold_eigen_bijdrage": fmt(self.threshold_eigen_bijdrage(eigen_bijdrage)),
            "leefgeld_paid": fmt(self.paid),
            "eigen_bijdrage_levied": fmt(self.levied(eigen_bijdrage)),
        }


def fmt_factor(value: Decimal) -> str:
    return f"{value.normalize():f}"


def income_band_section(context: Any) -> dict[str, Any]:
    """The ``income_band`` section of :func:`evaluate`: per household-month in
    the band months the income, both thresholds, the rule and what is paid and
    levied. Needs the leefgeld section; the eigen bijdrage figures are those of
    the eigen bijdrage section (zero when it did not run or the household has none)."""
    leefgeld = context.values.get("leefgeld")
    if leefgeld is None or not getattr(context, "output", True):
        return {}
    eigen = context.values.get("eigen_bijdrage")
    gross: dict[tuple[str, Month], Decimal] = {}
    if eigen is not None:
        gross = {(hm.household, hm.month): hm.gross for hm in eigen.households}
    bands = dict(leefgeld.bands)
    if eigen is not None:  # eigen bijdrage households without leefgeld that month
        for hm in eigen.households:
            if hm.band is not None:
                bands.setdefault((hm.household, hm.month), hm.band)
    rows = [band.to_dict(gross.get(key, ZERO)) for key, band in bands.items()]
    return {
        "income_band": context.scenario.policy.income_band,
        "formula": FORMULA_TEXT[context.scenario.policy.income_band],
        "factor": FACTOR,
        "households": rows,
    }
