"""Reads, always scoped to the caller's organisation (core.scoping), and the
figures other capabilities ask of allowances."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Sum
from django.http import Http404

from .computation import cents, paid_totals
from .models import EigenBijdrageReduction, PaymentLine, PaymentRun, RunStatus


def own_municipality(user):
    """The municipality the user pays for; anyone else gets a 404."""
    organisation = getattr(user, "organisation", None)
    if organisation is None or not organisation.is_municipality:
        raise Http404
    return organisation


def payment_runs(user):
    return PaymentRun.objects.for_user(user).select_related(
        "municipality", "prepared_by", "approved_by", "created_by")


def run_items(run: PaymentRun):
    return run.items.select_related("payee", "household").prefetch_related("lines")


def reductions(user, month: datetime.date | None = None):
    queryset = EigenBijdrageReduction.objects.for_user(user).select_related("household")
    if month is not None:
        queryset = queryset.filter(month=month.replace(day=1))
    return queryset


def paid_lines_for_household(user, household_ref: str, start: datetime.date,
                             end: datetime.date):
    return PaymentLine.objects.for_user(user).filter(
        run__status=RunStatus.APPROVED, household_ref=household_ref,
        month__gte=start, month__lte=end)


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
    return PaymentRun.objects.filter(
        municipality=municipality, status=RunStatus.APPROVED,
        month__gte=start.replace(day=1), month__lte=end).exists() or PaymentLine.objects.filter(
        run__municipality=municipality, run__status=RunStatus.APPROVED,
        month__gte=start.replace(day=1), month__lte=end).exists()


def paid_poo_leefgeld_by_municipality(municipality_ids, start: datetime.date,
                                      end: datetime.date) -> dict[int, Decimal | None]:
    """`paid_poo_leefgeld` for many municipalities at once, None for those
    without approved runs for months in [start, end] (`has_approved_runs`):
    {municipality pk: Decimal | None}, in three queries for any number."""
    ids = list(municipality_ids)
    first = start.replace(day=1)
    with_runs = set(PaymentRun.objects.filter(
        municipality_id__in=ids, status=RunStatus.APPROVED, month__gte=first, month__lte=end,
    ).values_list("municipality_id", flat=True).distinct())
    lines = PaymentLine.objects.filter(
        run__municipality_id__in=ids, run__status=RunStatus.APPROVED,
        month__gte=first, month__lte=end,
    )
    with_runs.update(lines.values_list("run__municipality_id", flat=True).distinct())
    poo = dict(
        lines.values_list("run__municipality_id").annotate(poo=Sum("poo_amount"))
        .values_list("run__municipality_id", "poo").order_by()
    )
    return {pk: cents(poo.get(pk)) if pk in with_runs else None for pk in ids}
