"""Letter batches as a background task (django-tasks, as declarations/tasks.py):
progress and errors are written to the LetterBatch row, which its page polls.

Each person's letter is made and kept (services.make_letter, audited) on its
own; a person whose letter cannot be made (no address, no leefgeld) is listed
with the reason and the rest of the batch goes on. The letters are rendered
together into one print-run PDF."""

import logging

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks import task

from openopvang.registry.models import Person

from . import documents, services
from .models import LetterBatch, LetterBatchStatus

log = logging.getLogger(__name__)
PROGRESS_EVERY = 10


@task()
def run_batch(batch_id: int) -> None:
    batch = LetterBatch.objects.select_related("created_by", "municipality").get(pk=batch_id)
    LetterBatch.objects.filter(pk=batch_id).update(status=LetterBatchStatus.RUNNING)
    user = batch.created_by
    persons = {
        p.pk: p
        for p in Person.objects.filter(
            municipality=batch.municipality, pk__in=batch.person_ids
        ).select_related("municipality")
    }
    views, errors, done = [], [], 0
    try:
        for pk in batch.person_ids:
            person = persons.get(pk)
            if person is None:
                errors.append({"person": pk, "name": "", "reason": "not found"})
            else:
                try:
                    letter, _pdf = services.make_letter(
                        user,
                        person,
                        batch.letter_type,
                        asked=batch.asked,
                        batch=batch,
                        render=False,
                    )
                    views.append(services.letter_view_of(letter))
                except ValidationError as error:
                    errors.append(
                        {"person": pk, "name": person.full_name, "reason": " ".join(error.messages)}
                    )
            done += 1
            if done % PROGRESS_EVERY == 0:
                LetterBatch.objects.filter(pk=batch_id).update(done=done, errors=errors)
        pdf = documents.render_many(views) if views else None
    except Exception as error:  # noqa: BLE001 - the page must show why it failed
        log.exception("letter batch %s failed", batch_id)
        errors.append({"person": None, "name": "", "reason": str(error)})
        LetterBatch.objects.filter(pk=batch_id).update(
            status=LetterBatchStatus.FAILED, done=done, errors=errors, finished_at=timezone.now()
        )
        raise
    LetterBatch.objects.filter(pk=batch_id).update(
        status=LetterBatchStatus.DONE,
        done=done,
        errors=errors,
        pdf=pdf,
        finished_at=timezone.now(),
    )
