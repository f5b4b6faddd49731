"""Periodic background jobs: once a day at a set local time (or, with
`every_minutes`, every so many minutes from that time on), a job from
settings.OPENOPVANG_SCHEDULE is put in the task queue, and a worker runs it.
`openopvang scheduler` calls `enqueue_due` every minute (`--once` for one
pass from cron or a systemd timer); `openopvang serve --with-worker` starts
one beside the worker.

Queuing is idempotent: the (job, day, slot) row of core.ScheduledRun is created in
the transaction that queues the job, under a unique constraint, so two
schedulers at once, or one restarted, queue a job once a day; a scheduler
that was down at the set time queues the job when it comes back the same
day. The jobs themselves must be idempotent too (a job queued twice by hand
does no harm): the help reminders claim each booking once, the purge deletes
what is due."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Periodic:
    name: str
    task: str  # dotted path of a django-tasks task without arguments
    at: datetime.time  # local time (TIME_ZONE)
    day_of_month: int | None = None  # only on this day of the month
    every_minutes: int | None = None  # again every so many minutes, until midnight

    def due_on(self, moment: datetime.datetime) -> bool:
        if self.day_of_month is not None and moment.day != self.day_of_month:
            return False
        return moment.time() >= self.at

    def slot(self, moment: datetime.datetime) -> int:
        """0 for a daily job; else which interval since `at` the moment is in."""
        if not self.every_minutes:
            return 0
        minutes = moment.hour * 60 + moment.minute - (self.at.hour * 60 + self.at.minute)
        return minutes // self.every_minutes


def jobs() -> list[Periodic]:
    """The schedule from the settings, without the jobs switched off in
    OPENOPVANG_SCHEDULE_OFF."""
    off = set(getattr(settings, "OPENOPVANG_SCHEDULE_OFF", ()))
    found = []
    for name, entry in getattr(settings, "OPENOPVANG_SCHEDULE", {}).items():
        if name in off:
            continue
        found.append(
            Periodic(
                name=name,
                task=entry["task"],
                at=datetime.time.fromisoformat(entry["at"]),
                day_of_month=entry.get("day_of_month"),
                every_minutes=entry.get("every_minutes"),
            )
        )
    return found


def enqueue_due(now: datetime.datetime | None = None) -> list[str]:
    """Queue every job that is due today and not queued today yet; returns
    the names of the jobs queued now."""
    moment = timezone.localtime(now or timezone.now())
    queued = []
    for job in jobs():
        if not job.due_on(moment):
            continue
        try:
            if _enqueue_once(job, moment.date(), job.slot(moment)):
                queued.append(job.name)
        except Exception:
            # One job that cannot be queued does not stop the others; it is
            # tried again on the next pass.
            logger.exception("could not queue %s", job.name)
    return queued


def _enqueue_once(job: Periodic, day: datetime.date, slot: int) -> bool:
    from .models import ScheduledRun

    task = import_string(job.task)
    with transaction.atomic():
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, day=day, slot=slot)
        except IntegrityError:
            return False  # queued already (by this or another scheduler)
        # In the same transaction: a queue that refuses leaves no row, so the
        # next pass tries again.
        result = task.enqueue()
        run.task_id = str(getattr(result, "id", ""))[:64]
        run.save(update_fields=["task_id"])
    logger.info("queued %s for %s #%s", job.name, day, slot)
    return True
