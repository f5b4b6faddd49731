"""Background tasks of the help app (django-tasks): the booking reminders,
for a scheduler to enqueue daily (`openopvang help_send_reminders` does the
same by hand), and the sending of a newsletter issue."""

from django_tasks import task

from . import mail


@task()
def send_booking_reminders() -> int:
    return mail.send_reminders()


@task()
def send_newsletter_issue(issue_id: int) -> int:
    from .newsletter import send_issue

    return send_issue(issue_id)
