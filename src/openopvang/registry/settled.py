"""Money already settled for a period of a person: a leefgeld month paid by an
approved run, a year's BooO declaration submitted. Editing a placement or an
income period over such a period changes what was paid or declared, so the
registry asks for the reason first; the correction that follows carries it.

The capabilities that settle money sit above the registry and register a
check here (in their AppConfig.ready):
``check(person, start, end, record_kind) -> list[str]``, one sentence per
settled period in the active language; `record_kind` is "placement" or
"income" (an income period changes leefgeld, not the declaration)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone

SettledCheck = Callable[..., list[str]]
SETTLED_CHECKS: list[SettledCheck] = []


def register_settled_check(function: SettledCheck) -> SettledCheck:
    if function not in SETTLED_CHECKS:
        SETTLED_CHECKS.append(function)
    return function


def changed_span(before, after) -> tuple[datetime.date, datetime.date] | None:
    """The days an edit of a dated record changes the money of: from the
    earlier start to the later end (an open end: today; the future is not
    paid yet). None when nothing of the record changed."""
    today = timezone.localdate()
    records = [r for r in (before, after) if r is not None]
    if before is not None and after is not None and _same(before, after):
        return None
    start = min(r.start_date for r in records)
    end = max(min(r.end_date or today, today) for r in records)
    return (start, end) if start <= end else None


def _same(before, after) -> bool:
    fields = [f.attname for f in type(after)._meta.concrete_fields if f.attname != "id"]
    return all(getattr(before, name) == getattr(after, name) for name in fields)


def settled_periods(person, span, record_kind: str) -> list[str]:
    if span is None:
        return []
    start, end = span
    return [text for check in SETTLED_CHECKS for text in check(person, start, end, record_kind)]
