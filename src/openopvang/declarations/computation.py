"""From the registry to a declaration and back: one door into the rules engine.

`compute()` builds the scenario document of one municipality for one calendar
year (registry snapshot + the finance officer's cost lines + lines other
capabilities feed in through `cost_sources`), evaluates it with the effective
parameters and returns a `DeclarationData`. A submitted `Declaration` holds the
same three documents, so the screen, the exports and the API render a draft and
a frozen version with the same code (`DeclarationData.from_declaration`).

Money stays as the engine wrote it (strings with two decimals, rounded half-up
once per line); here it only becomes `Decimal` for display and sums."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openopvang.parameters.services import current_parameters
from openopvang.registry.snapshots import build_scenario, build_scenarios, parse_ref, ref
from openopvang.rules.engine.booo import COMPONENT_LABELS, LEGAL_BASIS
from openopvang.rules.engine.evaluate import evaluate
from openopvang.rules.engine.parameters import ParameterSet
from openopvang.rules.engine.scenario import OTHER_COST_CATEGORIES

from .cost_sources import (
    paid_poo_leefgeld,
    paid_poo_leefgeld_many,
    sourced_cost_lines,
    sourced_cost_lines_many,
)
from .models import CostLine, YearSettings

ZERO = Decimal("0.00")
COMPONENTS = tuple(COMPONENT_LABELS)  # the engine's order: goo, poo, poo_leefgeld, …
LABELS = {
    "goo": _("GOO normbedrag (sub a)"),
    "poo": _("POO normbedrag (sub c and d)"),
    "poo_leefgeld": _("POO leefgeld at actual cost (sub b)"),
    "transition": _("Transition costs (sub e, on application)"),
    "purchased_services": _("Purchased services (within sub a)"),
    "actual_hotel_ship_catering": _("Hotels, ships and catering at actual cost"),
    "actual_cost_goo": _("GOO at actual cost (art. 3 lid 2)"),
}
ARTICLES = {"goo": "BooO art. 2 lid 1 sub a", "poo": "BooO art. 2 lid 1 sub c en d", **LEGAL_BASIS}
BOOO_PUBLICATION = "Bekostigingsregeling opvang ontheemden Oekraïne, Stcrt. 2022, 15021"


GRANT_START = datetime.date(2022, 3, 1)  # BooO: spendable from 1 March 2022


# The declaration runs the BooO section only: sub b (POO leefgeld) is what was
# actually paid, which the payment runs supply, not a fresh leefgeld computation.
BOOO_SECTIONS = ("booo",)


def year_period(year: int) -> tuple[datetime.date, datetime.date]:
    """The calendar year, inclusive; 2022 starts on 1 March, when the grant
    became spendable (no rate exists before it)."""
    return max(datetime.date(year, 1, 1), GRANT_START), datetime.date(year, 12, 31)


def label(component: str) -> str:
    return str(LABELS.get(component, component))


# -- building the input ---------------------------------------------------------------


def _own_cost_entries(lines, location_ids: set[str]) -> list[tuple[dict, dict]]:
    out = []
    for line in lines:
        entry = {
            "category": line.category,
            "amount": str(line.amount),
            "description": line.description,
        }
        if line.evidence:
            entry["evidence"] = line.evidence
        if line.month:
            entry["month"] = line.month.strftime("%Y-%m")
        source = {
            "type": "declarations.CostLine",
            "id": line.pk,
            "url": reverse("declarations:cost_line_update", args=[line.pk]),
        }
        if line.location_id:
            location_ref = ref("location", line.location_id)
            source["location"] = line.location_id
            if location_ref in location_ids:
                entry["location"] = location_ref
            else:  # not open in the year: keep the name in the text
                entry["description"] = f"{line.description} ({line.location})"
        out.append((entry, source))
    return out


def _sourced_entries(lines) -> list[tuple[dict, dict]]:
    out = []
    for line in lines:
        entry = {
            "category": line.category,
            "amount": str(line.amount),
            "description": line.description,
        }
        if line.evidence:
            entry["evidence"] = line.evidence
        if line.month:
            entry["month"] = line.month.strftime("%Y-%m")
        out.append((entry, dict(line.source)))
    return out


def add_other_costs(scenario: dict, own_lines, sourced) -> list[dict]:
    """Append the cost lines to `scenario["other_costs"]`; returns their
    sources in the same order (the engine keeps that order in its lines)."""
    location_ids = {location["id"] for location in scenario["locations"]}
    entries = _own_cost_entries(own_lines, location_ids) + _sourced_entries(sourced)
    scenario["other_costs"] = [entry for entry, _source in entries]
    return [source for _entry, source in entries]


def policy_for(municipality, year: int) -> dict:
    settings = YearSettings.objects.filter(municipality=municipality, year=year).first()
    return settings.policy() if settings else {}


def _with_paid_leefgeld(policy: dict, paid) -> dict:
    if paid is not None and "leefgeld_paid_poo" not in policy:
        policy = {**policy, "leefgeld_paid_poo": str(paid)}
    return policy


def policy_with_paid_leefgeld(municipality, year: int, policy: dict) -> dict:
    start, end = year_period(year)
    return _with_paid_leefgeld(policy, paid_poo_leefgeld(municipality, start, end))


def build_input(municipality, year: int) -> tuple[dict, list[dict]]:
    start, end = year_period(year)
    scenario = build_scenario(municipality, start, end, policy_with_paid_leefgeld(
        municipality, year, policy_for(municipality, year)), booo_only=True)
    own = CostLine.objects.filter(municipality=municipality, year=year).select_related("location")
    sources = add_other_costs(scenario, own, sourced_cost_lines(municipality, start, end))
    return scenario, sources


def parameters_used(params: ParameterSet) -> list[dict]:
    """Every parameter with every value and reference in force at the time
    of computing (file values and administrators' values), so a stored
    version records what it was computed with."""
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
        for component in _ordered(line["component"] for line in self.lines()):
            lines = self.lines_for(component)
            declared = sum((line["amount"] for line in lines if line["declared"]), ZERO)
            listed = sum((line["amount"] for line in lines if not line["declared"]), ZERO)
            quantity = sum(line["quantity"] or 0 for line in lines)
            rows.append(
                {
                    "component": component,
                    "label": label(component),
                    "article": ARTICLES.get(component, ""),
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

    # -- drill-down --------------------------------------------------------------
    def scenario_location(self, location_ref: str) -> dict | None:
        for location in self.scenario.get("locations", []):
            if location["id"] == location_ref:
                return location
        return None


def _ordered(components) -> list[str]:
    present = set(components)
    return [c for c in COMPONENTS if c in present] + sorted(present - set(COMPONENTS))


def _in_month(line: dict, month: str) -> bool:
    if line["month"]:
        return line["month"] == month
    if line["from"] and line["to"]:
        return line["from"][:7] <= month <= line["to"][:7]
    return False


def _explanations(booo: dict) -> dict[str, list[dict]]:
    """Explanation nodes per component, in line order: the engine's tree has
    one group per component (in COMPONENT_LABELS order) holding one node per line."""
    tree = booo.get("explanation") or {}
    groups = list(tree.get("children", []))
    by_label = {group["label"]: group for group in groups}
    out: dict[str, list[dict]] = {}
    for component, engine_label in COMPONENT_LABELS.items():
        group = by_label.get(engine_label)
        if group is not None:
            out[component] = list(group.get("children", []))
    return out


def _lines(data: DeclarationData) -> list[dict]:
    explanations = _explanations(data.booo)
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
                "amount": Decimal(raw["amount"]),
                "rate": Decimal(raw["rate"]) if raw.get("rate") else None,
                "explanation": nodes[position] if position < len(nodes) else None,
                "source": source,
            }
        )
    return lines


# -- computing ------------------------------------------------------------------------


def compute(municipality, year: int, params: ParameterSet | None = None) -> DeclarationData:
    """The live draft. Raises the engine's RulesError (MissingParameter names
    the parameter and the day; ScenarioError names the field)."""
    params = params or current_parameters()
    scenario, sources = build_input(municipality, year)
    result = evaluate(scenario, explain=True, params=params, sections=BOOO_SECTIONS)
    return DeclarationData(
        municipality.code, year, scenario, result, parameters_used(params), sources
    )


def line_key(line: dict) -> tuple:
    """What identifies "the same line" across versions."""
    source = line.get("source") or {}
    if source.get("type") and source.get("id") is not None:
        return ("source", source["type"], source["id"])
    return (
        line["component"],
        line.get("location"),
        line.get("month"),
        line.get("from"),
        line.get("rate"),
    )


def diff(old: DeclarationData, new: DeclarationData) -> dict:
    """Per component and per line: old → new amounts (only what changed)."""
    old_components = {row["component"]: row["amount"] for row in old.components()}
    new_components = {row["component"]: row["amount"] for row in new.components()}
    components = []
    for component in _ordered(set(old_components) | set(new_components)):
        before = old_components.get(component, ZERO)
        after = new_components.get(component, ZERO)
        if before != after:
            components.append(
                {
                    "component": component,
                    "label": label(component),
                    "old": before,
                    "new": after,
                    "delta": after - before,
                }
            )

    def keyed(data):
        counts: Counter = Counter()
        out = {}
        for line in data.lines():
            key = line_key(line)
            out[(key, counts[key])] = line
            counts[key] += 1
        return out

    old_lines, new_lines = keyed(old), keyed(new)
    lines = []
    for key in list(old_lines) + [k for k in new_lines if k not in old_lines]:
        before, after = old_lines.get(key), new_lines.get(key)
        old_amount = before["amount"] if before else None
        new_amount = after["amount"] if after else None
        if old_amount == new_amount and (before or {}).get("quantity") == (after or {}).get(
            "quantity"
        ):
            continue
        shown = after or before
        lines.append(
            {
                "component": shown["component"],
                "label": label(shown["component"]),
                "description": shown["description"],
                "location": shown.get("location"),
                "month": shown.get("month"),
                "from": shown.get("from"),
                "to": shown.get("to"),
                "old": old_amount,
                "new": new_amount,
                "old_quantity": before.get("quantity") if before else None,
                "new_quantity": after.get("quantity") if after else None,
                "delta": (new_amount or ZERO) - (old_amount or ZERO),
            }
        )
    return {
        "components": components,
        "lines": lines,
        "old_total": old.total,
        "new_total": new.total,
        "delta": new.total - old.total,
    }


# -- national totals (no personal data) ------------------------------------------------


def municipalities_with_data(year: int) -> list[int]:
    from django.db.models import Q

    from openopvang.registry.models import Location, Placement

    start, end = year_period(year)
    overlap = Q(start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gte=start))
    ids = set(
        Location.objects.filter(opened_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .values_list("municipality_id", flat=True)
    )
    ids |= set(Placement.objects.filter(overlap).values_list("municipality_id", flat=True))
    ids |= set(CostLine.objects.filter(year=year).values_list("municipality_id", flat=True))
    return sorted(ids)


def _row_from(code: str, name: str, booo: dict, status: str, version: int | None) -> dict:
    return {
        "code": code,
        "name": name,
        "status": status,
        "version": version,
        "goo_place_days": booo["goo"]["place_days"],
        "poo_person_months": booo["poo"]["person_months"],
        "by_component": dict(booo["by_component"]),
        "total": booo["total"],
        "error": "",
    }


def national_rows(
    year: int, *, chunk: int = 50, progress=None, params: ParameterSet | None = None
) -> list[dict]:
    """Totals per municipality with data in `year`: the latest submitted
    version where one exists (marked as such), else computed live. Scenarios
    are built `chunk` municipalities per query round. A municipality whose
    computation fails gets its error on its row; the others carry on."""
    from openopvang.accounts.models import Organisation
    from openopvang.rules.engine.errors import RulesError

    from .models import Declaration

    params = params or current_parameters()
    start, end = year_period(year)
    organisations = {
        o.pk: o for o in Organisation.objects.filter(pk__in=municipalities_with_data(year))
    }
    latest = {}
    for declaration in Declaration.objects.filter(year=year).order_by("municipality_id", "version"):
        latest[declaration.municipality_id] = declaration
    rows = []
    for pk in list(latest):
        if pk not in organisations:
            organisations[pk] = latest[pk].municipality
    todo = sorted(pk for pk in organisations if pk not in latest)
    for pk, declaration in latest.items():
        organisation = organisations[pk]
        rows.append(
            _row_from(
                organisation.code,
                organisation.name,
                declaration.result["booo"],
                "submitted",
                declaration.version,
            )
        )
    done = len(rows)
    total_count = len(organisations)
    if progress:
        progress(done, total_count)
    settings = {
        (s.municipality_id): s.policy()
        for s in YearSettings.objects.filter(year=year, municipality_id__in=todo)
    }
    cost_lines = defaultdict(list)
    for line in CostLine.objects.filter(year=year, municipality_id__in=todo).select_related(
        "location"
    ):
        cost_lines[line.municipality_id].append(line)
    for offset in range(0, len(todo), chunk):
        ids = todo[offset : offset + chunk]
        # What other capabilities feed in, asked once per chunk rather than per municipality.
        paid = paid_poo_leefgeld_many([organisations[pk] for pk in ids], start, end)
        sourced = sourced_cost_lines_many([organisations[pk] for pk in ids], start, end)
        documents = build_scenarios(
            ids, start, end,
            {pk: _with_paid_leefgeld(settings.get(pk, {}), paid[pk]) for pk in ids},
            booo_only=True,
        )
        for pk in ids:
            organisation = organisations[pk]
            scenario = documents[pk]
            add_other_costs(scenario, cost_lines.get(pk, []), sourced[pk])
            try:
                result = evaluate(scenario, params=params, sections=BOOO_SECTIONS)
            except RulesError as error:
                rows.append(
                    {
                        "code": organisation.code,
                        "name": organisation.name,
                        "status": "error",
                        "version": None,
                        "goo_place_days": None,
                        "poo_person_months": None,
                        "by_component": {},
                        "total": None,
                        "error": str(error),
                    }
                )
                continue
            rows.append(
                _row_from(organisation.code, organisation.name, result["booo"], "computed", None)
            )
        done += len(ids)
        if progress:
            progress(done, total_count)
    rows.sort(key=lambda row: row["name"])
    return rows


__all__ = ["DeclarationData", "compute", "diff", "national_rows", "parse_ref"]
