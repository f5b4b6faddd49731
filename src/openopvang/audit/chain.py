"""Tamper evidence for the audit log (ADR 0017): every event carries the
SHA-256 of its own content and of the previous event's hash, so changing,
removing or inserting a row anywhere breaks the chain from there on.

The content is serialised canonically (JSON, sorted keys, no spaces, UTF-8,
times in UTC with microseconds), so the hash can be recomputed from the stored
row on any database. Events are chained in id order; writers take one
transaction-long lock (a PostgreSQL advisory lock; SQLite has one writer
anyway), so two concurrent writers cannot both link to the same predecessor."""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.db import connection

# An arbitrary constant naming "the audit chain" among advisory locks.
CHAIN_LOCK_KEY = 0x0A0D17


def lock_chain() -> None:
    """Hold the chain until the surrounding transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def _utc(value: datetime.datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def canonical(event, prev_hash: str) -> bytes:
    content = {
        "prev": prev_hash,
        "at": _utc(event.at),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "organisation": event.organisation_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "changes": event.changes,
        "shown": event.shown,
        "channel": event.channel,
        "ip_address": event.ip_address or "",
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(event, prev_hash: str) -> str:
    return hashlib.sha256(canonical(event, prev_hash)).hexdigest()


@dataclass
class BrokenLink:
    event_id: int
    reason: str  # "hash" (the row was changed) or "link" (a row before it is gone or added)


def verify(events) -> tuple[int, BrokenLink | None]:
    """Walk events in id order; (number checked, first broken link or None)."""
    prev = ""
    checked = 0
    for event in events:
        checked += 1
        if event.prev_hash != prev:
            return checked, BrokenLink(event.pk, "link")
        if event.hash != event_hash(event, prev):
            return checked, BrokenLink(event.pk, "hash")
        prev = event.hash
    return checked, None
