"""The periodic jobs (core.schedule, `openopvang scheduler`): each is queued
once a day from its local time on, also when the scheduler runs twice or two
schedulers run at once; a queue that refuses leaves nothing behind, so the
next pass tries again; a job can be switched off by name."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from openopvang.core import schedule
from openopvang.core.models import ScheduledRun

pytestmark = pytest.mark.django_db

RUNS: list[str] = []


@task()
def counted() -> int:
    RUNS.append("ran")
    return len(RUNS)


class _QueueDown:
    def enqueue(self):
        raise ConnectionError("queue down")


queue_down = _QueueDown()

JOB = {"test.counted": {"task": f"{__name__}.counted", "at": "09:00"}}


@pytest.fixture(autouse=True)
def only_the_test_job(settings):
    RUNS.clear()
    settings.OPENOPVANG_SCHEDULE = dict(JOB)
    settings.OPENOPVANG_SCHEDULE_OFF = []


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 12, day, hour, minute))


def test_a_job_runs_once_a_day_from_its_time_on():
    assert schedule.enqueue_due(at(4, 8, 59)) == []
    assert schedule.enqueue_due(at(4, 9, 0)) == ["test.counted"]
    assert RUNS == ["ran"]  # the test settings run a queued job at once
    # the next minute, a restarted scheduler, or a second one: nothing more
    assert schedule.enqueue_due(at(4, 9, 1)) == []
    assert schedule.enqueue_due(at(4, 23, 59)) == []
    assert RUNS == ["ran"]
    # the next day again, also when the scheduler comes back late
    assert schedule.enqueue_due(at(5, 14, 30)) == ["test.counted"]
    assert RUNS == ["ran", "ran"]
    assert list(ScheduledRun.objects.values_list("job", "day").order_by("day")) == [
        ("test.counted", datetime.date(2026, 12, 4)),
        ("test.counted", datetime.date(2026, 12, 5)),
    ]


def test_a_queue_that_refuses_leaves_no_row_and_the_next_pass_tries_again(settings):
    settings.OPENOPVANG_SCHEDULE = {
        "test.counted": {"task": f"{__name__}.queue_down", "at": "09:00"},
        "test.other": {"task": f"{__name__}.counted", "at": "09:00"},
    }
    # the other job is queued all the same
    assert schedule.enqueue_due(at(4, 9, 0)) == ["test.other"]
    assert list(ScheduledRun.objects.values_list("job", flat=True)) == ["test.other"]
    RUNS.clear()
    settings.OPENOPVANG_SCHEDULE = dict(JOB)
    assert schedule.enqueue_due(at(4, 9, 1)) == ["test.counted"]
    assert RUNS == ["ran"]


def test_a_monthly_job_and_a_job_switched_off(settings):
    settings.OPENOPVANG_SCHEDULE = {
        "test.monthly": {"task": f"{__name__}.counted", "at": "04:00", "day_of_month": 1},
        "test.off": {"task": f"{__name__}.counted", "at": "04:00"},
    }
    settings.OPENOPVANG_SCHEDULE_OFF = ["test.off"]
    assert schedule.enqueue_due(at(2, 12)) == []
    assert schedule.enqueue_due(at(1, 4)) == ["test.monthly"]
    assert RUNS == ["ran"]


def test_the_command_says_what_it_queued():
    out = StringIO()
    call_command("scheduler", "--once", stdout=out)
    call_command("scheduler", "--once", stdout=out)
    # whatever the time of day the test runs: at most once
    assert out.getvalue() in {"", "Queued test.counted.\n"}
    assert len(RUNS) == ScheduledRun.objects.count() <= 1


def test_every_job_of_the_default_schedule_is_a_task():
    from django.conf import settings as project

    from openopvang.conf import base

    assert base.OPENOPVANG_SCHEDULE  # the shipped schedule, not the test's
    for name, entry in base.OPENOPVANG_SCHEDULE.items():
        found = import_string(entry["task"])
        assert hasattr(found, "enqueue"), name
        datetime.time.fromisoformat(entry["at"])
    assert project.OPENOPVANG_SCHEDULE == JOB


def test_a_job_every_hour_from_its_time_on(settings):
    settings.OPENOPVANG_SCHEDULE = {
        "test.hourly": {"task": f"{__name__}.counted", "at": "07:00", "every_minutes": 60}
    }
    assert schedule.enqueue_due(at(4, 6, 59)) == []
    assert schedule.enqueue_due(at(4, 7, 0)) == ["test.hourly"]
    assert schedule.enqueue_due(at(4, 7, 59)) == []
    assert schedule.enqueue_due(at(4, 8, 0)) == ["test.hourly"]
    # a scheduler that was down from 08:30 to 10:15 queues once, not for each missed hour
    assert schedule.enqueue_due(at(4, 10, 15)) == ["test.hourly"]
    assert schedule.enqueue_due(at(4, 10, 45)) == []
    assert RUNS == ["ran"] * 3
    assert list(ScheduledRun.objects.order_by("slot").values_list("slot", flat=True)) == [0, 1, 3]
