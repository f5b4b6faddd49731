"""The municipality's allowance policy and the months a run recomputes."""

from __future__ import annotations

import datetime

from openopvang.rules.engine.dates import add_months

from .models import MunicipalPolicy, PaymentRun, RunStatus


def policy_of(municipality) -> MunicipalPolicy:
    """The municipality's policy; an unsaved one with the defaults when none is stored."""
    found = MunicipalPolicy.objects.filter(municipality=municipality).first()
    return found or MunicipalPolicy(municipality=municipality)


def policies_of(municipality_ids) -> dict[int, MunicipalPolicy]:
    stored = {
        p.municipality_id: p
        for p in MunicipalPolicy.objects.filter(municipality_id__in=municipality_ids)
    }
    return {pk: stored.get(pk) or MunicipalPolicy(municipality_id=pk) for pk in municipality_ids}


def first_approved_months(municipality_ids) -> dict[int, datetime.date]:
    out: dict[int, datetime.date] = {}
    for municipality_id, month in (
        PaymentRun.objects.filter(municipality_id__in=municipality_ids, status=RunStatus.APPROVED)
        .values_list("municipality_id", "month")
        .order_by("month")
    ):
        out.setdefault(municipality_id, month)
    return out


def window_start(
    month: datetime.date, policy: MunicipalPolicy, first_approved: datetime.date | None
) -> datetime.date:
    """The first month a run for `month` recomputes: `policy.recompute_months`
    back, never before the first approved run; `month` alone without one."""
    if first_approved is None:
        return month
    return min(month, max(add_months(month, -policy.recompute_months), first_approved))
