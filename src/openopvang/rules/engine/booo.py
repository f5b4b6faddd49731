"""BooO: what the state pays a municipality (Bekostigingsregeling opvang
ontheemden Oekraïne: art. 2 lid 1 lists the cost categories, art. 3 holds the
normbedragen and the actual-cost exception), for ``scenario.period``.

Conventions (also in ``docs/rules-scenarios.md``):

- **GOO (sub a; normbedrag art. 3 lid 1)**: place-days = for every day in the
  period on which a location is open, the places of the capacity entry covering
  that day (a realised place counts whether occupied or not). One line per
  location per rate period of ``booo.goo.normbedrag_per_place_day``; line
  amount = place-days × rate.
- **POO (sub c, d; normbedrag art. 3 lid 4)**: a person counts once for a month
  when placed with a host on at least one day of that month inside the period
  *and* having at least one provision for that month. The rate is the
  normbedrag in force on the **first day of the month** (also when the period
  starts later in that month). One line per month, listing the persons.
- **POO leefgeld (sub b)** at actual cost: ``policy.leefgeld_paid_poo`` or the
  amount the leefgeld section supplies; one line.
- **Other costs** come from ``other_costs``. Purchased services (such as
  VluchtelingenWerk's) are bought under sub a and paid from the GOO normbedrag,
  so they are listed for information and not declared (``declared: false``).
  Hotels, ships and catering (``actual_hotel_ship_catering``) are listed the same
  way: the only source says their costs were left out of the cost basis of the
  2025 normbedrag, none that they are claimed on top; higher actual GOO costs go
  through art. 3 lid 2 (docs/decisions/0010).
- **Actual cost GOO** (art. 3 lid 2, from ``booo.goo.actual_cost_from``): when
  ``policy.actual_cost_goo.enabled``, GOO normbedrag lines stop on the day before
  that date and ``actual_cost_goo`` lines take their place.
- **Rounding**: half-up to cents once per line. The declared total is the sum of
  declared lines. The month breakdown is informative: per month, the same
  quantities split by month, rounded per month (with 2-decimal rates and whole
  place-days the GOO amounts are exact, so it adds up to the lines).
- Parameters are only looked up for days that need them: a period reaching into
  a year without a known rate fails only if there is capacity or a POO person-month
  in it, and then with :class:`MissingParameter` naming the parameter and day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from . import law
from .dates import ONE_DAY, DateRange, Month, intersect_all
from .explain import Node
from .law import ARTICLES, BOOO_PUBLICATION
from .money import ZERO, fmt, round_cents, total
from .parameters import ParameterSet, ParameterValue
from .scenario import Location, Scenario

GOO_RATE = "booo.goo.normbedrag_per_place_day"
POO_RATE = "booo.poo.normbedrag_per_person_month"

NOTES = {
    "transition": "Transition costs are paid on application only.",
    "purchased_services": "Paid from the GOO normbedrag; listed for information, not declared.",
    "actual_hotel_ship_catering": (
        "Not claimed on top of the GOO normbedrag: no source provides a separate claim; "
        "where actual GOO costs deviate significantly, use the actual-cost exception "
        "(art. 3 lid 2)."
    ),
}
# Each line also says its description as a code with parameters (``text``),
# for a user interface to render in the reader's language; the English
# ``description`` is for CLI readers.
# Listed for information but not part of the declared total: services bought
# under sub a are paid from the GOO normbedrag (DOMAIN.md §2); hotels, ships and
# catering have no separate claim in any source (decision 0010). One place to
# change if the ministry (NOO) reads it otherwise.
NOT_DECLARED = frozenset({"purchased_services", "actual_hotel_ship_catering"})
# Labels of earlier engine versions, so explanations stored before groups had
# keys still find their component (declarations.explanations).
FORMER_COMPONENT_LABELS = {
    "GOO normbedrag (art. 2 lid 1 sub a)": "goo",
    "POO normbedrag (art. 2 lid 1 sub c, d)": "poo",
    "Hotels, ships, catering at actual cost": "actual_hotel_ship_catering",
}
COMPONENT_LABELS = {
    "goo": "GOO normbedrag (art. 3 lid 1)",
    "poo": "POO normbedrag (art. 3 lid 4)",
    "poo_leefgeld": "POO leefgeld at actual cost (art. 2 lid 1 sub b)",
    "transition": "Transition costs (art. 2 lid 1 sub e)",
    "purchased_services": "Purchased services (within sub a)",
    "actual_hotel_ship_catering": "Hotels, ships, catering (listed, not claimed separately)",
    "actual_cost_goo": "GOO at actual cost (art. 3 lid 2)",
}


@dataclass
class BoooLine:
    component: str
    amount: Decimal
    period: DateRange | None = None
    month: Month | None = None
    location: str | None = None
    persons: tuple[str, ...] = ()
    quantity: int | None = None
    unit: str | None = None  # "place_days" | "person_months"
    rate: Decimal | None = None
    parameter: str | None = None
    reference: dict[str, str] | None = None
    description: str = ""
    declared: bool = True
    explanation: Node | None = None
    text: dict[str, Any] | None = None  # the description as {"code": ..., **parameters}
    # Informative split of this line's amount by month (GOO lines span months).
    by_month: dict[Month, Decimal] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "component": self.component,
            "declared": self.declared,
            "from": self.period.start.isoformat() if self.period else None,
            "to": self.period.end.isoformat() if self.period and self.period.end else None,
            "month": str(self.month) if self.month else None,
            "location": self.location,
            "persons": list(self.persons),
            "quantity": self.quantity,
            "unit": self.unit,
            "rate": fmt(self.rate) if self.rate is not None else None,
            "amount": fmt(self.amount),
            "parameter": self.parameter,
            "reference": self.reference,
            "description": self.description,
            "text": dict(self.text) if self.text else None,
        }


@dataclass
class BoooResult:
    municipality: str
    period: DateRange
    lines: list[BoooLine]

    def declared(self) -> list[BoooLine]:
        return [line for line in self.lines if line.declared]

    @property
    def goo_place_days(self) -> int:
        return sum(line.quantity or 0 for line in self.lines if line.component == "goo")

    @property
    def poo_person_months(self) -> int:
        return sum(line.quantity or 0 for line in self.lines if line.component == "poo")

    def component_amount(self, component: str) -> Decimal:
        return total(line.amount for line in self.declared() if line.component == component)

    @property
    def total(self) -> Decimal:
        return total(line.amount for line in self.declared())

    def by_component(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for line in self.declared():
            out[line.component] = out.get(line.component, ZERO) + line.amount
        return out

    def by_month(self) -> tuple[dict[Month, Decimal], Decimal]:
        """Declared amounts per month (informative, rounded per month) and the
        amount that belongs to no single month (e.g. yearly actual costs)."""
        months: dict[Month, Decimal] = defaultdict(Decimal)
        unassigned = ZERO
        for line in self.declared():
            if line.by_month:
                for month, amount in line.by_month.items():
                    months[month] += amount
            elif line.month:
                months[line.month] += line.amount
            else:
                unassigned += line.amount
        return {m: round_cents(a) for m, a in sorted(months.items())}, unassigned

    def explanation(self) -> Node:
        root = Node(
            f"BooO {self.municipality} {self.period}",
            amount=self.total,
            period=self.period,
            text={"code": "booo_total", "municipality": self.municipality},
        )
        for component, label in COMPONENT_LABELS.items():
            lines = [line for line in self.lines if line.component == component]
            if lines:
                group = root.add(
                    Node(
                        label,
                        amount=total(x.amount for x in lines if x.declared),
                        key=component,
                        text={"code": "component", "component": component},
                    )
                )
                group.children.extend(line.explanation for line in lines if line.explanation)
        return root

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        months, unassigned = self.by_month()
        out: dict[str, Any] = {
            "goo": {"place_days": self.goo_place_days, "amount": fmt(self.component_amount("goo"))},
            "poo": {
                "person_months": self.poo_person_months,
                "amount": fmt(self.component_amount("poo")),
            },
            "total": fmt(self.total),
            "by_component": {k: fmt(v) for k, v in self.by_component().items()},
            "by_month": {str(m): fmt(a) for m, a in months.items()},
            "not_by_month": fmt(unassigned),
            "lines": [line.to_dict() for line in self.lines],
        }
        if explain:
            out["explanation"] = self.explanation().to_dict()
        return out


def calculate_booo(
    scenario: Scenario, params: ParameterSet, *, poo_leefgeld_paid: Decimal | None = None
) -> BoooResult:
    """All BooO lines for ``scenario.period``. ``poo_leefgeld_paid`` (from the
    leefgeld section) overrides ``policy.leefgeld_paid_poo``."""
    period = scenario.period
    goo_until: date | None = None
    if scenario.policy.actual_cost_goo.enabled:
        actual_from = law.actual_cost_from(params, period.start)
        goo_until = actual_from - timedelta(days=1)
    lines: list[BoooLine] = []
    for location in scenario.locations:
        lines.extend(goo_lines(location, period, params, goo_until))
    lines.extend(poo_lines(scenario, params))
    leefgeld = poo_leefgeld_paid
    if leefgeld is None:
        leefgeld = scenario.policy.leefgeld_paid_poo
    if leefgeld is not None:
        lines.append(
            _fixed_line(
                "poo_leefgeld",
                leefgeld,
                period,
                None,
                None,
                "Leefgeld paid to persons in private reception (actual cost)",
                {"code": "poo_leefgeld_paid"},
            )
        )
    for cost in scenario.other_costs:
        description = cost.description
        text: dict[str, Any] = {"code": "other_cost", "description": cost.description}
        if cost.category == "actual_cost_goo":
            reason = scenario.policy.actual_cost_goo.reason
            description = f"{description} — reason: {reason}"
            text["reason"] = reason
        if cost.evidence:
            description = f"{description} (evidence: {cost.evidence})"
            text["evidence"] = cost.evidence
        lines.append(
            _fixed_line(
                cost.category,
                cost.amount,
                None if cost.month else period,
                cost.month,
                cost.location,
                description,
                text,
            )
        )
    return BoooResult(scenario.municipality, period, lines)


def goo_segments(
    location: Location, period: DateRange, until: date | None = None
) -> list[tuple[int, DateRange, int]]:
    """(capacity index, days, places) inside the period while the location is open."""
    limit = DateRange(date.min, until)
    segments = []
    for index, capacity in enumerate(location.capacity):
        days = intersect_all(capacity.range, period, location.open_range, limit)
        if days is not None and capacity.places > 0:
            segments.append((index, days, capacity.places))
    return segments


def goo_lines(
    location: Location, period: DateRange, params: ParameterSet, until: date | None = None
) -> list[BoooLine]:
    """One line per rate period of the GOO normbedrag for this location."""
    groups: dict[date, list[tuple[ParameterValue, int, DateRange, int]]] = defaultdict(list)
    for index, days, places in goo_segments(location, period, until):
        for rate, start, end in params.periods(GOO_RATE, days.start, days.last):
            groups[rate.start].append((rate, index, DateRange(start, end), places))
    lines = []
    for rate_start in sorted(groups):
        pieces = groups[rate_start]
        rate = pieces[0][0]
        place_days = sum(span.days * places for _, _, span, places in pieces)
        amount = round_cents(place_days * rate.amount)
        span = DateRange(min(p[2].start for p in pieces), max(p[2].last for p in pieces))
        by_month: dict[Month, Decimal] = defaultdict(Decimal)
        node = Node(
            f"GOO {location.id}: {place_days} place-days × {fmt(rate.amount)}",
            amount=amount,
            parameter=GOO_RATE,
            value=rate.amount,
            reference=rate.reference_dict,
            period=span,
            count=place_days,
            records=[location.id],
            text={
                "code": "goo_line",
                "location": location.id,
                "place_days": place_days,
                "rate": fmt(rate.amount),
            },
        )
        for _, index, piece, places in pieces:
            node.add(
                Node(
                    f"capacity[{index}]: {places} places × {piece.days} days",
                    amount=round_cents(places * piece.days * rate.amount),
                    period=piece,
                    count=places * piece.days,
                    text={
                        "code": "goo_capacity",
                        "index": index,
                        "places": places,
                        "days": piece.days,
                    },
                )
            )
            for month, part in piece.split_by_month():
                by_month[month] += places * part.days * rate.amount
        lines.append(
            BoooLine(
                component="goo",
                amount=amount,
                period=span,
                location=location.id,
                quantity=place_days,
                unit="place_days",
                rate=rate.amount,
                parameter=GOO_RATE,
                reference=rate.reference_dict,
                description=f"{location.id} ({location.kind}): realised places per day",
                text={"code": "goo_places", "location": location.id, "kind": location.kind},
                explanation=node,
                by_month=dict(by_month),
            )
        )
    return lines


def poo_person_months(scenario: Scenario) -> dict[Month, list[str]]:
    """Persons counted per month: placed with a host on ≥1 day of the month inside
    the period on which they have a right to municipal reception, and ≥1
    provision for that month."""
    return _poo_months(scenario)[0]


def _poo_months(scenario: Scenario) -> tuple[dict[Month, list[str]], dict[Month, list[str]]]:
    """(counted, left out): per month the persons counted, and the persons who
    would count but have no right to reception on any of those days."""
    period = scenario.period
    # Months as whole numbers (year × 12 + month) inside: a national run walks
    # hundreds of thousands of (month, person) pairs.
    provided = {(p.month.year * 12 + p.month.month, p.person) for p in scenario.provisions}
    no_right = {p.id: p.no_reception_right for p in scenario.persons if p.no_reception_right}
    counted: dict[int, set[str]] = defaultdict(set)
    left_out: dict[int, set[str]] = defaultdict(set)
    # A placement overlaps the period's part of a month exactly when the month
    # is one of the months of (placement ∩ period): walk only those months.
    for placement in scenario.placements:
        if not placement.is_private:
            continue
        days = placement.range.intersection(period)
        if days is None:
            continue
        person = placement.person
        end = days.last  # inside the period, which is closed
        last = end.year * 12 + end.month
        for number in range(days.start.year * 12 + days.start.month, last + 1):
            if (number, person) not in provided:
                continue
            if person in no_right and _without_right_all_month(days, number, no_right[person]):
                left_out[number].add(person)
            else:
                counted[number].add(person)
    out, out_left = {}, {}
    for month, _window in period.split_by_month():
        number = month.year * 12 + month.month
        if counted.get(number):
            out[month] = sorted(counted[number])
        # Counted through another placement that month: not left out.
        left = left_out.get(number, set()) - counted.get(number, set())
        if left:
            out_left[month] = sorted(left)
    return out, out_left


def _without_right_all_month(days: DateRange, number: int, periods) -> bool:
    """True when every day of `days` in month `number` lies in a period without
    a right to reception."""
    year, month = divmod(number - 1, 12)
    window = days.intersection(Month(year, month + 1).range)
    if window is None:
        return True
    day = window.start
    for period in sorted(periods, key=lambda p: p.range.start):
        if period.range.start > day:
            return False
        if period.range.end is None or period.range.end >= window.last:
            return True
        day = max(day, period.range.end + ONE_DAY)
    return False


def poo_lines(scenario: Scenario, params: ParameterSet) -> list[BoooLine]:
    lines = []
    counted, left_out = _poo_months(scenario)
    # A month whose persons all lack the right still gets its (zero) line: the
    # declaration says why nobody counts.
    for month in sorted(set(counted) | set(left_out)):
        persons = counted.get(month, [])
        rate = params.value(POO_RATE, month.first)  # rate on the first day of the month
        amount = round_cents(len(persons) * rate.amount)
        without_right = len(left_out.get(month, ()))
        note = (
            f"; not counted: {without_right} without a right to reception" if without_right else ""
        )
        node = Node(
            f"POO {month}: {len(persons)} persons × {fmt(rate.amount)}{note}",
            amount=amount,
            parameter=POO_RATE,
            value=rate.amount,
            reference=rate.reference_dict,
            period=month.range,
            count=len(persons),
            records=list(persons),
            text={
                "code": "poo_month",
                "month": str(month),
                "persons": len(persons),
                "rate": fmt(rate.amount),
                **({"without_right": without_right} if without_right else {}),
            },
        )
        lines.append(
            BoooLine(
                component="poo",
                amount=amount,
                month=month,
                persons=tuple(persons),
                quantity=len(persons),
                unit="person_months",
                rate=rate.amount,
                parameter=POO_RATE,
                reference=rate.reference_dict,
                description="Persons with a host and a provision in this month",
                text={"code": "poo_persons"},
                explanation=node,
            )
        )
    return lines


def _fixed_line(
    component: str,
    amount: Decimal,
    period: DateRange | None,
    month: Month | None,
    location: str | None,
    description: str,
    text: dict[str, Any],
) -> BoooLine:
    amount = round_cents(amount)
    reference = {"publication": BOOO_PUBLICATION, "article": ARTICLES[component]}
    note = NOTES.get(component)
    if note:
        description = f"{description}. {note}"
        text = {**text, "note": component}
    node = Node(
        f"{COMPONENT_LABELS[component]}: {description}",
        amount=amount,
        reference=reference,
        period=month.range if month else period,
        records=[location] if location else [],
        text={"code": "fixed_line", "component": component, "line": text},
    )
    return BoooLine(
        component=component,
        amount=amount,
        period=period,
        month=month,
        location=location,
        reference=reference,
        description=description,
        declared=component not in NOT_DECLARED,
        explanation=node,
        text=text,
    )
