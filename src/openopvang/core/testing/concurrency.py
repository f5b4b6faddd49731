"""Helpers for tests of two people acting at the same moment (PostgreSQL):
each call runs in its own thread, so with its own database connection, its
own session and its own transaction, as two requests would."""

import threading
import time

import pytest
from django.db import connection, connections

# For a module of such tests: a real transaction per call (no test
# transaction around them) and skipped on SQLite, which writes one
# transaction at a time and has no row locks or exclusion constraints.
postgresql_only = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency needs two sessions on PostgreSQL (row locks, exclusion constraints)",
    ),
]


def at_once(*calls) -> list:
    """Run the calls in threads released together; each result is the call's
    return value or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the outcome is what is tested
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a session hung (deadlock?)"
    return results


def refused(results) -> list:
    return [result for result in results if isinstance(result, Exception)]


def succeeded(results) -> list:
    return [result for result in results if not isinstance(result, Exception)]


def pause_after(monkeypatch, owner, name, seconds: float = 0.3) -> None:
    """Widen a race on purpose: `owner.name` pauses after doing its work, so
    both sides have checked before either writes, every time."""
    original = getattr(owner, name)

    def slow(*args, **kwargs):
        result = original(*args, **kwargs)
        time.sleep(seconds)
        return result

    monkeypatch.setattr(owner, name, slow)
