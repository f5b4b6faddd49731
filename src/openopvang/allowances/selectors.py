"""Reads, always scoped to the caller's organisation (core.scoping), and the
figures other capabilities ask of allowances."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Sum

from openopvang.core.permissions import finance_municipality
from openopvang.parameters.services import current_parameters
from openopvang.registry.models import HouseholdMembership, Person
from openopvang.registry.snapshots import build_scenarios, parse_ref, ref
from openopvang.rules.engine.dates import Month, add_months, first_of, last_of
from openopvang.rules.engine.evaluate import evaluate_results
from openopvang.rules.engine.leefgeld import COMPONENTS
from openopvang.rules.engine.money import ZERO, cents
from openopvang.rules.engine.parameters import ParameterSet

from .collection import eigen_bijdrage_inputs
from .ledger import paid_by_month, paid_totals
from .models import EigenBijdrageReduction, PaymentLine, PaymentMethod, PaymentRun, RunStatus
from .names import Names, flatten
from .policies import policy_of
from .reasons import render_reason


def own_municipality(user):
    """The municipality whose money the user works on (core.permissions:
    404 outside a municipality, 403 for a role other than finance)."""
    return finance_municipality(user)


def payment_runs(user):
    return PaymentRun.objects.for_user(user).select_related(
        "municipality", "prepared_by", "approved_by", "created_by"
    )


def run_items(run: PaymentRun):
    lines = PaymentLine.objects.select_related("person")
    return run.items.select_related("payee", "household").prefetch_related(Prefetch("lines", lines))


def reductions(user, month: datetime.date | None = None):
    queryset = EigenBijdrageReduction.objects.for_user(user).select_related("household")
    if month is not None:
        queryset = queryset.filter(month=month.replace(day=1))
    return queryset


def paid_lines_for_household(user, household_ref: str, start: datetime.date, end: datetime.date):
    return PaymentLine.objects.for_user(user).filter(
        run__status=RunStatus.APPROVED,
        household_ref=household_ref,
        month__gte=start,
        month__lte=end,
    )


def paid_poo_leefgeld(municipality, start: datetime.date, end: datetime.date) -> Decimal:
    """Leefgeld actually paid for days with a host (POO) in approved runs, for
    months in [start, end] — BooO art. 2 lid 1 sub b at actual cost.
    Corrections count in the month they correct. Decimal("0.00") when nothing
    was paid through the platform (see `has_approved_runs`)."""
    return paid_totals(municipality, start, end)[1]


def has_approved_runs(municipality, start: datetime.date, end: datetime.date) -> bool:
    """Whether leefgeld for months in [start, end] was paid through the
    platform: only then should a declaration use `paid_poo_leefgeld` instead
    of the engine's computed POO share."""
    return (
        PaymentRun.objects.filter(
            municipality=municipality,
            status=RunStatus.APPROVED,
            month__gte=start.replace(day=1),
            month__lte=end,
        ).exists()
        or PaymentLine.objects.filter(
            run__municipality=municipality,
            run__status=RunStatus.APPROVED,
            month__gte=start.replace(day=1),
            month__lte=end,
        ).exists()
    )


def paid_poo_leefgeld_by_municipality(
    municipality_ids, start: datetime.date, end: datetime.date
) -> dict[int, Decimal | None]:
    """`paid_poo_leefgeld` for many municipalities at once, None for those
    without approved runs for months in [start, end] (`has_approved_runs`):
    {municipality pk: Decimal | None}, in three queries for any number."""
    ids = list(municipality_ids)
    first = start.replace(day=1)
    with_runs = set(
        PaymentRun.objects.filter(
            municipality_id__in=ids,
            status=RunStatus.APPROVED,
            month__gte=first,
            month__lte=end,
        )
        .values_list("municipality_id", flat=True)
        .distinct()
    )
    lines = PaymentLine.objects.filter(
        run__municipality_id__in=ids,
        run__status=RunStatus.APPROVED,
        month__gte=first,
        month__lte=end,
    )
    with_runs.update(lines.values_list("run__municipality_id", flat=True).distinct())
    poo = dict(
        lines.values_list("run__municipality_id")
        .annotate(poo=Sum("poo_amount"))
        .values_list("run__municipality_id", "poo")
        .order_by()
    )
    return {pk: cents(poo.get(pk)) if pk in with_runs else None for pk in ids}


# -- the person page ---------------------------------------------------------------------


@dataclass
class PersonMonthRow:
    name: str
    person_id: int | None
    amounts: dict[str, Decimal]
    total: Decimal
    explanation: list[tuple[int, str]]


@dataclass
class HouseholdMonthView:
    month: datetime.date
    persons: list[PersonMonthRow]
    not_placed: list[str]
    leefgeld: Decimal
    paid: Decimal | None
    eigen_bijdrage: Decimal
    eigen_bijdrage_explanation: list[tuple[int, str]]
    income_band: str = ""  # the income threshold of the month, in the reader's language


def household_ref_of(person: Person, day: datetime.date) -> tuple[str, str, list[Person]]:
    """The person's household on `day` (or the latest one before it): its
    reference, name and members; a person in no household is one on their own."""
    membership = (
        HouseholdMembership.objects.filter(person=person, start_date__lte=day)
        .select_related("household")
        .order_by("-start_date")
        .first()
    )
    if membership is None:
        return f"person:{ref('person', person.pk)}", person.full_name, [person]
    household = membership.household
    members = [
        m.person
        for m in household.memberships.select_related("person").order_by("start_date", "person_id")
    ]
    return ref("household", household.pk), household.name, list(dict.fromkeys(members))


def household_scenario(
    person: Person,
    start: datetime.date,
    end: datetime.date,
    policy=None,
    day: datetime.date | None = None,
) -> tuple[str, str, list[Person], dict]:
    """The scenario of the person's household alone (its members' placements,
    memberships and incomes), for [start, end]: (household ref, name, members,
    scenario document)."""
    household_ref, household_name, members = household_ref_of(person, day or end)
    policy = policy or policy_of(person.municipality)
    doc = build_scenarios(
        [person.municipality_id],
        start,
        end,
        {person.municipality_id: policy.policy()},
        persons=[m.pk for m in members],
    )[person.municipality_id]
    return household_ref, household_name, members, doc


def _income_band_text(leefgeld, eigen, household_ref: str, month: datetime.date) -> str:
    """The household's income threshold of the month as text ("" when none applies)."""
    key = (household_ref, Month.of(month))
    band = leefgeld.bands.get(key)
    hm = next((h for h in eigen.households if (h.household, h.month) == key), None)
    if band is None and hm is not None:
        band = hm.band
    if band is None:
        return ""
    return render_reason(band.code(hm.gross if hm is not None else None))


def person_allowances(
    user, person: Person, today: datetime.date, months: int = 3, params: ParameterSet | None = None
) -> dict:
    """Leefgeld and eigen bijdrage of the person's household for the current and
    previous months, with the engine's explanation in plain words (names instead
    of references), and what approved runs paid. Only that household is read and
    computed. {"hidden": True} for a person outside the user's municipality."""
    organisation = getattr(user, "organisation", None)
    if organisation is None or organisation.pk != person.municipality_id:
        return {"hidden": True}
    params = params or current_parameters()
    current = first_of(today)
    start = add_months(current, -(months - 1))
    policy = policy_of(person.municipality)
    household_ref, household_name, members, doc = household_scenario(
        person, start, last_of(current), policy, today
    )
    stored = (
        list(
            EigenBijdrageReduction.objects.filter(
                household_id=parse_ref(household_ref)[1],
                month__gte=start,
            )
        )
        if household_ref.startswith("H")
        else []
    )
    results = evaluate_results(
        doc, params, ("leefgeld", "eigen_bijdrage"), inputs=eigen_bijdrage_inputs(stored)
    )
    leefgeld, eigen = results["leefgeld"], results["eigen_bijdrage"]
    names = Names.for_scenario(doc)
    paid = paid_by_month(person.municipality_id, household_ref, start)
    member_refs = {ref("person", m.pk): m for m in members}
    views = []
    month = current
    while month >= start:
        pms = [
            pm
            for pm in leefgeld.person_months
            if pm.household == household_ref and pm.month.first == month
        ]
        rows = [
            PersonMonthRow(
                names(pm.person),
                parse_ref(pm.person)[1],
                {c: pm.lines[c].amount for c in COMPONENTS},
                pm.amount,
                [(depth, names(label)) for depth, label in flatten(pm.explanation())],
            )
            for pm in pms
        ]
        seen = {pm.person for pm in pms}
        not_placed = [m.full_name for key, m in member_refs.items() if key not in seen]
        hm = next(
            (
                h
                for h in eigen.households
                if h.household == household_ref and h.month.first == month
            ),
            None,
        )
        views.append(
            HouseholdMonthView(
                month,
                rows,
                not_placed,
                sum((r.total for r in rows), ZERO),
                paid.get(month),
                hm.amount if hm else ZERO,
                [(d, names(label)) for d, label in flatten(hm.explanation())] if hm else [],
                _income_band_text(leefgeld, eigen, household_ref, month),
            )
        )
        month = add_months(month, -1)
    return {
        "household_ref": household_ref,
        "household_name": household_name,
        "rule": leefgeld.rule,
        "months": views,
        "policy": policy,
        "scenario": doc,
    }


# -- the eigen bijdrage notice (a letter) ---------------------------------------------------


@dataclass
class EigenBijdrageNotice:
    """A household's eigen bijdrage of one month as the collection list has
    it, with the figures a letter explains: household income, the income
    threshold (None in a month without one), the gross amount, what is
    charged and why, as reason codes in order (see NOTICE_REASONS)."""

    month: datetime.date
    household_ref: str
    household_name: str
    income: Decimal
    threshold: Decimal | None
    gross: Decimal
    levied: Decimal
    reduction: Decimal
    cap: Decimal | None
    charged: Decimal
    reasons: list[str]


# Why the amount charged is what it is, one code per step that applies:
NOTICE_REASONS = (
    "none",  # nobody in the household is charged this month
    "in_full",  # at or above the threshold: the full amount
    "no_threshold",  # no income threshold applies this month: the full amount
    "threshold",  # below the threshold: part of the amount, or nothing
    "reduction",  # a maatwerk reduction by the municipality
    "floor",  # at most the income minus the leefgeld without income (municipal floor)
)


def eigen_bijdrage_notice(
    user, person: Person, month: datetime.date, params: ParameterSet | None = None
) -> EigenBijdrageNotice | None:
    """The eigen bijdrage of the person's household for `month`, from the
    collection list of that household alone (engine → threshold → reduction →
    floor). None for a person outside the user's municipality."""
    from .collection import collection_list

    organisation = getattr(user, "organisation", None)
    if organisation is None or organisation.pk != person.municipality_id:
        return None
    month = first_of(month)
    household_ref, household_name, members = household_ref_of(person, last_of(month))
    rows, _total = collection_list(
        person.municipality, month, params, persons=[m.pk for m in members]
    )
    row = next((r for r in rows if r.household_ref == household_ref), None)
    if row is None or not row.gross:
        return EigenBijdrageNotice(
            month,
            household_ref,
            household_name,
            row.income if row is not None else ZERO,
            None,
            ZERO,
            ZERO,
            ZERO,
            None,
            ZERO,
            ["none"],
        )
    reasons = []
    if row.threshold is None:
        reasons.append("no_threshold")
    elif row.levied < row.gross:
        reasons.append("threshold")
    else:
        reasons.append("in_full")
    if row.reduction:
        reasons.append("reduction")
    after_reduction = max(ZERO, row.levied - row.reduction)
    if row.cap is not None and row.amount < after_reduction:
        reasons.append("floor")
    return EigenBijdrageNotice(
        month,
        household_ref,
        household_name,
        row.income,
        row.threshold,
        row.gross,
        row.levied,
        row.reduction,
        row.cap,
        row.amount,
        reasons,
    )


def run_summary(run: PaymentRun) -> dict:
    """The totals a finance officer checks before approving or deleting a
    run: households and amounts per payment method, and the corrections."""
    by_method = {
        row["method"]: row
        for row in run.items.values("method").annotate(count=Count("id"), amount=Sum("amount"))
    }
    rows = [
        {
            "method": method,
            "label": label,
            "count": by_method.get(method, {}).get("count", 0),
            "amount": by_method.get(method, {}).get("amount") or ZERO,
        }
        for method, label in PaymentMethod.choices
        if method in by_method
    ]
    return {
        "households": sum(row["count"] for row in rows),
        "methods": rows,
        "corrections": run.lines.filter(kind="correction").count(),
    }
