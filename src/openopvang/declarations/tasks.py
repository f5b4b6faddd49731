"""National totals as a background task (django-tasks): progress is written
to the NationalRun row, which the national page polls."""

import time

from django.utils import timezone
from django_tasks import task

from .models import NationalRun, NationalRunStatus
from .national import national_rows


@task()
def run_national(run_id: int) -> None:
    run = NationalRun.objects.get(pk=run_id)
    run.status = NationalRunStatus.RUNNING
    run.save(update_fields=["status"])
    started = time.perf_counter()

    def progress(done: int, count: int) -> None:
        NationalRun.objects.filter(pk=run_id).update(done=done, count=count)

    try:
        rows = national_rows(run.year, progress=progress)
    except Exception as error:  # noqa: BLE001 - the page must show why it failed
        NationalRun.objects.filter(pk=run_id).update(
            status=NationalRunStatus.FAILED, error=str(error), finished_at=timezone.now()
        )
        raise
    NationalRun.objects.filter(pk=run_id).update(
        status=NationalRunStatus.DONE,
        rows=rows,
        done=len(rows),
        count=len(rows),
        seconds=round(time.perf_counter() - started, 3),
        finished_at=timezone.now(),
    )


def start_national_run(user, year: int) -> NationalRun:
    run = NationalRun.objects.create(year=year, requested_by=user)
    run_national.enqueue(run.pk)
    run.refresh_from_db()
    return run
