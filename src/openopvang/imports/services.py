"""Imports use cases: upload (the file is kept, checking starts in the
background), the check of every row with the registry's own rules, and the
write on confirmation — one transaction, through registry.services so every
person is permission-checked and audited — and the audited export."""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction
from openopvang.core.services import save_audited
from openopvang.registry import services as registry
from openopvang.registry.models import Person

from . import persons as person_file
from .models import ExternalId, ImportJob, ImportKind, ImportMode, ImportStatus
from .permissions import require_import_editor
from .reading import FileProblem, check_upload, read_file

PROGRESS_EVERY = 100


def start_import(user, *, name: str, data: bytes, request=None) -> ImportJob:
    """Keep the file and start checking it in the background. A wrong type,
    an empty file or one above the size limit is refused at once."""
    municipality = user.organisation
    require_import_editor(user, municipality)
    try:
        check_upload(name, len(data))
    except FileProblem as problem:
        raise ValidationError({"file": str(problem)}) from problem
    job = ImportJob.objects.create(
        municipality=municipality,
        kind=ImportKind.PERSONS,
        file_name=name[:255],
        data=data,
        language=translation.get_language() or "nl",
        created_by=user,
    )
    audit.record(
        user,
        AuditAction.CREATE,
        job,
        changes={"file_name": job.file_name, "bytes": len(data)},
        request=request,
    )
    from .tasks import validate_import

    validate_import.enqueue(job.pk)
    job.refresh_from_db()
    return job


def _progress(job_id: int, done: int, count: int) -> None:
    ImportJob.objects.filter(pk=job_id).update(done=done, count=count)


def _external_ids(municipality) -> dict[str, int]:
    return dict(
        ExternalId.objects.filter(municipality=municipality).values_list("external_id", "person_id")
    )


def validate_job(job: ImportJob) -> ImportJob:
    """Phase one: read the file, check every row with Person.full_clean and
    the rows against each other. Nothing is written to the registry."""
    started = time.perf_counter()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.VALIDATING)
    try:
        rows = person_file.rows_of(read_file(job.file_name, bytes(job.data)))
    except FileProblem as problem:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, error=str(problem), finished_at=timezone.now()
        )
        job.refresh_from_db()
        return job
    known = _external_ids(job.municipality)
    existing = Person.objects.in_bulk(
        [
            known[row["values"]["external_id"]]
            for row in rows
            if row["values"].get("external_id") in known
        ]
    )
    count = len(rows)
    for done, row in enumerate(rows, 1):
        values = row["values"]
        person_id = known.get(values.get("external_id", ""))
        person, unreadable = person_file.person_from_row(
            values, job.municipality, existing.get(person_id)
        )
        row["person"] = person.pk
        row["errors"].extend(person_file.check_person(person, unreadable))
        if done % PROGRESS_EVERY == 0:
            _progress(job.pk, done, count)
    person_file.check_between_rows(rows)
    person_file.duplicate_hints(rows, job.municipality)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.VALIDATED,
        rows=rows,
        done=count,
        count=count,
        seconds=round(time.perf_counter() - started, 3),
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def start_write(user, job: ImportJob, *, mode: str, request=None) -> ImportJob:
    """Phase two, on confirmation. All or nothing refuses a file with errors;
    "only the valid rows" must be chosen explicitly."""
    require_import_editor(user, job.municipality)
    if job.status != ImportStatus.VALIDATED:
        raise ValidationError(_("This import is not ready to be written."))
    if mode not in ImportMode.values:
        raise ValidationError(_("Choose how to write the rows."))
    failed = len(job.failed_rows)
    if mode == ImportMode.ALL_OR_NOTHING and failed:
        raise ValidationError(
            _(
                "%(count)s rows have errors, so nothing is written. Correct the file and upload "
                "it again, or choose to write only the valid rows."
            )
            % {"count": failed}
        )
    if not job.valid_count:
        raise ValidationError(_("No row is valid; nothing can be written."))
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.VALIDATED).update(
        status=ImportStatus.WRITING, mode=mode, done=0, count=job.valid_count
    )
    if not updated:
        raise ValidationError(_("This import is already being written."))
    from .tasks import write_import

    write_import.enqueue(job.pk, user.pk)
    job.refresh_from_db()
    return job


class _Undo(Exception):
    """Rolls the whole write back (all or nothing)."""


def _write_row(user, job: ImportJob, row: dict, known: dict[str, int]) -> tuple[Person, bool]:
    values = row["values"]
    external_id = (values.get("external_id") or "").strip()
    person_id = known.get(external_id)
    existing = Person.objects.filter(pk=person_id).first() if person_id else None
    person, unreadable = person_file.person_from_row(values, job.municipality, existing)
    if unreadable:
        raise ValidationError(unreadable[0][1])
    creating = person.pk is None
    registry.save_record(user, person)
    if external_id and creating:
        mapping = ExternalId(municipality=job.municipality, external_id=external_id, person=person)
        save_audited(user, mapping)
        known[external_id] = person.pk
    return person, creating


def write_job(job: ImportJob, user) -> ImportJob:
    """Write the valid rows in one transaction. All or nothing: the first row
    that is refused now (the registry changed since the check) undoes
    everything and is reported; only the valid rows: it is skipped and listed."""
    started = time.perf_counter()
    require_import_editor(user, job.municipality)
    rows = job.rows
    todo = [row for row in rows if not row.get("errors")]
    skipped = len(rows) - len(todo)
    created = updated = 0
    all_or_nothing = job.mode == ImportMode.ALL_OR_NOTHING
    try:
        with transaction.atomic():
            known = _external_ids(job.municipality)
            for done, row in enumerate(todo, 1):
                try:
                    with transaction.atomic():
                        person, creating = _write_row(user, job, row, known)
                except ValidationError as error:
                    row["errors"] = person_file.model_errors(error) or [["", str(error)]]
                    if all_or_nothing:
                        raise _Undo from error
                    skipped += 1
                    continue
                row["person"] = person.pk
                created += creating
                updated += not creating
                if done % PROGRESS_EVERY == 0:
                    _progress(job.pk, done, len(todo))
            audit.record(
                user,
                AuditAction.UPDATE,
                job,
                changes={
                    "written": created + updated,
                    "created": created,
                    "updated": updated,
                    "skipped": skipped,
                    "mode": job.mode,
                },
            )
    except _Undo:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED,
            rows=rows,
            error=_(
                "A row was refused while writing, so nothing has been written (all or nothing). "
                "See the row below."
            ),
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
        return job
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE,
        rows=rows,
        created=created,
        updated=updated,
        skipped=skipped,
        done=len(todo),
        data=b"",
        seconds=round(time.perf_counter() - started, 3),
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


# -- export ---------------------------------------------------------------------------------


def export_rows(user, *, file_format: str = "xlsx", request=None) -> list[list]:
    """Every person of the user's municipality as rows of the import format,
    audited as one export naming them all."""
    municipality = user.organisation
    require_import_editor(user, municipality)
    people = list(
        Person.objects.filter(municipality=municipality).order_by(
            "family_name", "given_names", "birth_date", "id"
        )
    )
    external = dict(
        ExternalId.objects.filter(municipality=municipality).values_list("person_id", "external_id")
    )
    audit.record(
        user,
        AuditAction.EXPORT,
        object_type=Person._meta.label,
        object_repr=_("Export of the persons of %(municipality)s") % {"municipality": municipality},
        changes={"records": len(people), "format": file_format},
        request=request,
        shown=audit.shown_field(people),
    )
    return [person_file.export_values(person, external.get(person.pk, "")) for person in people]


def export_file(user, *, file_format: str = "xlsx", request=None) -> tuple[bytes | str, str, str]:
    """The audited export as a file: (body, content type, file name)."""
    from openopvang.core.documents import CSV, XLSX

    from . import documents

    rows = export_rows(user, file_format=file_format, request=request)
    code = user.organisation.code
    if file_format == "csv":
        return documents.export_csv(rows), CSV, f"persons-{code}.csv"
    return documents.export_xlsx(rows), XLSX, f"persons-{code}.xlsx"


def failed_rows_file(user, job: ImportJob, *, request=None) -> tuple[bytes, str]:
    """The rows that failed the check, with an error column, as XLSX: an
    audited read (the rows hold personal data). (body, file name)."""
    from . import documents

    require_import_editor(user, job.municipality)
    audit.record_read(
        user,
        [("registry.Person", row["person"]) for row in job.failed_rows if row.get("person")],
        obj=job,
        request=request,
        extra={"download": "failed rows"},
    )
    name = job.file_name.rsplit(".", 1)[0]
    return documents.failed_rows_xlsx(job), _("%(name)s - failed rows.xlsx") % {"name": name}
