"""Changes to allowances: each function is one transaction with its audit event.

Who: finance officers and administrators of the record's municipality change
the policy, reductions and runs (allowances.permissions), checked first in
every function. Four eyes: the user who prepared a run cannot approve it."""

from __future__ import annotations

import datetime
import json

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction
from openopvang.core.services import delete_audited, save_audited
from openopvang.parameters.services import current_parameters
from openopvang.registry.models import Provision, ProvisionKind
from openopvang.registry.snapshots import parse_ref
from openopvang.rules.engine import law
from openopvang.rules.engine.dates import first_of
from openopvang.rules.engine.money import cents
from openopvang.rules.engine.parameters import ParameterSet

from . import documents
from .models import (
    EigenBijdrageReduction,
    MunicipalPolicy,
    PaymentItem,
    PaymentLine,
    PaymentRun,
    RunStatus,
)
from .permissions import require_finance_of
from .runs import ComputedRun, compute_runs

# -- policy and reductions ------------------------------------------------------------------


def save_policy(user, policy: MunicipalPolicy, *, request=None) -> MunicipalPolicy:
    if policy.municipality_id is None:
        policy.municipality = user.organisation
    require_finance_of(user, policy)
    return save_audited(user, policy, request=request)


def ensure_policy(user, municipality, *, request=None) -> MunicipalPolicy:
    """The stored policy; the defaults are stored (and audited) the first time."""
    policy = MunicipalPolicy.objects.filter(municipality=municipality).first()
    if policy is None:
        with transaction.atomic():
            policy, created = MunicipalPolicy.objects.get_or_create(municipality=municipality)
            if created:
                audit.record(
                    user,
                    AuditAction.CREATE,
                    policy,
                    request=request,
                    changes=audit.snapshot(policy),
                )
    return policy


def save_reduction(
    user, reduction: EigenBijdrageReduction, *, request=None
) -> EigenBijdrageReduction:
    if reduction.municipality_id is None:
        reduction.municipality = user.organisation
    require_finance_of(user, reduction)
    if reduction.created_by_id is None:
        reduction.created_by = user
    return save_audited(user, reduction, request=request)


def delete_reduction(user, reduction: EigenBijdrageReduction, *, request=None) -> None:
    require_finance_of(user, reduction)
    delete_audited(user, reduction, request=request)


# -- runs ----------------------------------------------------------------------------------


def _fill(
    run: PaymentRun, computed: ComputedRun, params: ParameterSet, described: list | None = None
) -> tuple[list, list]:
    """Set the run's totals and snapshot from `computed`; return unsaved items
    and their lines as (item index, values in `_LINE_FIELDS` order), written by
    `_write_lines` once the items have primary keys."""
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
            run=run,
            household_ref=item.household_ref,
            household_id=item.household.pk if item.household else None,
            household_name=item.household_name[:200],
            payee_id=choice.person.pk if choice.person else None,
            payee_name=choice.person.full_name[:200] if choice.person else "",
            iban=choice.person.iban if choice.person and item.method == "sepa" else "",
            method=item.method,
            reason=item.why,
            payee_note=choice.note_why,
            collector_name=choice.collector.full_name[:200] if choice.collector else "",
            amount=item.amount,
            remittance=f"Leefgeld {run.month:%Y-%m} {item.household_ref}"[:140],
        )
        items.append(payment)
        for line in item.lines:
            _kind, person_pk = parse_ref(line.person_ref)
            lines.append(
                (
                    index,
                    (
                        line.household_ref,
                        person_pk,
                        line.person_ref,
                        line.month,
                        line.component,
                        line.kind,
                        line.amount,
                        line.computed,
                        line.previously_paid,
                        line.poo_amount,
                        line.days,
                        line.reason,
                        line.explanation,
                    ),
                )
            )
    return items, lines


# The values of a PaymentLine besides run and item, in the order `_fill` gives them.
_LINE_FIELDS = (
    "household_ref",
    "person",
    "person_ref",
    "month",
    "component",
    "kind",
    "amount",
    "computed",
    "previously_paid",
    "poo_amount",
    "days",
    "reason",
    "explanation",
)


def _write_lines(rows: list[tuple[int, int, tuple]]) -> None:
    """Insert payment lines given as (run pk, item pk, values in `_LINE_FIELDS`
    order). A national run writes about 130,000 of them: on PostgreSQL with
    COPY (no model instances, no parameter arrays), elsewhere with bulk_create.
    Same rows either way, inserted in the given order (ids ascending)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        attnames = [PaymentLine._meta.get_field(name).attname for name in _LINE_FIELDS]
        PaymentLine.objects.bulk_create(
            [
                PaymentLine(
                    run_id=run_id, item_id=item_id, **dict(zip(attnames, values, strict=True))
                )
                for run_id, item_id, values in rows
            ],
            batch_size=5000,
        )
        return
    meta = PaymentLine._meta
    sql = _copy_sql(
        PaymentLine, [meta.get_field(name).column for name in ("run", "item", *_LINE_FIELDS)]
    )
    dumps = json.dumps
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        write = copy.write_row
        for run_id, item_id, values in rows:
            write((run_id, item_id, *values[:-2], dumps(values[-2]), dumps(values[-1])))


def _copy_sql(model, columns: list[str]) -> str:
    quote = connection.ops.quote_name
    return f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"


def _insert_items(items: list[PaymentItem]) -> None:
    """Insert payment items and set their primary keys. On PostgreSQL the keys
    are taken from the table's sequence in one query and the rows sent with
    COPY (a national run writes about 30,000); elsewhere bulk_create."""
    if not items:
        return
    if connection.vendor != "postgresql":
        PaymentItem.objects.bulk_create(items, batch_size=2000)
        return
    meta = PaymentItem._meta
    fields = meta.concrete_fields
    as_json = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s) ORDER BY 1",
            [meta.db_table, meta.pk.column, len(items)],
        )
        for item, (pk,) in zip(items, cursor.fetchall(), strict=True):
            # As bulk_create does: the run saved after the item was made gives its id.
            item._prepare_related_fields_for_save(operation_name="bulk_create")
            item.pk = pk
            item._state.adding, item._state.db = False, connection.alias
        with cursor.cursor.copy(_copy_sql(PaymentItem, [f.column for f in fields])) as copy:
            write = copy.write_row
            for item in items:
                write(
                    tuple(
                        json.dumps(getattr(item, f.attname))
                        if f.attname in as_json
                        else getattr(item, f.attname)
                        for f in fields
                    )
                )


def _end_to_end(run: PaymentRun, items: list[PaymentItem]) -> None:
    """End-to-end id per payment: OO<yyyymm>-<run>-<n>, at most 35 characters."""
    for number, item in enumerate(items, 1):
        item.end_to_end_id = f"OO{run.month:%Y%m}-{run.pk}-{number}"[:35]


def _store_lines(run: PaymentRun, items: list[PaymentItem], lines: list) -> None:
    _end_to_end(run, items)
    _insert_items(items)
    for item in items:
        if item.pk is None:  # a database that does not return keys from bulk inserts
            raise RuntimeError("bulk_create did not return primary keys")
    _write_lines([(run.pk, items[index].pk, values) for index, values in lines])


def _month(month: datetime.date) -> datetime.date:
    month = first_of(month)
    first = first_of(law.grant_start(current_parameters()))
    if month < first:
        raise ValidationError(
            {
                "month": _("Leefgeld is paid from %(month)s onwards.")
                % {"month": date_format(first, "YEAR_MONTH_FORMAT")}
            }
        )
    if month > first_of(timezone.localdate()) + datetime.timedelta(days=62):
        raise ValidationError({"month": _("A run can be made at most one month ahead.")})
    return month


def create_run(
    user,
    month: datetime.date,
    *,
    execution_date: datetime.date | None = None,
    request=None,
    params: ParameterSet | None = None,
) -> PaymentRun:
    """Compute and store a draft run for `month` of the user's municipality."""
    municipality = user.organisation
    require_finance_of(user, municipality)
    month = _month(month)
    params = params or current_parameters()
    if PaymentRun.objects.filter(
        municipality=municipality, status__in=[RunStatus.DRAFT, RunStatus.PREPARED]
    ).exists():
        raise ValidationError(
            _("There is already an open payment run: approve or delete it first.")
        )
    computed = compute_runs([municipality.pk], month, params)[municipality.pk]
    run = PaymentRun(
        municipality=municipality,
        month=month,
        created_by=user,
        execution_date=execution_date or max(month, timezone.localdate()),
    )
    run.check_execution_date(today=timezone.localdate())
    items, lines = _fill(run, computed, params)
    try:
        with transaction.atomic():
            run.save()
            _store_lines(run, items, lines)
            audit.record(
                user,
                AuditAction.CREATE,
                run,
                request=request,
                changes={
                    "month": run.month_label,
                    "total": str(run.total),
                    "payments": len(items),
                    "lines": len(lines),
                    "recompute_from": run.recompute_from.isoformat(),
                },
            )
    except IntegrityError as error:
        raise ValidationError(
            _("There is already an open payment run: approve or delete it first.")
        ) from error
    return run


def _lock(run: PaymentRun) -> PaymentRun:
    return PaymentRun.objects.select_for_update().get(pk=run.pk)


def recompute_run(
    user, run: PaymentRun, *, request=None, params: ParameterSet | None = None
) -> PaymentRun:
    """Recompute an open run from the registry as it is now; a prepared run
    goes back to draft (it must be prepared again)."""
    require_finance_of(user, run.municipality_id)
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
        audit.record(
            user,
            AuditAction.UPDATE,
            run,
            request=request,
            changes={
                "recomputed": True,
                "status": [before["status"], run.status],
                "total": [before["total"], str(run.total)],
            },
        )
    return run


def prepare_run(user, run: PaymentRun, *, request=None) -> PaymentRun:
    require_finance_of(user, run.municipality_id)
    with transaction.atomic():
        run = _lock(run)
        if run.status != RunStatus.DRAFT:
            raise ValidationError(_("Only a draft run can be prepared."))
        run.check_execution_date(today=timezone.localdate())
        if run.sepa_total:
            # Said now, not after the second officer approved a run nobody can pay.
            documents.check_debtor(run.municipality)
        run.status, run.prepared_by, run.prepared_at = RunStatus.PREPARED, user, timezone.now()
        run.save(update_fields=["status", "prepared_by", "prepared_at"])
        audit.record(
            user,
            AuditAction.UPDATE,
            run,
            request=request,
            changes={"status": [RunStatus.DRAFT, RunStatus.PREPARED], "total": str(run.total)},
        )
    return run


def approve_run(user, run: PaymentRun, *, request=None) -> PaymentRun:
    """Four eyes: another finance officer than the one who prepared the run.
    Freezes the run and records leefgeld provisions (BooO POO normbedrag)."""
    require_finance_of(user, run.municipality_id)
    with transaction.atomic():
        run = _lock(run)
        if run.status != RunStatus.PREPARED:
            raise ValidationError(_("Only a prepared run can be approved."))
        if run.prepared_by_id == user.pk:
            raise ValidationError(
                _("Four eyes: you prepared this run, so another finance officer must approve it.")
            )
        # Checked again: a date that was fine when prepared may have passed since,
        # and a run stored by other means (the admin, an import) was never checked.
        run.check_execution_date(today=timezone.localdate())
        run.status, run.approved_by, run.approved_at = RunStatus.APPROVED, user, timezone.now()
        run.save(update_fields=["status", "approved_by", "approved_at"])
        added, removed = _sync_provisions(run)
        audit.record(
            user,
            AuditAction.APPROVE,
            run,
            request=request,
            changes={
                "status": [RunStatus.PREPARED, RunStatus.APPROVED],
                "total": str(run.total),
                "sepa_total": str(run.sepa_total),
                "cash_total": str(run.cash_total),
                "provisions_added": added,
                "provisions_removed": removed,
            },
        )
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
        (p, m): cents(total)
        for p, m, total in PaymentLine.objects.filter(
            run__municipality_id=run.municipality_id,
            run__status=RunStatus.APPROVED,
            person_id__in=persons,
            month__in=months,
        )
        .values_list("person_id", "month")
        .annotate(total=Sum("amount"))
        .values_list("person_id", "month", "total")
        .order_by()
    }
    existing = set(
        Provision.objects.filter(
            person_id__in=persons,
            month__in=months,
            kind=ProvisionKind.LEEFGELD,
        ).values_list("person_id", "month")
    )
    new = [
        Provision(
            person_id=p,
            month=m,
            kind=ProvisionKind.LEEFGELD,
            description=f"Leefgeld paid (payment run {run.pk})",
        )
        for p, m in sorted(touched)
        if paid.get((p, m), 0) > 0 and (p, m) not in existing
    ]
    Provision.objects.bulk_create(new, batch_size=5000)
    gone = [(p, m) for p, m in touched if paid.get((p, m), 0) <= 0 and (p, m) in existing]
    for p, m in gone:
        Provision.objects.filter(person_id=p, month=m, kind=ProvisionKind.LEEFGELD).delete()
    return len(new), len(gone)


def delete_run(user, run: PaymentRun, *, request=None) -> None:
    require_finance_of(user, run.municipality_id)
    with transaction.atomic():
        run = _lock(run)
        if not run.is_open:
            raise ValidationError(_("An approved run is frozen and cannot be deleted."))
        audit.record(
            user,
            AuditAction.DELETE,
            run,
            request=request,
            changes={"month": run.month_label, "status": run.status, "total": str(run.total)},
        )
        run.delete()


def record_export(user, obj, what: str, *, request=None, **changes) -> None:
    """Exports hold personal data (names, IBANs): each download is audited.
    `obj` is the run, or the municipality for an eigen bijdrage list."""
    audit.record(
        user, AuditAction.EXPORT, obj, request=request, changes={"format": what, **changes}
    )


def store_national_runs(
    user,
    month: datetime.date,
    municipality_ids: list[int] | None = None,
    params: ParameterSet | None = None,
) -> list[PaymentRun]:
    """Compute and store draft runs for many municipalities at once (benchmark
    and operations: `compute_runs` reads every table once). Municipalities that
    already have an open run are skipped."""
    from openopvang.accounts.models import Organisation

    month = first_of(month)
    params = params or current_parameters()
    if municipality_ids is None:
        municipality_ids = list(Organisation.objects.municipalities().values_list("pk", flat=True))
    busy = set(
        PaymentRun.objects.filter(
            municipality_id__in=municipality_ids,
            status__in=[RunStatus.DRAFT, RunStatus.PREPARED],
        ).values_list("municipality_id", flat=True)
    )
    ids = [pk for pk in municipality_ids if pk not in busy]
    computed = compute_runs(ids, month, params)
    runs = []
    with transaction.atomic():
        all_items, all_lines = [], []
        described = params.describe()  # the same values for every run of the batch
        for pk in ids:
            run = PaymentRun(
                municipality_id=pk,
                month=month,
                created_by=user,
                execution_date=max(month, timezone.localdate()),
            )
            items, lines = _fill(run, computed[pk], params, described)
            runs.append(run)
            all_items.append(items)
            all_lines.append(lines)
        # One row per INSERT: a multi-row bulk insert on PostgreSQL sends each
        # column as an array, and psycopg escapes the large JSON snapshots in an
        # array element by element (about 40 s for the country); as separate
        # parameters they are sent as they are.
        PaymentRun.objects.bulk_create(runs, batch_size=1)
        for run, items in zip(runs, all_items, strict=True):
            _end_to_end(run, items)
        flat_items = [item for items in all_items for item in items]
        _insert_items(flat_items)
        _write_lines(
            [
                (run.pk, items[index].pk, values)
                for run, items, lines in zip(runs, all_items, all_lines, strict=True)
                for index, values in lines
            ]
        )
        for run in runs:
            audit.record(
                user,
                AuditAction.CREATE,
                run,
                changes={"month": run.month_label, "total": str(run.total), "batch": True},
            )
    return runs
