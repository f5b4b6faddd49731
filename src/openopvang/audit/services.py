"""Writing audit events. Services call `record` inside their transaction, so an
event exists exactly when the change does. Reads of personal data go through
`record_read` (one event per page or detail view, naming the records shown);
views reach it through core.mixins.AuditedListMixin / audit_read and the API
through core.api.viewsets.AuditedReadMixin."""

import datetime
import decimal
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from . import chain
from .client import client_address
from .models import AuditAction, AuditEvent


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


# Secrets are never copied into the log, not even as hashes.
NEVER_AUDITED = frozenset({"password", "token_hash"})


def snapshot(instance: models.Model) -> dict:
    """The concrete field values of a model instance, JSON-ready."""
    return {
        field.attname: _plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.attname not in NEVER_AUDITED
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
    shown: str = "",
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    ip_address = client_address(request) if request is not None else None
    if request is not None and _is_api_request(request):
        channel = "api"
    event = AuditEvent(
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
        shown=shown,
    )
    return _append(event)


def _append(event: AuditEvent) -> AuditEvent:
    """Link the event to the last one and store it, under the chain lock."""
    with transaction.atomic():
        chain.lock_chain()
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        # The JSON as it will be read back, so the hash can be recomputed from the row.
        event.changes = json.loads(json.dumps(event.changes, cls=DjangoJSONEncoder))
        event.prev_hash = last or ""
        event.hash = chain.event_hash(event, event.prev_hash)
        event.save()
    return event


def record_view(actor, obj, request=None) -> AuditEvent:
    return record(actor, AuditAction.VIEW, obj, request=request, shown=shown_field([obj]))


def shown_token(label: str, pk) -> str:
    return f"{label}:{pk}"


def _shown_pairs(shown) -> list[tuple[str, object]]:
    """Model instances or (label, pk) pairs, without repeats, in order."""
    pairs, seen = [], set()
    for item in shown:
        if item is None:
            continue
        if isinstance(item, models.Model):
            pair = (item._meta.label, item.pk)
        else:
            pair = (item[0], item[1])
        if pair[1] is None or pair in seen:
            continue
        seen.add(pair)
        pairs.append(pair)
    return pairs


def shown_field(shown) -> str:
    pairs = _shown_pairs(shown)
    if not pairs:
        return ""
    return " " + " ".join(shown_token(label, pk) for label, pk in pairs) + " "


def _query_of(request) -> dict:
    """The filters, search and sort of a read, without the page number."""
    if request is None:
        return {}
    params = getattr(request, "query_params", None) or request.GET
    return {
        key: values if len(values) > 1 else values[0]
        for key, values in sorted(params.lists())
        if key != "page"
    }


def record_read(
    actor,
    shown,
    *,
    obj: models.Model | None = None,
    object_type: str = "",
    page: int | None = None,
    request=None,
    extra: dict | None = None,
) -> AuditEvent | None:
    """One `view` event for one page or detail view of personal data.

    `shown` are the records on the page (model instances or (label, pk)
    pairs): their tokens go into `AuditEvent.shown`, so the log can answer
    "who saw person X" for lists too, with one row per page, never one per
    person. `obj` is the record the page is about (a household, a location);
    for a list it is None and `object_type` names what is listed. The
    filters/search of the request and the page number go into `changes`.
    A list page that shows no record writes nothing."""
    pairs = _shown_pairs(shown)
    if obj is not None:
        pairs = _shown_pairs([obj, *pairs])
    if not pairs:
        return None
    changes = {"query": _query_of(request)}
    if page is not None:
        changes["page"] = page
    changes["records"] = len(pairs)
    changes.update(extra or {})
    object_repr = ""
    if obj is None and request is not None:
        object_repr = request.path[:200]
    return record(
        actor,
        AuditAction.VIEW,
        obj,
        object_type=object_type or None,
        object_repr=object_repr,
        changes=changes,
        request=request,
        shown=shown_field(pairs),
    )
