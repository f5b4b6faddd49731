"""The daily digest as a background task (django-tasks), for a scheduler to
enqueue once a day; `openopvang casework_digest` does the same by hand."""

from django.utils import timezone
from django_tasks import task

from .digest import send_digests


@task()
def send_daily_digests() -> int:
    return send_digests(timezone.localdate())
