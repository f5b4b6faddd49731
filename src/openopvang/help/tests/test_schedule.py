"""The booking reminders and the purge of old bookings run as scheduled
background jobs (settings.OPENOPVANG_SCHEDULE, core.schedule): queued once a
day, and harmless when queued twice."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from openopvang.accounts.tests.test_staff import Mailbox, free_port, smtp_server  # noqa: F401
from openopvang.core import schedule
from openopvang.core.models import ScheduledRun
from openopvang.help.models import Booking

from .factories import BookingFactory, HourFactory

pytestmark = pytest.mark.django_db


def late_today() -> datetime.datetime:
    # after every job's time of day, so all of them are due
    return timezone.localtime().replace(hour=23, minute=59)


def test_the_help_jobs_are_in_the_schedule():
    jobs = {job.name: job for job in schedule.jobs()}
    assert jobs["help.booking_reminders"].task == "openopvang.help.tasks.send_booking_reminders"
    assert jobs["help.booking_reminders"].at == datetime.time(9, 0)
    assert jobs["help.purge_bookings"].task == "openopvang.help.tasks.purge_bookings"
    assert settings.OPENOPVANG_SCHEDULE_OFF == []


def test_the_scheduled_reminder_goes_once_also_when_queued_twice(smtp_server, vwn):  # noqa: F811
    tomorrow = timezone.localtime().replace(hour=14, minute=0) + datetime.timedelta(days=1)
    BookingFactory(
        hour=HourFactory(ngo=vwn, subject="Zorg", starts_at=tomorrow),
        email="a@example.org",
        language="en",
        created_at=timezone.now() - datetime.timedelta(days=3),
    )
    queued = schedule.enqueue_due(late_today())
    assert "help.booking_reminders" in queued
    (message,) = smtp_server.messages
    assert message["Subject"] == "Reminder: your consultation hour tomorrow: Zorg"
    # the same day again: not queued; queued again by hand (the row removed): nothing sent
    assert schedule.enqueue_due(late_today()) == []
    ScheduledRun.objects.all().delete()
    assert "help.booking_reminders" in schedule.enqueue_due(late_today())
    assert len(smtp_server.messages) == 1


def test_the_scheduled_purge_deletes_bookings_after_their_retention(vwn):
    old = HourFactory(ngo=vwn, starts_at=timezone.now() - datetime.timedelta(days=31))
    recent = HourFactory(ngo=vwn, starts_at=timezone.now() - datetime.timedelta(days=5))
    BookingFactory(hour=old, seat=1)
    kept = BookingFactory(hour=recent, seat=1)
    assert "help.purge_bookings" in schedule.enqueue_due(late_today())
    assert list(Booking.objects.all()) == [kept]
    ScheduledRun.objects.all().delete()
    schedule.enqueue_due(late_today())  # queued twice: the same result
    assert list(Booking.objects.all()) == [kept]
