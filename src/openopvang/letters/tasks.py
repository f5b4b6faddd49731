"""Letter batches as a background task (django-tasks, as declarations/tasks.py):
progress and errors are written to the LetterBatch row, which its page polls.

Each person's letter is made and kept (services.make_letter, audited) on its
own and rendered on its own (a PDF/A-2b); by e-mail it is sent at once. A
person whose letter cannot be made (no address, no e-mail address, no
leefgeld) is listed with the reason and the rest of the batch goes on.

Memory stays flat however many letters (benchmarks/bench_letters.py): the
persons are read in chunks, every PDF goes to disk as soon as it is made (into
the ZIP and a working folder), and the print run is joined from those files
one at a time, each letter's objects written straight to the output
(pdfjoin.py).
A cancel asked on the batch page stops it before the next letter; the files
then hold the letters made so far."""

from __future__ import annotations

import logging
import shutil
import tempfile
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import timezone
from django_tasks import task

from openopvang.registry.models import Person

from . import services
from .models import LetterBatch, LetterBatchStatus
from .pdfjoin import join_pdfs

log = logging.getLogger(__name__)
PROGRESS_EVERY = 10
CHUNK = 200  # persons read at a time


def _persons(batch: LetterBatch):
    """The batch's persons in its order, read CHUNK at a time (None: gone)."""
    ids = batch.person_ids
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        found = {
            p.pk: p
            for p in Person.objects.filter(
                municipality=batch.municipality, pk__in=part
            ).select_related("municipality")
        }
        for pk in part:
            yield pk, found.get(pk)


def _cancelled(batch_id: int) -> bool:
    return LetterBatch.objects.filter(pk=batch_id, cancel_requested=True).exists()


@task()
def run_batch(batch_id: int) -> None:
    batch = LetterBatch.objects.select_related("created_by", "municipality").get(pk=batch_id)
    LetterBatch.objects.filter(pk=batch_id).update(status=LetterBatchStatus.RUNNING)
    user = batch.created_by
    errors, done, made, cancelled = [], 0, [], False
    workdir = Path(tempfile.mkdtemp(prefix=f"openopvang-letters-{batch_id}-"))
    zip_path = workdir / f"letters-batch-{batch_id}.zip"
    try:
        # PDFs are compressed already: stored, not deflated again.
        with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_STORED) as archive:
            for pk, person in _persons(batch):
                if _cancelled(batch_id):
                    cancelled = True
                    break
                if person is None:
                    errors.append({"person": pk, "name": "", "reason": "not found"})
                else:
                    try:
                        letter, pdf = services.make_letter(
                            user,
                            person,
                            batch.letter_type,
                            asked=batch.asked,
                            channel=batch.channel,
                            batch=batch,
                        )
                    except ValidationError as error:
                        errors.append(
                            {
                                "person": pk,
                                "name": person.full_name,
                                "reason": " ".join(error.messages),
                            }
                        )
                    else:
                        name = f"{len(made) + 1:04d}-{letter.data['values']['reference']}.pdf"
                        path = workdir / name
                        path.write_bytes(pdf)
                        archive.write(path, name)
                        made.append(path)
                        del pdf
                done += 1
                if done % PROGRESS_EVERY == 0:
                    LetterBatch.objects.filter(pk=batch_id).update(done=done, errors=errors)
        if made:
            run_path = workdir / f"letters-batch-{batch_id}.pdf"
            join_pdfs(made, run_path)
            with run_path.open("rb") as run, zip_path.open("rb") as letters:
                batch.run_file.save(run_path.name, File(run), save=False)
                batch.zip_file.save(zip_path.name, File(letters), save=False)
    except Exception as error:  # noqa: BLE001 - the page must show why it failed
        log.exception("letter batch %s failed", batch_id)
        errors.append({"person": None, "name": "", "reason": str(error)})
        LetterBatch.objects.filter(pk=batch_id).update(
            status=LetterBatchStatus.FAILED, done=done, errors=errors, finished_at=timezone.now()
        )
        raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    LetterBatch.objects.filter(pk=batch_id).update(
        status=LetterBatchStatus.CANCELLED if cancelled else LetterBatchStatus.DONE,
        done=done,
        errors=errors,
        run_file=batch.run_file.name or "",
        zip_file=batch.zip_file.name or "",
        finished_at=timezone.now(),
    )
