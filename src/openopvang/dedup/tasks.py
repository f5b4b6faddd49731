"""The national duplicate run as a background job (django-tasks): the page
polls the MatchRun row for its progress."""

from django_tasks import task

from openopvang.core.models import JobStatus
from openopvang.core.tasks import retried

from . import services
from .models import MatchRun


@task()
@retried(attempts=2)
def run_national_matching(run_id: int) -> None:
    # Idempotent: a second try finds the same pairs and keeps them once.
    MatchRun.objects.filter(pk=run_id).update(status=JobStatus.RUNNING, done=0, error="")
    run = MatchRun.objects.get(pk=run_id)

    def progress(step: int) -> None:
        MatchRun.objects.filter(pk=run_id).update(done=step)

    try:
        run = services.run_matching(run, progress)
    except Exception as error:  # noqa: BLE001 - the page must show why it failed
        services.finish(run_id, status=JobStatus.FAILED, error=str(error)[:2000])
        raise
    services.finish(
        run_id,
        status=JobStatus.DONE,
        persons=run.persons,
        found=run.found,
        new=run.new,
        seconds=run.seconds,
    )
