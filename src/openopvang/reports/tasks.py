"""The daily figures as a background task (django-tasks): a scheduler
enqueues `refresh_recent_figures` every night (and after a bulk change such
as an import); `openopvang refresh_figures` does the same by hand."""

import datetime

from django.utils import timezone
from django_tasks import task

from openopvang.core.tasks import retried

from .figures import refresh_figures

# Placements are often registered late; the last weeks are recomputed every night.
RECENT_DAYS = 31


# Recomputing overwrites a day's figures: safe to try again after a failure.
@task()
@retried(attempts=3)
def refresh_figures_task(start: str, end: str, municipality_ids: list[int] | None = None) -> int:
    """Dates as ISO text: task arguments travel as JSON."""
    return refresh_figures(
        datetime.date.fromisoformat(start),
        datetime.date.fromisoformat(end),
        municipality_ids=municipality_ids,
    )


def enqueue_refresh(start: datetime.date, end: datetime.date, municipality_ids=None):
    return refresh_figures_task.enqueue(start.isoformat(), end.isoformat(), municipality_ids)


@task()
@retried(attempts=3)
def refresh_recent_figures() -> int:
    today = timezone.localdate()
    return refresh_figures(today - datetime.timedelta(days=RECENT_DAYS), today)
