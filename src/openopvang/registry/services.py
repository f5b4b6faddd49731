"""Registry use cases. Every function that changes state first checks that the
user may change registry data of the record's municipality (registry.permissions),
is one transaction and writes an audit event (through core.services)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from openopvang.core.services import delete_audited, save_audited

from .models import CapacityPeriod, Placement
from .permissions import require_can_edit_record


def _breakpoints(start, end, ranges) -> list[datetime.date]:
    """Days in [start, end] on which occupancy or capacity may change."""
    days = {start}
    for range_start, range_end in ranges:
        if range_start and range_start > start and (end is None or range_start <= end):
            days.add(range_start)
        if range_end:
            after = range_end + datetime.timedelta(days=1)
            if after > start and (end is None or after <= end):
                days.add(after)
    return sorted(days)


def check_placement(placement: Placement) -> None:
    """What needs the other rows of a location at once, and so stays in the
    service: not above the realised capacity on any day unless the override
    is set with a reason. The row-local rules (overlap, opening dates, one
    municipality) are Placement.clean, which save_audited runs first."""
    location = placement.location
    if location is None:
        return
    if not placement.capacity_override:
        full_day = first_day_over_capacity(placement)
        if full_day:
            raise ValidationError(
                {
                    "capacity_override": _(
                        "%(location)s has no free place on %(date)s. Choose another location or "
                        "override the capacity check with a reason."
                    )
                    % {"location": location, "date": full_day.isoformat()}
                }
            )


def first_day_over_capacity(placement: Placement) -> datetime.date | None:
    """The first day in the placement on which the location would hold more
    persons than its realised places, or None."""
    start, end = placement.start_date, placement.end_date
    others = list(
        Placement.objects.filter(location_id=placement.location_id)
        .exclude(pk=placement.pk)
        .overlapping(start, end)
        .values_list("start_date", "end_date")
    )
    periods = list(
        CapacityPeriod.objects.filter(location_id=placement.location_id)
        .overlapping(start, end)
        .values_list("start_date", "end_date", "places")
    )
    for day in _breakpoints(start, end, others + [(s, e) for s, e, _p in periods]):
        capacity = next((p for s, e, p in periods if s <= day and (e is None or e >= day)), 0)
        occupied = sum(1 for s, e in others if s <= day and (e is None or e >= day))
        if occupied + 1 > capacity:
            return day
    return None


def save_record(user, instance, *, request=None):
    """Create or change any registry record (person, household, membership,
    location, capacity period, host, income period, provision)."""
    require_can_edit_record(user, instance)
    return save_audited(user, instance, request=request)


def delete_record(user, instance, *, request=None) -> None:
    require_can_edit_record(user, instance)
    delete_audited(user, instance, request=request)


def save_placement(user, placement: Placement, *, request=None) -> Placement:
    require_can_edit_record(user, placement)
    extra = {}
    if placement.capacity_override:
        extra["capacity_override_reason"] = placement.override_reason
    return save_audited(
        user,
        placement,
        request=request,
        validate=check_placement,
        extra_changes=extra,
    )


def current_placement(person, day: datetime.date) -> Placement | None:
    return person.placements.active_on(day).select_related("location", "host").first()


@transaction.atomic
def check_in(
    user,
    person,
    *,
    day: datetime.date,
    location=None,
    host=None,
    end_date=None,
    capacity_override=False,
    override_reason="",
    request=None,
) -> Placement:
    """Place a person at a location or with a host from `day`."""
    require_can_edit_record(user, person)
    placement = Placement(
        municipality=person.municipality,
        person=person,
        location=location,
        host=host,
        start_date=day,
        end_date=end_date,
        capacity_override=capacity_override,
        override_reason=override_reason,
    )
    return save_placement(user, placement, request=request)


@transaction.atomic
def check_out(user, person, *, day: datetime.date, request=None) -> Placement:
    """End the person's current placement on `day` (the last night there)."""
    require_can_edit_record(user, person)
    placement = current_placement(person, day)
    if placement is None:
        raise ValidationError(
            {
                "day": _("%(person)s has no placement on %(date)s.")
                % {"person": person, "date": day.isoformat()}
            }
        )
    if placement.end_date is not None and placement.end_date < day:
        raise ValidationError(
            {
                "day": _("The placement already ends on %(date)s.")
                % {"date": placement.end_date.isoformat()}
            }
        )
    placement.end_date = day
    return save_placement(user, placement, request=request)


@transaction.atomic
def move(
    user,
    person,
    *,
    day: datetime.date,
    location=None,
    host=None,
    capacity_override=False,
    override_reason="",
    request=None,
) -> Placement:
    """Move a person: the current placement ends the day before `day`, the new
    one starts on `day`. One action, one transaction: both or neither."""
    require_can_edit_record(user, person)
    current = current_placement(person, day)
    if current is None:
        raise ValidationError(
            {
                "day": _("%(person)s has no placement on %(date)s to move from.")
                % {"person": person, "date": day.isoformat()}
            }
        )
    if current.start_date >= day:
        raise ValidationError(
            {
                "day": _("The move must be after the current placement starts (%(date)s).")
                % {"date": current.start_date.isoformat()}
            }
        )
    previous_end = current.end_date
    current.end_date = day - datetime.timedelta(days=1)
    save_placement(user, current, request=request)
    return check_in(
        user,
        person,
        day=day,
        location=location,
        host=host,
        end_date=previous_end,
        capacity_override=capacity_override,
        override_reason=override_reason,
        request=request,
    )
