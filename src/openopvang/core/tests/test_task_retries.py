"""Background jobs that fail are tried again a bounded number of times, and
every try is recorded; the nightly figures job is one of them."""

import pytest
from django_tasks import task

from openopvang.core.models import TaskAttempt
from openopvang.core.tasks import retried
from openopvang.reports import tasks as report_tasks

pytestmark = pytest.mark.django_db

CALLS: list[int] = []


@task()
@retried(attempts=3)
def flaky_job(fail_times: int) -> str:
    CALLS.append(fail_times)
    if len(CALLS) <= fail_times:
        raise ConnectionError("database went away")
    return "done"


@pytest.fixture(autouse=True)
def fresh_calls():
    CALLS.clear()


def test_a_job_that_fails_once_succeeds_on_the_second_try():
    result = flaky_job.enqueue(1)
    assert result.return_value == "done"
    tries = list(TaskAttempt.objects.order_by("attempt"))
    assert [(t.attempt, t.outcome) for t in tries] == [(1, "failed"), (2, "succeeded")]
    assert tries[0].error == "ConnectionError: database went away"
    assert tries[0].task_name.endswith("flaky_job") and '"args": [1]' in tries[0].arguments
    assert all(t.finished_at is not None and t.max_attempts == 3 for t in tries)


def test_a_job_that_keeps_failing_stops_after_the_last_try():
    result = flaky_job.enqueue(10)
    assert result.status == "FAILED"  # the backend records the job as failed
    assert len(CALLS) == 3
    assert list(TaskAttempt.objects.values_list("outcome", flat=True)) == ["failed"] * 3


def test_the_figures_jobs_are_retried():
    assert report_tasks.refresh_figures_task.func.max_attempts == 3
    assert report_tasks.refresh_recent_figures.func.max_attempts == 3
