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
    """The days an edit of a dated record changes the money of, up to today
    (the future is not paid yet): a new record, or one whose other fields
    changed, over all its days; a record whose dates alone moved, over the
    days gained or lost only (ending an open stay today changes no paid
    day). None when nothing paid could change."""
    today = timezone.localdate()

    def days(record):
        return record.start_date, min(record.end_date or today, today)

    if before is None or after is None:
        start, end = days(after or before)
        return (start, end) if start <= end else None
    if _same(before, after):
        return None
    if _same(before, after, but=("start_date", "end_date")):
        first, second = days(before), days(after)
        parts = _minus(first, second) + _minus(second, first)
        if not parts:
            return None
        return min(a for a, _b in parts), max(b for _a, b in parts)
    start = min(before.start_date, after.start_date)
    end = max(days(before)[1], days(after)[1])
    return (start, end) if start <= end else None


def _minus(a, b) -> list[tuple[datetime.date, datetime.date]]:
    """The days of the inclusive range `a` outside `b`, as ranges (an empty
    range has its start after its end)."""
    one = datetime.timedelta(days=1)
    if a[0] > a[1]:
        return []
    if b[0] > b[1]:
        return [a]
    pieces = [(a[0], min(a[1], b[0] - one)), (max(a[0], b[1] + one), a[1])]
    return [(x, y) for x, y in pieces if x <= y]


# Fields whose change moves no money: notes, the override flag, bookkeeping.
MONEY_NEUTRAL = {
    "id",
    "version",
    "created_at",
    "updated_at",
    "departure_reason",
    "capacity_override",
    "override_reason",
}


def _same(before, after, but=()) -> bool:
    skip = MONEY_NEUTRAL | set(but)
    fields = [f.attname for f in type(after)._meta.concrete_fields if f.attname not in skip]
    return all(getattr(before, name) == getattr(after, name) for name in fields)


def settled_periods(person, span, record_kind: str) -> list[str]:
    if span is None:
        return []
    start, end = span
    return [text for check in SETTLED_CHECKS for text in check(person, start, end, record_kind)]
