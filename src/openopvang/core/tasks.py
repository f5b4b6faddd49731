"""Retries for background jobs. django-tasks runs a job once; `retried` runs
it again after a failure, a bounded number of times, and records every try
(core.TaskAttempt). Only wrap jobs that are idempotent: a second try must
give the same result as one successful try (recompute and overwrite, or
check what is already done), since a failed try may have written part of its
work. Use under the task decorator:

    @task()
    @retried(attempts=3)
    def refresh_figures_task(...): ...
"""

import functools
import json
import logging
import time

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

DEFAULT_ATTEMPTS = 3


def _arguments(args, kwargs) -> str:
    try:
        return json.dumps({"args": list(args), "kwargs": kwargs}, default=str)[:2000]
    except (TypeError, ValueError):
        return ""


def retried(attempts: int = DEFAULT_ATTEMPTS, *, retry_on: tuple = (Exception,)):
    """Run the job up to `attempts` times while it raises one of `retry_on`;
    wait OPENOPVANG_TASK_RETRY_DELAY seconds × the try number in between. The
    last error is raised again, so the task backend marks the job failed."""
    if attempts < 1:
        raise ValueError("attempts must be at least 1")

    def decorate(function):
        name = f"{function.__module__}.{function.__qualname__}"

        @functools.wraps(function)
        def run(*args, **kwargs):
            from .models import TaskAttempt

            arguments = _arguments(args, kwargs)
            for attempt in range(1, attempts + 1):
                record = TaskAttempt.objects.create(
                    task_name=name,
                    arguments=arguments,
                    attempt=attempt,
                    max_attempts=attempts,
                    started_at=timezone.now(),
                )
                try:
                    result = function(*args, **kwargs)
                except retry_on as error:
                    record.outcome = TaskAttempt.Outcome.FAILED
                    record.error = f"{type(error).__name__}: {error}"[:4000]
                    record.finished_at = timezone.now()
                    record.save(update_fields=["outcome", "error", "finished_at"])
                    logger.warning("%s failed (try %s of %s): %s", name, attempt, attempts, error)
                    if attempt == attempts:
                        raise
                    time.sleep(float(getattr(settings, "OPENOPVANG_TASK_RETRY_DELAY", 2)) * attempt)
                    continue
                record.outcome = TaskAttempt.Outcome.SUCCEEDED
                record.finished_at = timezone.now()
                record.save(update_fields=["outcome", "finished_at"])
                return result
            raise AssertionError("unreachable")  # pragma: no cover

        run.max_attempts = attempts
        return run

    return decorate
