"""Registry use cases. Every function that changes state first checks that the
user may change registry data of the record's municipality (registry.permissions),
is one transaction and writes an audit event (through core.services)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from openopvang.core.services import delete_audited, save_audited

from .models import CapacityPeriod, ChangeReason, HouseholdMembership, Location, Placement
from .permissions import require_can_edit_record
from .settled import changed_span, settled_periods


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


def lock_locations(*location_ids) -> None:
    """Serialise placements per location: lock the locations' rows until the
    end of the transaction, in id order (two moves in opposite directions
    then wait for each other instead of deadlocking). A second check-in at a
    locked location waits, and then counts the first one's placement, so the
    last place goes once. A no-op outside PostgreSQL (SQLite writes one
    transaction at a time anyway)."""
    ids = sorted({pk for pk in location_ids if pk is not None})
    if ids:
        list(Location.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))


def check_placement(placement: Placement) -> None:
    """What needs the other rows of a location at once, and so stays in the
    service: not above the realised capacity on any day unless the override
    is set with a reason. The row-local rules (overlap, opening dates, one
    municipality) are Placement.clean, which save_audited runs first. It
    counts under the location's lock (lock_locations), inside the save's
    transaction."""
    location = placement.location
    if location is None:
        return
    lock_locations(location.pk)
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


def save_placement(
    user, placement: Placement, *, change_reason: str = "", ask_reason=True, request=None
) -> Placement:
    extra = {}
    if placement.capacity_override:
        extra["capacity_override_reason"] = placement.override_reason
    return save_dated_record(
        user,
        placement,
        kind="placement",
        change_reason=change_reason,
        ask_reason=ask_reason,
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
    return save_placement(user, placement, request=request, ask_reason=False)


@transaction.atomic
def check_out(
    user, person, *, day: datetime.date, departure_reason=None, request=None
) -> Placement:
    """End the person's current placement on `day` (the last night there);
    `departure_reason` is a models.DepartureReason code."""
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
    placement.departure_reason = departure_reason or None
    return save_placement(user, placement, request=request, ask_reason=False)


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
    lock_locations(current.location_id, getattr(location, "pk", None))
    previous_end = current.end_date
    current.end_date = day - datetime.timedelta(days=1)
    save_placement(user, current, request=request, ask_reason=False)
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


# Households: one action for every member, all or nothing ---------------------


def household_members_on(household, day: datetime.date) -> list:
    """The persons who belong to `household` on `day`, in the order they joined."""
    memberships = (
        HouseholdMembership.objects.filter(household=household)
        .active_on(day)
        .select_related("person")
        .order_by("start_date", "id")
    )
    return [membership.person for membership in memberships]


def _naming(person, error: ValidationError) -> ValidationError:
    """The member's error with the member's name in front, on the same fields."""

    def name(messages):
        return [_("%(person)s: %(message)s") % {"person": person, "message": m} for m in messages]

    if hasattr(error, "error_dict"):
        return ValidationError(
            {
                field: name(ValidationError(errors).messages)
                for field, errors in error.error_dict.items()
            }
        )
    return ValidationError(name(error.messages))


@transaction.atomic
def _for_every_member(user, household, action, *, day: datetime.date, request=None, **kwargs):
    """Run `action` (check_in, move, check_out) for every member on `day` in one
    transaction. The members' placements are saved one after the other, so the
    capacity check of each counts the members placed before it: the whole
    household. The first refusal undoes everything and names the member."""
    require_can_edit_record(user, household)
    members = household_members_on(household, day)
    if not members:
        raise ValidationError(
            {
                "day": _("Household %(household)s has no members on %(date)s.")
                % {"household": household, "date": day.isoformat()}
            }
        )
    placements = []
    for person in members:
        try:
            placements.append(action(user, person, day=day, request=request, **kwargs))
        except ValidationError as error:
            raise _naming(person, error) from error
    return placements


def check_in_household(user, household, **kwargs) -> list[Placement]:
    """check_in for every member (same keyword arguments)."""
    return _for_every_member(user, household, check_in, **kwargs)


def move_household(user, household, **kwargs) -> list[Placement]:
    """move for every member (same keyword arguments)."""
    return _for_every_member(user, household, move, **kwargs)


def check_out_household(user, household, **kwargs) -> list[Placement]:
    """check_out for every member (same keyword arguments)."""
    return _for_every_member(user, household, check_out, **kwargs)


def _edit_span(record):
    """The days the unsaved edit of `record` changes, against the stored row."""
    stored = type(record)._base_manager.filter(pk=record.pk).first() if record.pk else None
    return changed_span(stored, record)


def settled_by_edit(record, kind: str) -> list[str]:
    """What the edit of `record` (not saved yet) would change of money already
    paid or declared; [] when nothing (registry/settled.py)."""
    return settled_periods(record.person, _edit_span(record), kind)


@transaction.atomic
def save_dated_record(
    user,
    record,
    *,
    kind: str,
    change_reason: str = "",
    ask_reason=True,
    request=None,
    **save_options,
):
    """Save a placement or income period. When an edit reaches a month
    already paid or a year already declared it needs a reason, which is kept
    (ChangeReason) for the correction that follows and written in the audit.
    The day-to-day actions (check in, move, check out) do not ask it
    (`ask_reason=False`): their correction says the registry changed."""
    require_can_edit_record(user, record)
    # The daily actions skip the stored-row read and the settled checks.
    span = _edit_span(record) if ask_reason else None
    settled = settled_periods(record.person, span, kind)
    reason = (change_reason or "").strip()
    extra = dict(save_options.pop("extra_changes", None) or {})
    if settled:
        if not reason:
            raise ValidationError(
                {
                    "change_reason": _(
                        "This changes money already paid or declared: give the reason for "
                        "the change."
                    )
                }
            )
        extra["change_reason"] = reason
    saved = save_audited(user, record, request=request, extra_changes=extra, **save_options)
    if settled:
        ChangeReason.objects.create(
            person=record.person,
            record=kind,
            start_date=span[0],
            end_date=span[1],
            reason=reason,
            recorded_by=user,
        )
    return saved
