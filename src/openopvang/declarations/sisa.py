"""The SiSa indicators of a declaration (single information, single audit):
the figures a municipality accounts for under SiSa code A16 in its annual
accounts, per year.

The indicator set is dated data (``sisa.yaml``: the SiSa years each set is
confirmed for, its source, and which declaration components make each
indicator). A year without a confirmed set gets the latest confirmed set,
marked as not confirmed for that year: later SiSa years may renumber."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import get_language

ZERO = Decimal("0.00")
SOURCE = Path(__file__).with_name("sisa.yaml")
RULES = (
    "goo_normbedrag_whole_year",
    "actual_cost_above_normbedrag",
    "actual_cost_below_normbedrag",
)
# What the declaration stores so that A16/02–03 can be computed from a frozen
# version: the GOO normbedrag over the whole year as if the exception were not
# chosen (declarations.figures.compute writes it).
COMPARISON_KEY = "sisa_comparison"


@dataclass(frozen=True)
class IndicatorSet:
    code: str
    confirmed_for: tuple[int, ...]
    source: dict
    indicators: tuple[dict, ...]


@cache
def indicator_sets() -> tuple[IndicatorSet, ...]:
    document = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    sets = []
    for raw in document["sets"]:
        for indicator in raw["indicators"]:
            if "rule" in indicator and indicator["rule"] not in RULES:
                raise ValueError(f"{indicator['id']}: unknown rule {indicator['rule']!r}")
        sets.append(
            IndicatorSet(
                raw["code"],
                tuple(raw["confirmed_for"]),
                raw["source"],
                tuple(raw["indicators"]),
            )
        )
    return tuple(sets)


def indicator_set(year: int) -> tuple[IndicatorSet, bool]:
    """(the set for SiSa year `year`, whether it is confirmed for that year)."""
    sets = indicator_sets()
    for candidate in sets:
        if year in candidate.confirmed_for:
            return candidate, True
    # The latest confirmed set, not confirmed for this year.
    return max(sets, key=lambda s: max(s.confirmed_for)), False


def _label(indicator: dict) -> str:
    language = (get_language() or "en")[:2]
    labels = indicator["label"]
    return labels.get(language) or labels["en"]


def _declared(data, component: str) -> Decimal:
    return sum((line["amount"] for line in data.lines_for(component) if line["declared"]), ZERO)


def _normbedrag_over_actual_days(data) -> Decimal | None:
    """The GOO normbedrag over the days claimed at actual cost, or None when the
    version holds no comparison (the exception not chosen, or stored before)."""
    comparison = data.result.get(COMPARISON_KEY) or {}
    full = comparison.get("goo_normbedrag_whole_period")
    if full is None:
        return None
    return Decimal(full) - _declared(data, "goo")


def _value(indicator: dict, data) -> Decimal | None:
    rule = indicator.get("rule")
    if rule is None:
        if indicator.get("not_recorded"):
            return None
        return sum((_declared(data, c) for c in indicator.get("components", [])), ZERO)
    if rule == "goo_normbedrag_whole_year":
        comparison = data.result.get(COMPARISON_KEY) or {}
        whole = comparison.get("goo_normbedrag_whole_period")
        return _declared(data, "goo") if whole is None else Decimal(whole)
    actual = _declared(data, "actual_cost_goo")
    normbedrag = _normbedrag_over_actual_days(data)
    if normbedrag is None:
        return ZERO if not actual else None
    difference = actual - normbedrag
    if rule == "actual_cost_above_normbedrag":
        return max(ZERO, difference)
    return max(ZERO, -difference)


def mapped_components() -> set[str]:
    out = {"actual_cost_goo"}  # read by the A16/02–03 rules
    for indicator_set_ in indicator_sets():
        for indicator in indicator_set_.indicators:
            out.update(indicator.get("components", []))
    return out


def sisa(data) -> dict:
    """The SiSa figures of a declaration (`DeclarationData`) for its year:
    {"code", "year", "confirmed", "source", "rows": [{"id", "label", "amount"
    (None: not recorded / not computable), "not_recorded"}], "unmapped":
    [components with declared amounts but no confirmed indicator]}."""
    chosen, confirmed = indicator_set(data.year)
    rows = [
        {
            "id": indicator["id"],
            "label": _label(indicator),
            "amount": _value(indicator, data),
            "not_recorded": bool(indicator.get("not_recorded")),
        }
        for indicator in chosen.indicators
    ]
    mapped = mapped_components()
    unmapped = [
        row for row in data.components() if row["component"] not in mapped and row["amount"]
    ]
    return {
        "code": chosen.code,
        "year": data.year,
        "confirmed": confirmed,
        "confirmed_for": chosen.confirmed_for,
        "source": chosen.source,
        "rows": rows,
        "unmapped": unmapped,
    }
