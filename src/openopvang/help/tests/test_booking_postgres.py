"""Two people book the last place at the same moment, on PostgreSQL: each in
its own thread with its own connection, as two requests would. One gets the
place, the other the "full" message. Skipped on SQLite, which writes one
transaction at a time and has no row locks to test."""

import threading

import pytest
from django.db import connection, connections

from openopvang.help import services
from openopvang.help.models import Booking

from .factories import HourFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the race for the last place needs two sessions on PostgreSQL (row locks)",
    ),
]


def at_once(*calls) -> list:
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


@pytest.mark.parametrize("capacity", [1, 3])
def test_two_requests_for_the_last_place_give_one_booking_and_one_full_message(capacity, db):
    hour = HourFactory(capacity=capacity)
    for seat in range(capacity - 1):
        services.book(hour.pk, name=f"P{seat}", phone="1", email="", language="uk")

    def attempt(name):
        return lambda: services.book(hour.pk, name=name, phone="2", email="", language="uk")

    results = at_once(attempt("A"), attempt("B"))
    booked = [r for r in results if isinstance(r, tuple)]
    full = [r for r in results if isinstance(r, services.HourFull)]
    assert len(booked) == 1 and len(full) == 1, results
    assert full[0].messages == ["This consultation hour is full. Please choose another hour."]
    assert Booking.objects.booked().filter(hour=hour).count() == capacity
    seats = list(Booking.objects.filter(hour=hour).values_list("seat", flat=True))
    assert sorted(seats) == list(range(1, capacity + 1))


def test_two_cancels_with_the_code_at_once_cancel_once(db):
    hour = HourFactory(capacity=2)
    booking, token = services.book(hour.pk, name="A", phone="0612345678", email="", language="uk")
    code = services.booking_code(token)
    results = at_once(
        lambda: services.cancel_with_code("0612345678", code),
        lambda: services.cancel_with_code("+31612345678", code),
    )
    done = [r for r in results if isinstance(r, Booking)]
    used = [r for r in results if getattr(r, "code", "") == "used"]
    assert len(done) == 1 and len(used) == 1, results
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_two_schedulers_at_once_queue_a_job_once(db, settings):
    from django.utils import timezone

    from openopvang.core import schedule
    from openopvang.core.models import ScheduledRun

    settings.OPENOPVANG_SCHEDULE = {
        "help.purge_bookings": {"task": "openopvang.help.tasks.purge_bookings", "at": "00:00"}
    }
    now = timezone.now()
    results = at_once(lambda: schedule.enqueue_due(now), lambda: schedule.enqueue_due(now))
    assert sorted(results, key=len) == [[], ["help.purge_bookings"]], results
    assert ScheduledRun.objects.get().day == timezone.localdate(now)
