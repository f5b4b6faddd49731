"""National totals per municipality (no personal data): the latest
submitted version where one exists, else computed live, in chunks."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q

from openopvang.parameters.services import current_parameters
from openopvang.registry.models import Location, Placement
from openopvang.registry.snapshots import build_scenarios
from openopvang.rules.engine.evaluate import evaluate
from openopvang.rules.engine.parameters import ParameterSet

from .cost_sources import paid_poo_leefgeld_many, sourced_cost_lines_many
from .inputs import BOOO_SECTIONS, add_other_costs, with_paid_leefgeld
from .models import CostLine, YearSettings
from .years import year_period


def municipalities_with_data(year: int) -> list[int]:
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
    from openopvang.rules.engine.errors import MissingParameter, RulesError

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
            ids,
            start,
            end,
            {pk: with_paid_leefgeld(settings.get(pk, {}), paid[pk]) for pk in ids},
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
                        # Shown through parameters' missing_parameter_message tag.
                        **(
                            {"error_parameter": error.name, "error_day": error.day.isoformat()}
                            if isinstance(error, MissingParameter)
                            else {}
                        ),
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
