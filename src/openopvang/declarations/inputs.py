"""The input of a declaration: the scenario document of one municipality for
one calendar year (registry snapshot + the finance officer's cost lines +
lines other capabilities feed in through `cost_sources`) and the source of
each other-cost line, in the engine's order."""

from __future__ import annotations

from django.urls import reverse

from openopvang.registry.snapshots import build_scenario, ref

from .cost_sources import paid_poo_leefgeld, sourced_cost_lines
from .models import CostLine, YearSettings
from .years import year_period

# The declaration runs the BooO section only: sub b (POO leefgeld) is what was
# actually paid, which the payment runs supply, not a fresh leefgeld computation.
BOOO_SECTIONS = ("booo",)


def _cost_entry(line) -> dict:
    """A cost line (own or sourced) as the scenario's ``other_costs`` entry."""
    entry = {
        "category": line.category,
        "amount": str(line.amount),
        "description": line.description,
    }
    if line.evidence:
        entry["evidence"] = line.evidence
    if line.month:
        entry["month"] = line.month.strftime("%Y-%m")
    return entry


def _own_cost_entries(lines, location_ids: set[str]) -> list[tuple[dict, dict]]:
    out = []
    for line in lines:
        entry = _cost_entry(line)
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
    return [(_cost_entry(line), dict(line.source)) for line in lines]


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


def with_paid_leefgeld(policy: dict, paid) -> dict:
    if paid is not None and "leefgeld_paid_poo" not in policy:
        policy = {**policy, "leefgeld_paid_poo": str(paid)}
    return policy


def policy_with_paid_leefgeld(municipality, year: int, policy: dict) -> dict:
    start, end = year_period(year)
    return with_paid_leefgeld(policy, paid_poo_leefgeld(municipality, start, end))


def build_input(municipality, year: int) -> tuple[dict, list[dict]]:
    start, end = year_period(year)
    scenario = build_scenario(
        municipality,
        start,
        end,
        policy_with_paid_leefgeld(municipality, year, policy_for(municipality, year)),
        booo_only=True,
    )
    own = CostLine.objects.filter(municipality=municipality, year=year).select_related("location")
    sources = add_other_costs(scenario, own, sourced_cost_lines(municipality, start, end))
    return scenario, sources
