"""What approved runs paid: the ledger a run subtracts (a person-month-component
is paid once), and the totals a declaration reads back."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from openopvang.rules.engine.dates import first_of
from openopvang.rules.engine.money import cents

from .models import PaymentLine, RunStatus

Key = tuple[str, str, datetime.date, str]  # household ref, person ref, month, component


def paid_ledger(
    municipality_ids, start: datetime.date, end: datetime.date, exclude_run: int | None = None
) -> dict[int, dict[Key, tuple[Decimal, Decimal]]]:
    """{municipality pk: {key: (paid, of which POO)}} over approved runs, for
    months in [start, end]."""
    query = PaymentLine.objects.filter(
        run__municipality_id__in=municipality_ids,
        run__status=RunStatus.APPROVED,
        month__gte=start,
        month__lte=end,
    )
    if exclude_run is not None:
        query = query.exclude(run_id=exclude_run)
    out: dict[int, dict[Key, tuple[Decimal, Decimal]]] = defaultdict(dict)
    for municipality_id, household, person, month, component, amount, poo in (
        query.values_list(
            "run__municipality_id", "household_ref", "person_ref", "month", "component"
        )
        .annotate(paid=Sum("amount"), poo=Sum("poo_amount"))
        .values_list(
            "run__municipality_id",
            "household_ref",
            "person_ref",
            "month",
            "component",
            "paid",
            "poo",
        )
        .order_by()
    ):
        # SQLite sums decimals as floats: back to exact cents.
        out[municipality_id][(household, person, month, component)] = (cents(amount), cents(poo))
    return out


def paid_totals(municipality, start: datetime.date, end: datetime.date) -> tuple[Decimal, Decimal]:
    """(leefgeld paid, of which for days with a host) in approved runs for months
    in [start, end]; corrections count in the month they correct."""
    found = PaymentLine.objects.filter(
        run__municipality=municipality,
        run__status=RunStatus.APPROVED,
        month__gte=first_of(start),
        month__lte=end,
    ).aggregate(total=Sum("amount"), poo=Sum("poo_amount"))
    return cents(found["total"]), cents(found["poo"])


def paid_by_month(
    municipality_id: int, household_ref: str, start: datetime.date
) -> dict[datetime.date, Decimal]:
    """{month: paid} for one household in approved runs, months from `start`."""
    return {
        month: cents(total)
        for month, total in PaymentLine.objects.filter(
            run__municipality_id=municipality_id,
            run__status=RunStatus.APPROVED,
            household_ref=household_ref,
            month__gte=start,
        )
        .values_list("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
        .order_by()
    }
