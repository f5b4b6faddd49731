"""Writing audit events. Services call `record` inside their transaction, so an
event exists exactly when the change does."""

import datetime
import decimal

from django.db import models

from .models import AuditAction, AuditEvent


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model) -> dict:
    """The concrete field values of a model instance, JSON-ready."""
    return {
        field.attname: _plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
    }


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for fields whose value changed."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _is_api_request(request) -> bool:
    """A token-authenticated request, or any request handled by a REST framework
    view (the API, also when called with a session)."""
    if getattr(request, "auth", None) is not None:
        return True
    from rest_framework.request import Request

    return isinstance(request, Request)


def record(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    object_type: str | None = None,
    object_id: str = "",
    object_repr: str = "",
    changes: dict | None = None,
    channel: str = "web",
    request=None,
    organisation=None,
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    ip_address = request.META.get("REMOTE_ADDR") if request is not None else None
    if request is not None and _is_api_request(request):
        channel = "api"
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_name=actor.get_username() if authenticated else "",
        organisation=organisation or (actor.organisation if authenticated else None),
        action=action,
        object_type=object_type or "",
        object_id=object_id,
        object_repr=object_repr,
        changes={key: _plain(value) for key, value in (changes or {}).items()},
        channel=channel,
        ip_address=ip_address,
    )


def record_view(actor, obj, request=None) -> AuditEvent:
    return record(actor, AuditAction.VIEW, obj, request=request)
