"""Rebuilding the monthly costs (reports.models.MonthlyCost) of a
municipality, each figure from the capability that owns it:

- the BooO claim by component: the latest submitted declaration version of
  each year (declarations), its declared lines; a line of one month counts
  in that month, a line over a period (GOO place-days) is spread over the
  months by its days, summed exactly and rounded to cents per month and
  component (the engine's own informative `by_month`); a line of no month
  or period (yearly actual costs) is left out of the months;
- leefgeld paid: approved payment runs (allowances.ledger.paid_totals);
- eigen bijdrage: the month's collection list (allowances.collection), empty
  when the engine lacks that month's amounts;
- support services invoiced: invoices sent or settled for the month (support).

A background job refreshes the recent months every night; a page computes
months it does not have yet (`ensure_costs`)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from openopvang.accounts.models import Organisation
from openopvang.allowances.collection import collection_list
from openopvang.allowances.ledger import paid_totals
from openopvang.declarations.figures import DeclarationData
from openopvang.declarations.models import Declaration
from openopvang.rules.engine.errors import RulesError
from openopvang.rules.engine.money import cents, round_cents
from openopvang.support.models import Invoice, InvoiceStatus

from .models import MonthlyCost

INVOICED = (InvoiceStatus.SENT, InvoiceStatus.SETTLED)


def month_starts(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _month_end(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


def _spread(line: dict) -> dict[datetime.date, Decimal]:
    """A declared line's amount per month (unrounded)."""
    amount = Decimal(line["amount"])
    if line.get("month"):
        return {datetime.date.fromisoformat(line["month"] + "-01"): amount}
    if line.get("from") and line.get("to"):
        first = datetime.date.fromisoformat(line["from"])
        last = datetime.date.fromisoformat(line["to"])
        days = (last - first).days + 1
        out = {}
        for month in month_starts(first, last):
            overlap = (min(last, _month_end(month)) - max(first, month)).days + 1
            out[month] = amount * overlap / days
        return out
    return {}


def booo_by_month(municipality_id: int, years) -> dict[datetime.date, dict[str, Decimal]]:
    """{month: {component: claimed}} from the latest version of each year."""
    latest: dict[int, Declaration] = {}
    for declaration in Declaration.objects.filter(
        municipality_id=municipality_id, year__in=list(years)
    ).order_by("year", "-version"):
        latest.setdefault(declaration.year, declaration)
    exact: dict[datetime.date, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for declaration in latest.values():
        for line in DeclarationData.from_declaration(declaration).booo["lines"]:
            if not line.get("declared", True):
                continue
            for month, part in _spread(line).items():
                exact[month][line["component"]] += part
    return {
        month: {component: round_cents(value) for component, value in parts.items()}
        for month, parts in exact.items()
    }


def _eigen_bijdrage(municipality, month) -> Decimal | None:
    try:
        return collection_list(municipality, month)[1]
    except RulesError:
        return None


def build_costs(municipality, months) -> list[MonthlyCost]:
    months = sorted(set(months))
    if not months:
        return []
    claims = booo_by_month(municipality.pk, {month.year for month in months})
    invoiced = dict(
        Invoice.objects.filter(
            order__municipality=municipality, status__in=INVOICED, month__in=months
        )
        .values_list("month")
        .annotate(total=Sum("total"))
        .values_list("month", "total")
        .order_by()
    )
    rows = []
    for month in months:
        booo = claims.get(month, {})
        rows.append(
            MonthlyCost(
                municipality=municipality,
                month=month,
                booo={component: f"{value:.2f}" for component, value in booo.items()},
                booo_total=sum(booo.values(), Decimal("0.00")),
                leefgeld_paid=paid_totals(municipality, month, month)[0],
                eigen_bijdrage=_eigen_bijdrage(municipality, month),
                support_invoiced=cents(invoiced.get(month)),
            )
        )
    return rows


def refresh_costs(start, end, *, municipality_ids=None) -> int:
    """Replace the monthly costs of the months of [start, end] (of the given
    municipalities, or all); returns the number of rows written."""
    months = month_starts(start, end)
    municipalities = Organisation.objects.municipalities()
    if municipality_ids is not None:
        municipalities = municipalities.filter(pk__in=list(municipality_ids))
    count = 0
    for municipality in municipalities:
        rows = build_costs(municipality, months)
        with transaction.atomic():
            MonthlyCost.objects.filter(municipality=municipality, month__in=months).delete()
            MonthlyCost.objects.bulk_create(rows)
        count += len(rows)
    return count


def ensure_costs(municipality, start, end) -> None:
    months = month_starts(start, end)
    have = set(
        MonthlyCost.objects.filter(municipality=municipality, month__in=months).values_list(
            "month", flat=True
        )
    )
    missing = [month for month in months if month not in have]
    if missing:
        rows = build_costs(municipality, missing)
        MonthlyCost.objects.bulk_create(rows, ignore_conflicts=True)
