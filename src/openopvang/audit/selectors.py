"""Reading the audit log, always scoped: an administrator sees the events of
their own organisation, a platform superuser sees all."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from .models import AuditEvent
from .permissions import can_read_audit_log


def events_for_user(user) -> models.QuerySet:
    if not can_read_audit_log(user):
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor", "organisation")
    if user.is_superuser:
        return events
    return events.filter(organisation_id=user.organisation_id)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filter_events(
    events: models.QuerySet,
    *,
    actor=None,
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    subject: int | None = None,
) -> models.QuerySet:
    """Dates are an inclusive range of local calendar days. With an object
    type and id, the events about that record: its own (changed, viewed) and
    every read that showed it, such as a list page or a household page that
    named the person."""
    if actor is not None:
        events = events.filter(actor=actor)
    if action:
        events = events.filter(action=action)
    if object_type and object_id:
        events = events.filter(about_record(object_type, object_id))
    elif object_type:
        events = events.filter(object_type=object_type)
    elif object_id:
        events = events.filter(object_id=object_id)
    if subject is not None:
        events = events.filter(about_subject(subject))
    if date_from:
        events = events.filter(at__gte=_start_of(date_from))
    if date_to:
        events = events.filter(at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    return events.order_by("-at", "-id")


def about_record(object_type: str, object_id) -> models.Q:
    """Events of one record, and reads that showed it among others."""
    token = f" {object_type}:{object_id} "
    return models.Q(object_type=object_type, object_id=str(object_id)) | models.Q(
        shown__contains=token
    )


PERSON = "registry.Person"  # by label: audit imports no app (docs/architecture.md)


def about_subject(person_id, related=()) -> models.Q:
    """Events about one data subject: the person's own record and every read
    that showed it, records created or changed with the person's id in their
    snapshot (a placement, a membership, a case), and the events of the
    `related` records given as (model label, pk) pairs."""
    person_id = int(person_id)
    query = about_record(PERSON, person_id)
    query |= models.Q(changes__person_id=person_id) | models.Q(changes__person_id=[None, person_id])
    for label, pk in related:
        query |= models.Q(object_type=label, object_id=str(pk))
    return query


def object_types(events: models.QuerySet) -> list[str]:
    return list(
        events.order_by().values_list("object_type", flat=True).distinct().order_by("object_type")
    )


def change_rows(event: AuditEvent) -> list[tuple[str, object, object]]:
    """(field, old, new) for the detail page. Changes are stored as
    {field: [old, new]}; a plain value (a created record) has no old value."""
    rows = []
    for field, value in sorted((event.changes or {}).items()):
        if isinstance(value, list) and len(value) == 2:
            rows.append((field, value[0], value[1]))
        else:
            rows.append((field, None, value))
    return rows
