"""The daily figures as a background task (django-tasks): a scheduler
enqueues `refresh_recent_figures` every night (and after a bulk change such
as an import); `openopvang refresh_figures` does the same by hand."""

import datetime

from django.utils import timezone
from django_tasks import task

from openopvang.core.tasks import retried

from .costs import refresh_costs
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
    start = today - datetime.timedelta(days=RECENT_DAYS)
    written = refresh_figures(start, today)
    # the months the window touches: late runs, invoices and corrections
    return written + refresh_costs(start, today)


def last_month(today: datetime.date) -> datetime.date:
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def make_monthly_reports(month: datetime.date, municipality_ids=None) -> int:
    """Make (or remake) the stored monthly report of `month` per municipality."""
    from openopvang.accounts.models import Organisation

    from .models import MonthlyReport
    from .monthly import ReportReader, report_pdf

    municipalities = Organisation.objects.municipalities()
    if municipality_ids is not None:
        municipalities = municipalities.filter(pk__in=list(municipality_ids))
    count = 0
    for municipality in municipalities:
        pdf = report_pdf(ReportReader(municipality), month)
        MonthlyReport.objects.update_or_create(
            municipality=municipality, month=month, defaults={"pdf": pdf}
        )
        count += 1
    return count


@task()
def monthly_reports(month: str | None = None) -> int:
    """On the first of every month: the report of the month just ended."""
    day = datetime.date.fromisoformat(month) if month else last_month(timezone.localdate())
    return make_monthly_reports(day.replace(day=1))
