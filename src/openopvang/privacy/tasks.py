"""Anonymising what is due, as a background task (django-tasks) for a
scheduler to enqueue once a day; `openopvang privacy anonymise` does the same
by hand."""

from django_tasks import task

from .services import anonymise_due


@task()
def anonymise_due_records() -> dict:
    report = anonymise_due()
    return {"persons": len(report.persons), "rows": report.totals(), "kinds": report.kinds()}
