"""Two people at the same moment, on PostgreSQL: each side runs in its own
thread with its own database connection (its own session and transaction),
as two requests would. Skipped on SQLite, which writes one transaction at a
time and has no row locks or exclusion constraints to test.

Where a race depends on timing, the test widens the window on purpose (a
pause between the check and the write), so it fails every time on code
without the guard instead of now and then."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.services import StaleRecord
from openopvang.core.testing import factories
from openopvang.core.testing.concurrency import (
    at_once,
    pause_after,
    postgresql_only,
    refused,
    succeeded,
)
from openopvang.registry import services
from openopvang.registry.models import HouseholdMembership, MemberRole, Person, Placement

pytestmark = postgresql_only

D = datetime.date


@pytest.fixture
def second_coordinator(municipality):
    from openopvang.accounts.models import Role

    return factories.UserFactory(
        username="coordinator_b", organisation=municipality, role=Role.COORDINATOR
    )


@pytest.fixture
def olena(municipality):
    return factories.PersonFactory(
        municipality=municipality, given_names="Olena", family_name="Shevchenko"
    )


def test_two_edits_of_one_person_one_wins_the_other_is_told(coordinator, second_coordinator, olena):
    # Both opened the edit form on version 1.
    mine = Person.objects.get(pk=olena.pk)
    theirs = Person.objects.get(pk=olena.pk)
    mine.given_names = "Olha"
    theirs.family_name = "Koval"
    results = at_once(
        lambda: services.save_record(coordinator, mine),
        lambda: services.save_record(second_coordinator, theirs),
    )
    assert len(succeeded(results)) == 1
    [stale] = refused(results)
    assert isinstance(stale, StaleRecord) and stale.code == "stale"
    olena.refresh_from_db()
    assert olena.version == 2
    winner = mine if results[0] is mine else theirs
    loser = theirs if winner is mine else mine
    # The stored record is the winner's change, whole; the refused side still
    # has its own values and is shown the stored ones.
    assert (olena.given_names, olena.family_name) == (winner.given_names, winner.family_name)
    assert stale.stored.given_names == olena.given_names
    assert stale.stored.family_name == olena.family_name
    assert (loser.given_names, loser.family_name) != (olena.given_names, olena.family_name)
    # The audit log records only the change that was stored.
    assert (
        AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(olena.pk)).count() == 1
    )


def test_two_check_ins_for_the_last_place_only_one_succeeds(
    coordinator, second_coordinator, municipality, monkeypatch
):
    location = factories.LocationFactory(municipality=municipality, opened_on=D(2023, 1, 1))
    factories.CapacityPeriodFactory(location=location, places=2, start_date=D(2023, 1, 1))
    factories.PlacementFactory(  # one place left
        person=factories.PersonFactory(municipality=municipality),
        location=location,
        start_date=D(2023, 1, 1),
    )
    first, second = (factories.PersonFactory(municipality=municipality) for _ in range(2))
    # Both count the free places before either has written its placement.
    pause_after(monkeypatch, services, "first_day_over_capacity")
    results = at_once(
        lambda: services.check_in(coordinator, first, day=D(2023, 6, 1), location=location),
        lambda: services.check_in(second_coordinator, second, day=D(2023, 6, 1), location=location),
    )
    assert len(succeeded(results)) == 1
    [error] = refused(results)
    assert isinstance(error, ValidationError)
    assert "no free place" in " ".join(error.messages)
    assert Placement.objects.filter(location=location).count() == 2


def test_two_moves_in_opposite_directions_do_not_deadlock(
    coordinator, second_coordinator, municipality
):
    here, there = (
        factories.LocationFactory(municipality=municipality, opened_on=D(2023, 1, 1))
        for _ in range(2)
    )
    for location in (here, there):
        factories.CapacityPeriodFactory(location=location, places=5, start_date=D(2023, 1, 1))
    first, second = (factories.PersonFactory(municipality=municipality) for _ in range(2))
    services.check_in(coordinator, first, day=D(2023, 1, 1), location=here)
    services.check_in(coordinator, second, day=D(2023, 1, 1), location=there)
    results = at_once(
        lambda: services.move(coordinator, first, day=D(2023, 6, 1), location=there),
        lambda: services.move(second_coordinator, second, day=D(2023, 6, 1), location=here),
    )
    assert not refused(results), results


def test_two_memberships_of_one_person_at_once_only_one_succeeds(
    coordinator, second_coordinator, municipality, olena, monkeypatch
):
    households = [factories.HouseholdFactory(municipality=municipality) for _ in range(2)]
    # Both pass the model's own check before either has written its membership:
    # the database's exclusion constraint settles it.
    pause_after(monkeypatch, HouseholdMembership, "clean")

    def join(user, household):
        membership = HouseholdMembership(
            household=household, person=olena, role=MemberRole.PARTNER, start_date=D(2023, 3, 1)
        )
        return services.save_record(user, membership)

    results = at_once(
        lambda: join(coordinator, households[0]),
        lambda: join(second_coordinator, households[1]),
    )
    assert len(succeeded(results)) == 1
    [error] = refused(results)
    assert isinstance(error, ValidationError)
    assert "memberships of one person cannot overlap" in " ".join(error.messages)
    assert HouseholdMembership.objects.filter(person=olena).count() == 1


def test_the_database_refuses_overlapping_memberships_with_a_message(
    coordinator, municipality, olena
):
    first, second = (factories.HouseholdFactory(municipality=municipality) for _ in range(2))
    factories.MembershipFactory(household=first, person=olena, start_date=D(2023, 1, 1))
    overlapping = HouseholdMembership(
        household=second,
        person=olena,
        role=MemberRole.PARTNER,
        start_date=D(2023, 6, 1),
        end_date=D(2023, 6, 30),
    )
    with pytest.raises(Exception) as raised:
        overlapping.save()
    assert "membership_no_overlap_per_person" in str(raised.value)
