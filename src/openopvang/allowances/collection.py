"""The eigen bijdrage collection list of a month: engine amount → maatwerk
reduction → the municipal floor, per household."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from openopvang.parameters.services import current_parameters
from openopvang.registry.snapshots import build_scenarios, parse_ref, ref
from openopvang.rules.engine.dates import Month, first_of, last_of
from openopvang.rules.engine.eigen_bijdrage import Reduction
from openopvang.rules.engine.evaluate import evaluate_results
from openopvang.rules.engine.income_band import household_income
from openopvang.rules.engine.leefgeld import ScenarioIndex
from openopvang.rules.engine.money import CENT, ZERO
from openopvang.rules.engine.parameters import ParameterSet
from openopvang.rules.engine.scenario import parse_scenario

from .models import EigenBijdrageFloor, EigenBijdrageReduction
from .names import Names, flatten
from .policies import policy_of
from .reasons import render_node_label


@dataclass
class CollectionRow:
    household_ref: str
    name: str
    household_id: int | None
    charged: list[str]
    gross: Decimal
    reduction: Decimal
    reduction_reason: str
    cap: Decimal | None
    cap_note: str
    amount: Decimal
    explanation: list[tuple[int, str]]
    # The engine's figures behind the amount (the eigen bijdrage notice shows them):
    # the household income of the month, the income threshold from which the
    # eigen bijdrage is levied in full (None in a month without one) and the
    # amount after the threshold, before the maatwerk reduction and the floor.
    income: Decimal = ZERO
    threshold: Decimal | None = None
    levied: Decimal = ZERO


def _income_in_month(scenario, persons, month: Month) -> Decimal:
    """Σ monthly amount × days of the month the income covers ÷ days in the month."""
    exact = Decimal(0)
    for income in scenario.incomes:
        if income.person not in persons:
            continue
        overlap = income.range.intersection(month.range)
        if overlap is not None:
            exact += income.monthly_amount * overlap.days / month.days
    return exact.quantize(CENT)


def eigen_bijdrage_inputs(reductions) -> dict:
    """The evaluate() inputs for maatwerk reductions (EigenBijdrageReduction rows)."""
    return {
        "eigen_bijdrage": {
            "reductions": [
                Reduction(ref("household", r.household_id), Month.of(r.month), r.amount, r.reason)
                for r in reductions
            ]
        }
    }


def collection_list(
    municipality,
    month: datetime.date,
    params: ParameterSet | None = None,
    *,
    persons=None,
) -> tuple[list[CollectionRow], Decimal]:
    """The eigen bijdrage to collect for one month, per household, in order:
    engine amount (gross) → income threshold → maatwerk reduction (never below
    zero) → the floor of the municipal policy (`EigenBijdrageFloor`).
    `persons` (person pks, e.g. the members of one household) limits what is
    read and computed to them."""
    month = first_of(month)
    params = params or current_parameters()
    policy = policy_of(municipality)
    doc = build_scenarios(
        [municipality.pk],
        month,
        last_of(month),
        {municipality.pk: policy.policy()},
        persons=persons,
    )[municipality.pk]
    scenario = parse_scenario(doc)
    stored = EigenBijdrageReduction.objects.filter(municipality=municipality, month=month)
    if persons is not None:
        stored = stored.filter(household__memberships__person__in=persons).distinct()
    stored = list(stored)
    reductions = {ref("household", r.household_id): r for r in stored}
    result = evaluate_results(
        scenario, params, ("eigen_bijdrage",), inputs=eigen_bijdrage_inputs(stored)
    )["eigen_bijdrage"]
    equivalent: dict[str, Decimal] = {}
    if policy.eigen_bijdrage_floor == EigenBijdrageFloor.LEEFGELD_EQUIVALENT and result.households:
        without_income = parse_scenario({**doc, "incomes": []})
        leefgeld = evaluate_results(without_income, params, ("leefgeld",))["leefgeld"]
        for pm in leefgeld.person_months:
            equivalent[pm.household] = equivalent.get(pm.household, ZERO) + pm.amount
    names = Names.for_scenario(doc)
    index = None  # built once, for the household income of months without a threshold
    rows = []
    for hm in result.households:
        if not hm.gross and not hm.charged:
            continue
        after_reduction = hm.amount
        cap, note = None, ""
        if policy.eigen_bijdrage_floor == EigenBijdrageFloor.LEEFGELD_EQUIVALENT:
            income = _income_in_month(scenario, set(hm.persons), hm.month)
            keeps = equivalent.get(hm.household, ZERO)
            cap = max(ZERO, income - keeps)
            note = _("income %(income)s minus leefgeld equivalent %(keeps)s = at most %(cap)s") % {
                "income": f"{income:.2f}",
                "keeps": f"{keeps:.2f}",
                "cap": f"{cap:.2f}",
            }
        amount = min(after_reduction, cap) if cap is not None else after_reduction
        kind, pk = parse_ref(hm.household)
        reduction = reductions.get(hm.household)
        if hm.band is not None:
            household_in = hm.band.income
        else:
            index = index or ScenarioIndex(scenario)
            household_in = household_income(index, hm.household, hm.month.range, hm.month)[0]
        rows.append(
            CollectionRow(
                hm.household,
                names(hm.household.removeprefix("person:")),
                pk if kind == "household" else None,
                [names(p) for p in hm.charged],
                hm.gross,
                hm.levied - hm.amount if hm.reduction else ZERO,
                reduction.reason if reduction else "",
                cap,
                note,
                amount,
                [
                    (depth, names(label))
                    for depth, label in flatten(hm.explanation(), label=render_node_label)
                ],
                household_in,
                hm.band.threshold_eigen_bijdrage(hm.gross) if hm.band is not None else None,
                hm.levied,
            )
        )
    rows.sort(key=lambda r: r.name.lower())
    return rows, sum((r.amount for r in rows), ZERO)
