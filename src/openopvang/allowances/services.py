"""Changes to allowances: each function is one transaction with its audit event.

Roles: finance officers and administrators (`user.is_finance`) change the
policy, reductions and runs. Four eyes: the user who prepared a run cannot
approve it."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction
from openopvang.core.services import delete_audited, save_audited
from openopvang.registry.models import Provision, ProvisionKind
from openopvang.registry.snapshots import parse_ref
from openopvang.rules.engine.parameters import ParameterSet
from openopvang.rules.services import current_parameters

from .computation import ComputedRun, cents, compute_runs, first_of
from .models import (
    EigenBijdrageReduction,
    MunicipalPolicy,
    PaymentItem,
    PaymentLine,
    PaymentRun,
    RunStatus,
)


def require_finance(user) -> None:
    organisation = getattr(user, "organisation", None)
    if not (getattr(user, "is_finance", False) and organisation is not None
            and organisation.is_municipality):
        raise PermissionDenied(_("Only finance officers of the municipality can do this."))


# -- policy and reductions ------------------------------------------------------------------

def save_policy(user, policy: MunicipalPolicy, *, before=None, request=None) -> MunicipalPolicy:
    require_finance(user)
    policy.municipality = user.organisation
    return save_audited(user, policy, before=before, request=request)


def ensure_policy(user, municipality, *, request=None) -> MunicipalPolicy:
    """The stored policy; the defaults are stored (and audited) the first time."""
    policy = MunicipalPolicy.objects.filter(municipality=municipality).first()
    if policy is None:
        with transaction.atomic():
            policy, created = MunicipalPolicy.objects.get_or_create(municipality=municipality)
            if created:
                audit.record(user, AuditAction.CREATE, policy, request=request,
                             changes=audit.snapshot(policy))
    return policy


def save_reduction(user, reduction: EigenBijdrageReduction, *, before=None,
                   request=None) -> EigenBijdrageReduction:
    require_finance(user)
    reduction.municipality = user.organisation
    if reduction.created_by_id is None:
        reduction.created_by = user
    return save_audited(user, reduction, before=before, request=request)


def delete_reduction(user, reduction: EigenBijdrageReduction, *, request=None) -> None:
    require_finance(user)
    delete_audited(user, reduction, request=request)


# -- runs ----------------------------------------------------------------------------------

def _fill(run: PaymentRun, computed: ComputedRun, params: ParameterSet,
          described: list | None = None) -> tuple[list, list]:
    """Set the run's totals and snapshot from `computed`; return unsaved items
    and their lines (line.item set once the items have primary keys)."""
    run.recompute_from = computed.window_start
    run.policy = computed.policy
    run.scenario = computed.scenario
    run.result = computed.result
    run.parameters = described if described is not None else params.describe()
    run.computed_at = timezone.now()
    run.total = computed.total
    run.sepa_total = computed.total_for("sepa")
    run.cash_total = computed.total_for("cash")
    items, lines = [], []
    for index, item in enumerate(computed.items):
        choice = item.payee
        payment = PaymentItem(
            run=run, household_ref=item.household_ref,
            household_id=item.household.pk if item.household else None,
            household_name=item.household_name[:200],
            payee_id=choice.person.pk if choice.person else None,
            payee_name=choice.person.full_name[:200] if choice.person else "",
            iban=choice.person.iban if choice.person and item.method == "sepa" else "",
            method=item.method, reason=item.reason[:300], payee_note=choice.note[:300],
            amount=item.amount,
            remittance=f"Leefgeld {run.month:%Y-%m} {item.household_ref}"[:140],
        )
        items.append(payment)
        for line in item.lines:
            kind, person_pk = parse_ref(line.person_ref)
            lines.append((index, PaymentLine(
                run=run, household_ref=line.household_ref, person_id=person_pk,
                person_ref=line.person_ref, month=line.month, component=line.component,
                kind=line.kind, amount=line.amount, computed=line.computed,
                previously_paid=line.previously_paid, poo_amount=line.poo_amount,
                days=line.days, reason=line.reason[:300], explanation=line.explanation,
            )))
    return items, lines


def _end_to_end(run: PaymentRun, items: list[PaymentItem]) -> None:
    """End-to-end id per payment: OO<yyyymm>-<run>-<n>, at most 35 characters."""
    for number, item in enumerate(items, 1):
        item.end_to_end_id = f"OO{run.month:%Y%m}-{run.pk}-{number}"[:35]


def _store_lines(run: PaymentRun, items: list[PaymentItem], lines: list) -> None:
    _end_to_end(run, items)
    PaymentItem.objects.bulk_create(items, batch_size=2000)
    for item in items:
        if item.pk is None:  # a database that does not return keys from bulk inserts
            raise RuntimeError("bulk_create did not return primary keys")
    for index, line in lines:
        line.item = items[index]
    PaymentLine.objects.bulk_create([line for _index, line in lines], batch_size=5000)


def _month(month: datetime.date) -> datetime.date:
    month = first_of(month)
    if month < datetime.date(2022, 3, 1):
        raise ValidationError({"month": _("Leefgeld is paid from March 2022 onwards.")})
    if month > first_of(timezone.localdate()) + datetime.timedelta(days=62):
        raise ValidationError({"month": _("A run can be made at most one month ahead.")})
    return month


def create_run(user, month: datetime.date, *, execution_date: datetime.date | None = None,
               request=None, params: ParameterSet | None = None) -> PaymentRun:
    """Compute and store a draft run for `month` of the user's municipality."""
    require_finance(user)
    municipality = user.organisation
    month = _month(month)
    params = params or current_parameters()
    if PaymentRun.objects.filter(municipality=municipality,
                                 status__in=[RunStatus.DRAFT, RunStatus.PREPARED]).exists():
        raise ValidationError(_("There is already an open payment run: approve or delete it "
                                "first."))
    computed = compute_runs([municipality.pk], month, params)[municipality.pk]
    run = PaymentRun(municipality=municipality, month=month, created_by=user,
                     execution_date=execution_date or max(month, timezone.localdate()))
    items, lines = _fill(run, computed, params)
    try:
        with transaction.atomic():
            run.save()
            _store_lines(run, items, lines)
            audit.record(user, AuditAction.CREATE, run, request=request, changes={
                "month": run.month_label, "total": str(run.total), "payments": len(items),
                "lines": len(lines), "recompute_from": run.recompute_from.isoformat()})
    except IntegrityError as error:
        raise ValidationError(_("There is already an open payment run: approve or delete it "
                                "first.")) from error
    return run


def _lock(run: PaymentRun) -> PaymentRun:
    return PaymentRun.objects.select_for_update().get(pk=run.pk)


def recompute_run(user, run: PaymentRun, *, request=None,
                  params: ParameterSet | None = None) -> PaymentRun:
    """Recompute an open run from the registry as it is now; a prepared run
    goes back to draft (it must be prepared again)."""
    require_finance(user)
    params = params or current_parameters()
    computed = compute_runs([run.municipality_id], run.month, params)[run.municipality_id]
    with transaction.atomic():
        run = _lock(run)
        if not run.is_open:
            raise ValidationError(_("An approved run is frozen and cannot be recomputed."))
        before = {"status": run.status, "total": str(run.total)}
        run.items.all().delete()
        items, lines = _fill(run, computed, params)
        run.status, run.prepared_by, run.prepared_at = RunStatus.DRAFT, None, None
        run.save()
        _store_lines(run, items, lines)
        audit.record(user, AuditAction.UPDATE, run, request=request, changes={
            "recomputed": True, "status": [before["status"], run.status],
            "total": [before["total"], str(run.total)]})
    return run


def prepare_run(user, run: PaymentRun, *, request=None) -> PaymentRun:
    require_finance(user)
    with transaction.atomic():
        run = _lock(run)
        if run.status != RunStatus.DRAFT:
            raise ValidationError(_("Only a draft run can be prepared."))
        run.status, run.prepared_by, run.prepared_at = RunStatus.PREPARED, user, timezone.now()
        run.save(update_fields=["status", "prepared_by", "prepared_at"])
        audit.record(user, AuditAction.UPDATE, run, request=request, changes={
            "status": [RunStatus.DRAFT, RunStatus.PREPARED], "total": str(run.total)})
    return run


def approve_run(user, run: PaymentRun, *, request=None) -> PaymentRun:
    """Four eyes: another finance officer than the one who prepared the run.
    Freezes the run and records leefgeld provisions (BooO POO normbedrag)."""
    require_finance(user)
    with transaction.atomic():
        run = _lock(run)
        if run.status != RunStatus.PREPARED:
            raise ValidationError(_("Only a prepared run can be approved."))
        if run.prepared_by_id == user.pk:
            raise ValidationError(_("Four eyes: you prepared this run, so another finance "
                                    "officer must approve it."))
        run.status, run.approved_by, run.approved_at = RunStatus.APPROVED, user, timezone.now()
        run.save(update_fields=["status", "approved_by", "approved_at"])
        added, removed = _sync_provisions(run)
        audit.record(user, AuditAction.APPROVE, run, request=request, changes={
            "status": [RunStatus.PREPARED, RunStatus.APPROVED], "total": str(run.total),
            "sepa_total": str(run.sepa_total), "cash_total": str(run.cash_total),
            "provisions_added": added, "provisions_removed": removed})
    return run


def _sync_provisions(run: PaymentRun) -> tuple[int, int]:
    """A person with leefgeld paid in a month (all approved runs together) has a
    Provision(kind=leefgeld) for that month; one whose paid total fell to zero
    through corrections loses it."""
    touched = set(run.lines.exclude(person_id=None).values_list("person_id", "month"))
    if not touched:
        return 0, 0
    persons = {p for p, _m in touched}
    months = {m for _p, m in touched}
    paid = {
        (p, m): cents(total) for p, m, total in PaymentLine.objects.filter(
            run__municipality_id=run.municipality_id, run__status=RunStatus.APPROVED,
            person_id__in=persons, month__in=months,
        ).values_list("person_id", "month").annotate(total=Sum("amount"))
        .values_list("person_id", "month", "total").order_by()
    }
    existing = set(Provision.objects.filter(
        person_id__in=persons, month__in=months, kind=ProvisionKind.LEEFGELD,
    ).values_list("person_id", "month"))
    new = [
        Provision(person_id=p, month=m, kind=ProvisionKind.LEEFGELD,
                  description=f"Leefgeld paid (payment run {run.pk})")
        for p, m in sorted(touched) if paid.get((p, m), 0) > 0 and (p, m) not in existing
    ]
    Provision.objects.bulk_create(new, batch_size=5000)
    gone = [(p, m) for p, m in touched if paid.get((p, m), 0) <= 0 and (p, m) in existing]
    for p, m in gone:
        Provision.objects.filter(person_id=p, month=m, kind=ProvisionKind.LEEFGELD).delete()
    return len(new), len(gone)


def delete_run(user, run: PaymentRun, *, request=None) -> None:
    require_finance(user)
    with transaction.atomic():
        run = _lock(run)
        if not run.is_open:
            raise ValidationError(_("An approved run is frozen and cannot be deleted."))
        audit.record(user, AuditAction.DELETE, run, request=request,
                     changes={"month": run.month_label, "status": run.status,
                              "total": str(run.total)})
        run.delete()


def record_export(user, obj, what: str, *, request=None, **changes) -> None:
    """Exports hold personal data (names, IBANs): each download is audited.
    `obj` is the run, or the municipality for an eigen bijdrage list."""
    audit.record(user, AuditAction.EXPORT, obj, request=request,
                 changes={"format": what, **changes})


def store_national_runs(user, month: datetime.date, municipality_ids: list[int] | None = None,
                        params: ParameterSet | None = None) -> list[PaymentRun]:
    """Compute and store draft runs for many municipalities at once (benchmark
    and operations: `compute_runs` reads every table once). Municipalities that
    already have an open run are skipped."""
    from openopvang.accounts.models import Organisation

    month = first_of(month)
    params = params or current_parameters()
    if municipality_ids is None:
        municipality_ids = list(Organisation.objects.municipalities().values_list("pk", flat=True))
    busy = set(PaymentRun.objects.filter(
        municipality_id__in=municipality_ids, status__in=[RunStatus.DRAFT, RunStatus.PREPARED],
    ).values_list("municipality_id", flat=True))
    ids = [pk for pk in municipality_ids if pk not in busy]
    computed = compute_runs(ids, month, params)
    runs = []
    with transaction.atomic():
        all_items, all_lines = [], []
        described = params.describe()  # the same values for every run of the batch
        for pk in ids:
            run = PaymentRun(municipality_id=pk, month=month, created_by=user,
                             execution_date=max(month, timezone.localdate()))
            items, lines = _fill(run, computed[pk], params, described)
            runs.append(run)
            all_items.append(items)
            all_lines.append(lines)
        PaymentRun.objects.bulk_create(runs, batch_size=500)
        for run, items in zip(runs, all_items, strict=True):
            _end_to_end(run, items)
        flat_items = [item for items in all_items for item in items]
        PaymentItem.objects.bulk_create(flat_items, batch_size=5000)
        flat_lines = []
        for items, lines in zip(all_items, all_lines, strict=True):
            for index, line in lines:
                line.item = items[index]
                flat_lines.append(line)
        PaymentLine.objects.bulk_create(flat_lines, batch_size=5000)
        for run in runs:
            audit.record(user, AuditAction.CREATE, run, changes={
                "month": run.month_label, "total": str(run.total), "batch": True})
    return runs
