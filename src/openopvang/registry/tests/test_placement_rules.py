"""Placement rules a coordinator relies on: no double placement, not before a
location opens, not above realised capacity without an audited override."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories
from openopvang.registry import services
from openopvang.registry.models import Placement

D = datetime.date


@pytest.fixture
def location(municipality):
    location = factories.LocationFactory(
        municipality=municipality, name="Jaarbeurs", opened_on=D(2023, 1, 1)
    )
    factories.CapacityPeriodFactory(
        location=location, start_date=D(2023, 1, 1), end_date=D(2023, 12, 31), places=2
    )
    factories.CapacityPeriodFactory(location=location, start_date=D(2024, 1, 1), places=1)
    return location


@pytest.fixture
def person(municipality):
    return factories.PersonFactory(
        municipality=municipality, given_names="Olena", family_name="Shevchenko"
    )


def test_check_in_creates_placement_and_audit_event(coordinator, person, location):
    placement = services.check_in(coordinator, person, day=D(2023, 5, 1), location=location)
    assert placement.pk and placement.end_date is None
    event = AuditEvent.objects.get(object_type="registry.Placement", object_id=str(placement.pk))
    assert event.action == "create"
    assert event.actor == coordinator
    assert event.changes["start_date"] == "2023-05-01"


def test_overlapping_placement_is_refused_with_clear_message(
    coordinator, person, location, municipality
):
    services.check_in(coordinator, person, day=D(2023, 5, 1), location=location)
    host = factories.HostFactory(municipality=municipality, name="Familie Jansen")
    with pytest.raises(ValidationError) as error:
        services.check_in(coordinator, person, day=D(2023, 6, 1), host=host)
    message = " ".join(error.value.message_dict["start_date"])
    assert "already has a placement at Jaarbeurs from 2023-05-01" in message
    assert Placement.objects.filter(person=person).count() == 1


def test_adjacent_placements_do_not_overlap(coordinator, person, location, municipality):
    """Ranges are inclusive: ending on 31 May and starting on 1 June is fine."""
    services.check_in(
        coordinator, person, day=D(2023, 5, 1), location=location, end_date=D(2023, 5, 31)
    )
    host = factories.HostFactory(municipality=municipality)
    services.check_in(coordinator, person, day=D(2023, 6, 1), host=host)
    assert Placement.objects.filter(person=person).count() == 2


def test_placement_before_location_opens_is_refused(coordinator, person, location):
    with pytest.raises(ValidationError) as error:
        services.check_in(coordinator, person, day=D(2022, 12, 31), location=location)
    assert "opens on 2023-01-01" in " ".join(error.value.message_dict["start_date"])


def test_capacity_is_checked_on_every_day(coordinator, location, municipality):
    first, second, third = (factories.PersonFactory(municipality=municipality) for _ in range(3))
    services.check_in(coordinator, first, day=D(2023, 3, 1), location=location)
    services.check_in(
        coordinator, second, day=D(2023, 3, 1), location=location, end_date=D(2023, 12, 31)
    )
    # 2 places in 2023 are both taken.
    with pytest.raises(ValidationError) as error:
        services.check_in(coordinator, third, day=D(2023, 6, 1), location=location)
    assert "no free place on 2023-06-01" in " ".join(error.value.message_dict["capacity_override"])
    # From 2024 only 1 place, taken by `first` (open end): a 2024 start is refused too.
    with pytest.raises(ValidationError) as error:
        services.check_in(coordinator, third, day=D(2024, 2, 1), location=location)
    assert "2024-02-01" in " ".join(error.value.message_dict["capacity_override"])


def test_capacity_drop_later_in_the_placement_is_found(coordinator, location, municipality):
    """Free in 2023, but the capacity drops to 1 on 2024-01-01 while another stays."""
    stayer, newcomer = (factories.PersonFactory(municipality=municipality) for _ in range(2))
    services.check_in(coordinator, stayer, day=D(2023, 3, 1), location=location)
    with pytest.raises(ValidationError) as error:
        services.check_in(coordinator, newcomer, day=D(2023, 10, 1), location=location)
    assert "2024-01-01" in " ".join(error.value.message_dict["capacity_override"])
    # Ending before the drop fits.
    services.check_in(
        coordinator, newcomer, day=D(2023, 10, 1), location=location, end_date=D(2023, 12, 31)
    )


def test_capacity_override_needs_reason_and_is_audited(coordinator, location, municipality):
    first, second = (factories.PersonFactory(municipality=municipality) for _ in range(2))
    services.check_in(coordinator, first, day=D(2024, 1, 1), location=location)
    with pytest.raises(ValidationError) as error:
        services.check_in(
            coordinator, second, day=D(2024, 1, 1), location=location, capacity_override=True
        )
    assert "override_reason" in error.value.message_dict
    placement = services.check_in(
        coordinator,
        second,
        day=D(2024, 1, 1),
        location=location,
        capacity_override=True,
        override_reason="Emergency, one night",
    )
    event = AuditEvent.objects.get(object_type="registry.Placement", object_id=str(placement.pk))
    assert event.changes["capacity_override_reason"] == "Emergency, one night"


def test_move_ends_current_and_starts_new_in_one_action(
    coordinator, person, location, municipality
):
    services.check_in(coordinator, person, day=D(2023, 2, 1), location=location)
    host = factories.HostFactory(municipality=municipality)
    new = services.move(coordinator, person, day=D(2023, 8, 15), host=host)
    old = Placement.objects.get(person=person, location=location)
    assert old.end_date == D(2023, 8, 14)
    assert new.host == host and new.start_date == D(2023, 8, 15) and new.end_date is None


def test_failed_move_changes_nothing(coordinator, location, municipality):
    """The new place is full: the old placement keeps its open end."""
    mover = factories.PersonFactory(municipality=municipality)
    other_location = factories.LocationFactory(municipality=municipality, opened_on=D(2023, 1, 1))
    factories.CapacityPeriodFactory(location=other_location, start_date=D(2023, 1, 1), places=0)
    services.check_in(coordinator, mover, day=D(2023, 2, 1), location=location)
    with pytest.raises(ValidationError):
        services.move(coordinator, mover, day=D(2023, 8, 15), location=other_location)
    assert Placement.objects.get(person=mover).end_date is None


def test_check_out_sets_end_date(coordinator, person, location):
    services.check_in(coordinator, person, day=D(2023, 2, 1), location=location)
    placement = services.check_out(coordinator, person, day=D(2023, 3, 31))
    assert placement.end_date == D(2023, 3, 31)
    assert AuditEvent.objects.filter(action="update", object_id=str(placement.pk)).exists()


def test_finance_role_cannot_place(finance_officer, person, location):
    with pytest.raises(PermissionDenied):
        services.check_in(finance_officer, person, day=D(2023, 2, 1), location=location)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraint is PostgreSQL only"
)
def test_database_refuses_overlap_even_without_validation(person, location, municipality):
    Placement.objects.create(
        municipality=municipality, person=person, location=location, start_date=D(2023, 1, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.create(
            municipality=municipality,
            person=person,
            location=location,
            start_date=D(2023, 6, 1),
            end_date=D(2023, 6, 30),
        )
