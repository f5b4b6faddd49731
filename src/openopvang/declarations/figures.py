"""The figures of a declaration, as every face renders them: a live draft
(`compute()`) or a submitted version (`DeclarationData.from_declaration`),
with the same code for the screen, the exports and the API.

Money stays as the engine wrote it (strings with two decimals, rounded half-up
once per line); here it only becomes `Decimal` for display and sums. Texts
(component labels, line descriptions, explanations) are rendered from the
engine's codes in the viewer's language when the lines are read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from openopvang.parameters.services import current_parameters
from openopvang.registry.models import Location
from openopvang.registry.snapshots import parse_ref, ref
from openopvang.rules.engine.evaluate import evaluate
from openopvang.rules.engine.law import ARTICLES
from openopvang.rules.engine.parameters import ParameterSet
from openopvang.rules.engine.scenario import OTHER_COST_CATEGORIES

from .explanations import (
    NOT_CLAIMED_NOTES,
    explanation_groups,
    label,
    ordered_components,
    render_line_text,
    render_node,
)
from .inputs import BOOO_SECTIONS, build_input
from .sisa import COMPARISON_KEY

ZERO = Decimal("0.00")


def parameters_used(params: ParameterSet) -> list[dict]:
    """Every parameter with every value and reference in force at the time
    of computing (file values and administrators' values), so a stored
    version records what it was computed with (and can be reproduced
    offline: `ParameterSet.from_document` reads this list)."""
    return params.describe()


# -- the data every face renders ---------------------------------------------------------


@dataclass
class DeclarationData:
    municipality_code: str
    year: int
    scenario: dict
    result: dict
    parameters: list
    sources: list
    declaration: object = None  # the stored version, None for a live draft
    _lines: list | None = field(default=None, repr=False)
    _location_names: dict | None = field(default=None, repr=False)

    # -- constructors ----------------------------------------------------------
    @classmethod
    def from_declaration(cls, declaration) -> DeclarationData:
        return cls(
            declaration.municipality.code,
            declaration.year,
            declaration.scenario,
            declaration.result,
            declaration.parameters,
            declaration.sources,
            declaration,
        )

    # -- status ------------------------------------------------------------------
    @property
    def is_draft(self) -> bool:
        return self.declaration is None

    @property
    def version(self) -> int | None:
        return None if self.declaration is None else self.declaration.version

    @property
    def status(self) -> str:
        return "draft" if self.declaration is None else self.declaration.status

    @property
    def booo(self) -> dict:
        return self.result["booo"]

    @property
    def total(self) -> Decimal:
        return Decimal(self.booo["total"])

    # -- lines -----------------------------------------------------------------
    def lines(self) -> list[dict]:
        if self._lines is None:
            self._lines = _lines(self)
        return self._lines

    def line(self, index: int) -> dict | None:
        lines = self.lines()
        return lines[index] if 0 <= index < len(lines) else None

    def lines_for(self, component: str | None = None, month: str | None = None) -> list[dict]:
        out = self.lines()
        if component:
            out = [line for line in out if line["component"] == component]
        if month:
            out = [line for line in out if _in_month(line, month)]
        return out

    # -- totals --------------------------------------------------------------------
    def components(self) -> list[dict]:
        """One row per component that has lines: declared amount, amount only
        listed for accountability, quantity, legal reference."""
        rows = []
        for component in ordered_components(line["component"] for line in self.lines()):
            lines = self.lines_for(component)
            declared = sum((line["amount"] for line in lines if line["declared"]), ZERO)
            listed = sum((line["amount"] for line in lines if not line["declared"]), ZERO)
            quantity = sum(line["quantity"] or 0 for line in lines)
            rows.append(
                {
                    "component": component,
                    "label": label(component),
                    "article": ARTICLES.get(component, ""),
                    "not_claimed_note": str(NOT_CLAIMED_NOTES.get(component, "")),
                    "amount": declared,
                    "listed": listed,
                    "declared": any(line["declared"] for line in lines),
                    "quantity": quantity,
                    "unit": lines[0]["unit"],
                    "count": len(lines),
                }
            )
        return rows

    def months(self) -> list[dict]:
        return [
            {"month": month, "amount": Decimal(amount)}
            for month, amount in self.booo["by_month"].items()
        ]

    @property
    def not_by_month(self) -> Decimal:
        return Decimal(self.booo.get("not_by_month", "0.00"))

    @property
    def goo_place_days(self) -> int:
        return self.booo["goo"]["place_days"]

    @property
    def poo_person_months(self) -> int:
        return self.booo["poo"]["person_months"]

    def sisa(self) -> dict:
        """The SiSa A16 indicators of this declaration's year (declarations.sisa)."""
        from .sisa import sisa

        return sisa(self)

    # -- drill-down --------------------------------------------------------------
    def location_names(self) -> dict[str, str]:
        """L5 → the location's name now (a version stores only references)."""
        if self._location_names is None:
            ids = [parse_ref(loc["id"])[1] for loc in self.scenario.get("locations", [])]
            self._location_names = {
                ref("location", pk): name
                for pk, name in Location.objects.filter(pk__in=ids).values_list("pk", "name")
            }
        return self._location_names

    def scenario_location(self, location_ref: str) -> dict | None:
        for location in self.scenario.get("locations", []):
            if location["id"] == location_ref:
                return location
        return None


def _in_month(line: dict, month: str) -> bool:
    if line["month"]:
        return line["month"] == month
    if line["from"] and line["to"]:
        return line["from"][:7] <= month <= line["to"][:7]
    return False


def _lines(data: DeclarationData) -> list[dict]:
    explanations = explanation_groups(data.booo)
    names = data.location_names()
    seen: Counter = Counter()
    other = 0
    lines = []
    for index, raw in enumerate(data.booo["lines"]):
        component = raw["component"]
        nodes = explanations.get(component, [])
        position = seen[component]
        seen[component] += 1
        source = None
        if component in OTHER_COST_CATEGORIES:
            if other < len(data.sources):
                source = data.sources[other]
            other += 1
        lines.append(
            {
                **raw,
                "index": index,
                "label": label(component),
                "not_claimed_note": str(NOT_CLAIMED_NOTES.get(component, "")),
                "description": render_line_text(raw, names),
                "location_name": names.get(raw.get("location") or "", raw.get("location") or ""),
                "amount": Decimal(raw["amount"]),
                "rate": Decimal(raw["rate"]) if raw.get("rate") else None,
                "explanation": (
                    render_node(nodes[position], names) if position < len(nodes) else None
                ),
                "source": source,
            }
        )
    return lines


def compute(municipality, year: int, params: ParameterSet | None = None) -> DeclarationData:
    """The live draft. Raises the engine's RulesError (MissingParameter names
    the parameter and the day; ScenarioError names the field)."""
    params = params or current_parameters()
    scenario, sources = build_input(municipality, year)
    result = evaluate(scenario, explain=True, params=params, sections=BOOO_SECTIONS)
    if (scenario.get("policy") or {}).get("actual_cost_goo", {}).get("enabled"):
        # SiSa A16/02–03 compare the actual costs with the normbedrag over the
        # same days: keep the normbedrag of the whole year with the version.
        without = {
            **scenario,
            "policy": {k: v for k, v in scenario["policy"].items() if k != "actual_cost_goo"},
            "other_costs": [
                cost
                for cost in scenario.get("other_costs", [])
                if cost["category"] != "actual_cost_goo"
            ],
        }
        goo = evaluate(without, params=params, sections=BOOO_SECTIONS)["booo"]["goo"]
        result = {**result, COMPARISON_KEY: {"goo_normbedrag_whole_period": goo["amount"]}}
    return DeclarationData(
        municipality.code, year, scenario, result, parameters_used(params), sources
    )
