"""Plugin registry for cost lines that other capabilities feed into the BooO
declaration (e.g. approved NGO invoices become "purchased services" lines).

A capability registers a function; the declaration asks every registered
source for the lines of one municipality and period. The declarations app
never imports the capabilities above it."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from openopvang.plugins import Registry


@dataclass(frozen=True)
class SourcedCostLine:
    category: str  # one of rules.engine.scenario.OTHER_COST_CATEGORIES, e.g. "purchased_services"
    amount: Decimal
    description: str
    evidence: str = ""
    month: datetime.date | None = None  # first day of the month the cost belongs to
    # Where the line comes from, for drill-down: {"type": "support.Invoice", "id": 12,
    # "url": "/support/invoices/12/"}.
    source: dict = field(default_factory=dict)


CostSource = Callable[[object, datetime.date, datetime.date], list[SourcedCostLine]]
cost_sources: Registry[CostSource] = Registry("cost source")


def register_cost_source(name: str):
    """Decorator: `@register_cost_source("support.invoices")` on a function
    (municipality, start, end) -> list[SourcedCostLine]."""
    return cost_sources.register(name)


def sourced_cost_lines(
    municipality, start: datetime.date, end: datetime.date
) -> list[SourcedCostLine]:
    lines: list[SourcedCostLine] = []
    for source in cost_sources.plugins():
        lines.extend(source(municipality, start, end))
    return lines


def sourced_cost_lines_many(
    municipalities, start: datetime.date, end: datetime.date
) -> dict[int, list[SourcedCostLine]]:
    """{municipality pk: sourced_cost_lines(municipality, start, end)} for many
    municipalities. A source that offers a batch form (a `many` attribute:
    (municipality pks, start, end) -> {pk: lines}) is asked once for all of
    them; any other source once per municipality. Same lines, same order."""
    by_pk = {getattr(m, "pk", m): m for m in municipalities}
    out: dict[int, list[SourcedCostLine]] = {pk: [] for pk in by_pk}
    for function in cost_sources.plugins():
        many = getattr(function, "many", None)
        if many is not None:
            found = many(list(by_pk), start, end)
            for pk, lines in out.items():
                lines.extend(found.get(pk, ()))
        else:
            for pk, municipality in by_pk.items():
                out[pk].extend(function(municipality, start, end))
    return out


# BooO art. 2 lid 1 sub b: leefgeld actually paid to persons in private reception.
# The payment runs know what was paid; they register the one provider.
PooLeefgeldSource = Callable[[object, datetime.date, datetime.date], Decimal | None]
# One provider: registering again replaces it.
poo_leefgeld_sources: Registry[PooLeefgeldSource] = Registry("POO leefgeld source")


def register_poo_leefgeld_source(function: PooLeefgeldSource) -> PooLeefgeldSource:
    return poo_leefgeld_sources.add("provider", function)


def paid_poo_leefgeld(municipality, start: datetime.date, end: datetime.date) -> Decimal | None:
    """What was paid as POO leefgeld in [start, end], or None when no payments
    are recorded on the platform (the sub b line is then left out)."""
    if "provider" not in poo_leefgeld_sources:
        return None
    return poo_leefgeld_sources.get("provider")(municipality, start, end)


def paid_poo_leefgeld_many(
    municipalities, start: datetime.date, end: datetime.date
) -> dict[int, Decimal | None]:
    """{municipality pk: paid_poo_leefgeld(municipality, start, end)}; one call
    for all of them when the provider offers a batch form (`many` attribute)."""
    by_pk = {getattr(m, "pk", m): m for m in municipalities}
    if "provider" not in poo_leefgeld_sources:
        return dict.fromkeys(by_pk)
    function = poo_leefgeld_sources.get("provider")
    many = getattr(function, "many", None)
    if many is not None:
        found = many(list(by_pk), start, end)
        return {pk: found.get(pk) for pk in by_pk}
    return {pk: function(municipality, start, end) for pk, municipality in by_pk.items()}
