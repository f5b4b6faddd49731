"""Which stored computations a change of parameter values touches.

Declarations and payment runs keep the figures they were computed with (and
the parameter values in force then), so loading or rolling back values never
changes them; but a recomputation of a record whose period includes a day of
a changed value would give other figures. The apps that store computations
sit above `parameters` in the layers, so each registers a provider here
(`register_affected_records`, in its own module, from its `apps.py` ready())
and `parameters` asks the registry without importing them."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from openopvang.plugins import Registry


@dataclass(frozen=True)
class Span:
    """The days [start, end] a changed value applies (end None: open)."""

    name: str
    start: datetime.date
    end: datetime.date | None
    value: str = ""  # as written in the load, to recognise it in a stored document

    def overlaps(self, start: datetime.date, end: datetime.date) -> bool:
        return self.start <= end and (self.end is None or self.end >= start)


@dataclass(frozen=True)
class AffectedRecord:
    kind: str  # translated: "Declaration", "Payment run"
    label: str  # e.g. "Hilversum — 2026, version 1"
    start: datetime.date
    end: datetime.date
    status: str  # translated status
    parameters: tuple[str, ...]  # the changed parameters the period includes
    # True when the record's stored parameter values include a loaded value
    # for a day of its period: it was computed with the load.
    used: bool = False
    computed_at: datetime.datetime | None = None
    extra: Mapping[str, str] = field(default_factory=dict)


Provider = Callable[[list[Span]], list[AffectedRecord]]
affected_record_providers: Registry[Provider] = Registry("affected records provider")


def register_affected_records(name: str, *, order: int = 100):
    return affected_record_providers.register(name, order=order)


def affected_records(spans: Iterable[Span]) -> list[AffectedRecord]:
    spans = list(spans)
    if not spans:
        return []
    found: list[AffectedRecord] = []
    for provider in affected_record_providers.plugins():
        found.extend(provider(spans))
    return found


def relevant(spans: Iterable[Span], prefixes: tuple[str, ...]) -> list[Span]:
    """The spans of the parameters a computation reads (by name prefix)."""
    return [span for span in spans if span.name.startswith(prefixes)]


def touching(spans: Iterable[Span], start: datetime.date, end: datetime.date) -> list[Span]:
    return [span for span in spans if span.overlaps(start, end)]


def _values_of(document, name: str) -> list[Mapping]:
    if isinstance(document, Mapping):
        body = document.get(name)
        return list(body.get("values") or []) if isinstance(body, Mapping) else []
    if isinstance(document, list):
        for item in document:
            if isinstance(item, Mapping) and item.get("name") == name:
                return list(item.get("values") or [])
    return []


def computed_with(document, spans: Iterable[Span]) -> bool:
    """Whether a stored parameters document (`ParameterSet.describe()` list or
    `to_document()` mapping) holds one of the spans' values as loaded."""
    for span in spans:
        for value in _values_of(document, span.name):
            if value.get("start") == span.start.isoformat() and _same(value.get("value"), span):
                return True
    return False


def _same(stored, span: Span) -> bool:
    if stored is None:
        return False
    if str(stored) == span.value:
        return True
    try:
        return Decimal(str(stored)) == Decimal(span.value)
    except (InvalidOperation, ValueError):
        return False


def record_for(
    *,
    kind: str,
    label: str,
    start: datetime.date,
    end: datetime.date,
    status: str,
    spans: list[Span],
    document,
    computed_at=None,
) -> AffectedRecord:
    return AffectedRecord(
        kind=kind,
        label=label,
        start=start,
        end=end,
        status=status,
        parameters=tuple(sorted({span.name for span in spans})),
        used=computed_with(document, spans),
        computed_at=computed_at,
    )
