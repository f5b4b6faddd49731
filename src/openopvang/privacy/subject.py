"""Everything the platform holds about one person (the subject access
request, AVG art. 15): the person's own record, every record that refers to
them (and the records below those, such as a case's situations), and the
audit events that show who viewed or changed them."""

import datetime
import decimal

from django.db import models
from django.utils import timezone

from openopvang.audit.selectors import about_subject

# Internal columns that say nothing about the person.
SKIPPED_FIELDS = frozenset({"version", "token_hash", "sender_key"})


def _value(value):
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return f"<{len(bytes(value))} bytes>" if value else ""
    return value


def _row(instance: models.Model) -> dict:
    row = {}
    for f in instance._meta.concrete_fields:
        if f.attname in SKIPPED_FIELDS or isinstance(f, models.BinaryField):
            continue
        row[f.attname] = _value(getattr(instance, f.attname))
    return row


def _relations(model):
    """Every reverse relation, also those without an accessor (related_name
    "+", such as a payment item's payee)."""
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)
    ]


def _children(model, rows_pks: list) -> list[tuple[str, models.QuerySet]]:
    """Records of other models that hang below the given rows by a cascading
    foreign key (a case's situations, a deadline's suspensions)."""
    found = []
    for rel in _relations(model):
        if not rel.one_to_many or rel.on_delete is not models.CASCADE:
            continue
        found.append(
            (
                rel.related_model,
                rel.related_model._base_manager.filter(**{rel.field.name + "__in": rows_pks}),
            )
        )
    return found


def subject_records(person) -> list[dict]:
    """[{"model", "label", "rows"}]: the person first, then every model with
    rows that refer to them, one level of cascading children below those."""
    from openopvang.registry.models import Person

    sections = [
        {
            "model": "registry.Person",
            "label": str(Person._meta.verbose_name),
            "rows": [_row(person)],
        }
    ]
    seen = {"registry.Person"}
    queue = []
    for rel in _relations(Person):
        if rel.one_to_many or rel.one_to_one:
            related = rel.related_model
            queue.append((related, related._base_manager.filter(**{rel.field.name: person})))
    depth_two = []
    for related, rows in queue:
        rows = list(rows.order_by("pk"))
        if not rows:
            continue
        _add(sections, seen, related, rows)
        depth_two.extend(_children(related, [r.pk for r in rows]))
    for related, rows in depth_two:
        rows = list(rows.order_by("pk"))
        if rows:
            _add(sections, seen, related, rows)
    return sections


def _add(sections, seen, model, rows) -> None:
    label = model._meta.label
    if label in seen:
        section = next(s for s in sections if s["model"] == label)
        known = {r.get("id") for r in section["rows"]}
        section["rows"].extend(_row(r) for r in rows if r.pk not in known)
        return
    seen.add(label)
    sections.append(
        {
            "model": label,
            "label": str(model._meta.verbose_name_plural),
            "rows": [_row(r) for r in rows],
        }
    )


def subject_events(person, events: models.QuerySet) -> list[dict]:
    """Who viewed or changed the person's records: `events` is the reader's
    scoped audit log."""
    return [
        {
            "at": timezone.localtime(event.at).isoformat(),
            "user": event.actor_name,
            "organisation": event.organisation.name if event.organisation else "",
            "action": event.action,
            "action_label": str(event.get_action_display()),
            "object_type": event.object_type,
            "object_id": event.object_id,
            "channel": event.channel,
        }
        for event in events.filter(about_subject(person.pk)).order_by("at", "id")
    ]


def subject_export(person, events: models.QuerySet) -> dict:
    return {
        "format": "openopvang-subject-access/1",
        "generated": timezone.localtime().isoformat(),
        "person_id": person.pk,
        "municipality": person.municipality.name,
        "records": subject_records(person),
        "audit_events": subject_events(person, events),
    }


def pdf_language(person, offered: tuple[str, ...]) -> str:
    """The first of the person's preferred languages the platform writes in,
    else Dutch."""
    for code in [*(person.languages or []), "nl"]:
        code = (code or "").split("-")[0].lower()
        if code in offered:
            return code
    return "nl"
