"""Background tasks of the help app (django-tasks): the booking reminders
and the purge of bookings after their retention, queued once a day by the
scheduler (core.schedule, settings.OPENOPVANG_SCHEDULE; the commands
`openopvang help_send_reminders` and `help_purge_bookings` do the same by
hand), and the sending of a newsletter issue."""

from django_tasks import task

from openopvang.core.tasks import retried

from . import mail, services


# Both are idempotent, so safe to try again: a reminder is claimed per booking
# before it is sent, the purge deletes what is due.
@task()
@retried(attempts=3)
def send_booking_reminders() -> int:
    return mail.send_reminders()


@task()
@retried(attempts=3)
def purge_bookings() -> int:
    return services.purge_bookings()


@task()
def publish_feeds() -> int:
    """The configured channels (Telegram) post the new entries of their feeds."""
    from .channels import publish_all

    return publish_all()


@task()
def send_newsletter_issue(issue_id: int) -> int:
    from .newsletter import send_issue

    return send_issue(issue_id)
