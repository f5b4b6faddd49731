"""Dated parameters with their legal reference (OpenFisca style).

Every amount, date and count the rules use lives in a YAML file under
``openopvang/rules/parameters/`` (one file per regulation). A parameter has a
dotted name whose first part is the file name (``booo.goo.normbedrag_per_place_day``
lives in ``booo.yaml``), a description in Dutch and English, a unit, and a list of
dated values. Each value carries a reference (publication, article, optional url),
a confidence (``confirmed``: an official publication; ``municipal_page``: a municipal
page quoting the national rule; ``secondary``: news reports) and a note.

Validity of a value: from its ``start`` up to and including the day before the
next value's ``start``; a value with an explicit ``end`` stops there, so the days
after it have **no value** (that is how "2026 is not known yet" is written).
Asking for a day without a value raises :class:`MissingParameter`; the engine
never falls back to an older value.

Public API (the Django side relies on exactly this)::

    ps = ParameterSet.load_default()            # all YAML files, parsed once and cached
    ps2 = ps.with_overrides([ParameterValue(name, start, value, reference,
                                            confidence, note, end=None), ...])
    pv = ps.value("booo.goo.normbedrag_per_place_day", date(2024, 3, 1))
    pv.value      # Decimal (units EUR/..., factor), date (unit date), int (unit count)
                  # or MonthDay (unit month-day)
    pv.amount, pv.factor, pv.day, pv.count, pv.month_day   # the same, typed; ParameterTypeError
                  # (naming the parameter) when the value is of another kind
    pv.start, pv.end   # the days this value applies (end None: open)
    pv.reference  # Reference(publication, article, url)
    ps.periods(name, start, end)   # [(ParameterValue, seg_start, seg_end), ...]
    ps.describe()                  # [{name, description, unit, source, values}, ...]
    ps.to_document()               # {name: {description, unit, source, values}} (JSON)
    ParameterSet.from_document(d)  # back (also reads the describe() list)

Overrides (values entered by administrators in the database): a value with the
same name and ``start`` as a file value replaces it; a value with a new ``start``
is inserted. An override without ``end`` keeps the ``end`` of the value it
replaces or falls inside, so a correction never silently extends a value past
a known gap; to fill a gap, add a value that starts in it. ``reference`` may be a
:class:`Reference` or a dict with the same keys; ``value`` may be a string.

YAML errors raise :class:`ParameterFileError` naming the file and the parameter.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeGuard

import yaml

from .errors import MissingParameter, ParameterFileError, ParameterTypeError, UnknownParameter
from .money import to_decimal

PARAMETER_DIR = Path(__file__).resolve().parent.parent / "parameters"
CONFIDENCE = ("confirmed", "municipal_page", "secondary")
UNITS = ("EUR/day", "EUR/month", "EUR", "factor", "date", "count", "month-day")
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_MONTH_DAY_RE = re.compile(r"^--(\d{2})-(\d{2})$")

__all__ = [
    "MissingParameter",
    "MonthDay",
    "Parameter",
    "ParameterFileError",
    "ParameterSet",
    "ParameterTypeError",
    "ParameterValue",
    "Reference",
    "UnknownParameter",
]


@dataclass(frozen=True)
class MonthDay:
    """A day in every year, such as a yearly deadline (ISO 8601 ``--MM-DD``)."""

    month: int
    day: int

    def in_year(self, year: int) -> date:
        return date(year, self.month, self.day)

    def __str__(self) -> str:
        return f"--{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Reference:
    publication: str
    article: str
    url: str | None = None

    def to_dict(self) -> dict[str, str]:
        out = {"publication": self.publication, "article": self.article}
        if self.url:
            out["url"] = self.url
        return out


Value = Decimal | date | int | MonthDay


@dataclass(frozen=True)
class ParameterValue:
    name: str
    start: date
    value: Value
    reference: Reference
    confidence: str = "confirmed"
    note: str = ""
    end: date | None = None

    @property
    def reference_dict(self) -> dict[str, str]:
        return self.reference.to_dict()

    # Typed reads of ``value``, one per unit: a rule says what it expects and
    # gets :class:`ParameterTypeError` (naming the parameter) if the value is
    # of another kind.
    @property
    def amount(self) -> Decimal:
        """The value of an ``EUR``, ``EUR/day`` or ``EUR/month`` parameter."""
        value = self.value
        if isinstance(value, Decimal):
            return value
        raise ParameterTypeError(self.name, "an amount", value)

    @property
    def factor(self) -> Decimal:
        """The value of a ``factor`` parameter (a multiplier such as 1.15)."""
        value = self.value
        if isinstance(value, Decimal):
            return value
        raise ParameterTypeError(self.name, "a factor", value)

    @property
    def day(self) -> date:
        """The value of a ``date`` parameter."""
        value = self.value
        # isinstance, not ``type() is``: test clocks (freezegun) swap ``date``.
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        raise ParameterTypeError(self.name, "a date", value)

    @property
    def count(self) -> int:
        """The value of a ``count`` parameter."""
        value = self.value
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ParameterTypeError(self.name, "a count", value)

    @property
    def month_day(self) -> MonthDay:
        """The value of a ``month-day`` parameter (a day in every year)."""
        value = self.value
        if isinstance(value, MonthDay):
            return value
        raise ParameterTypeError(self.name, "a month-day", value)


@dataclass(frozen=True)
class Parameter:
    name: str
    description: Mapping[str, str]
    unit: str
    source: str
    values: tuple[ParameterValue, ...]  # sorted by start, ``end`` as written
    # Same values with ``end`` set to the last day each one applies.
    effective: tuple[ParameterValue, ...] = field(init=False, repr=False, compare=False)
    _starts: list[date] = field(init=False, repr=False, compare=False)  # for bisect in at()

    def __post_init__(self) -> None:
        effective = []
        for index, value in enumerate(self.values):
            end = value.end
            if index + 1 < len(self.values):
                before_next = self.values[index + 1].start - timedelta(days=1)
                end = before_next if end is None else min(end, before_next)
            effective.append(replace(value, end=end))
        object.__setattr__(self, "effective", tuple(effective))
        object.__setattr__(self, "_starts", [v.start for v in self.values])

    def at(self, day: date) -> ParameterValue | None:
        index = bisect.bisect_right(self._starts, day) - 1
        if index < 0:
            return None
        value = self.effective[index]
        return value if value.end is None or day <= value.end else None


def _uncovered(parameter: Parameter) -> list[tuple[date, date | None]]:
    """The periods after its first value that ``parameter`` has no value for."""
    out: list[tuple[date, date | None]] = []
    values = parameter.effective
    for current, following in zip(values, values[1:], strict=False):
        if current.end is not None and current.end + timedelta(days=1) < following.start:
            out.append((current.end + timedelta(days=1), following.start - timedelta(days=1)))
    if values and values[-1].end is not None:
        out.append((values[-1].end + timedelta(days=1), None))
    return out


def uncovered_days(before: Parameter, after: Parameter) -> list[tuple[date, date | None]]:
    """The parts of ``after``'s uncovered periods that ``before`` covered."""
    found = []
    for start, end in _uncovered(after):
        for value in before.effective:
            if value.start > (end or date.max) or (value.end is not None and value.end < start):
                continue
            lost_start = max(start, value.start)
            if value.end is None:
                lost_end = end
            else:
                lost_end = value.end if end is None else min(end, value.end)
            found.append((lost_start, lost_end))
    return found


class ParameterSet:
    def __init__(self, parameters: Mapping[str, Parameter]):
        self._parameters = dict(parameters)

    # -- loading ---------------------------------------------------------------
    @classmethod
    def load_default(cls) -> ParameterSet:
        """All YAML files under ``rules/parameters``; parsed once per process."""
        return _load_default()

    @classmethod
    def load_dir(cls, directory: Path) -> ParameterSet:
        parameters: dict[str, Parameter] = {}
        for path in sorted(Path(directory).glob("*.yaml")):
            for parameter in _load_file(path):
                if parameter.name in parameters:
                    raise ParameterFileError(
                        path.name,
                        parameter.name,
                        f"already defined in {parameters[parameter.name].source}",
                    )
                parameters[parameter.name] = parameter
        return cls(parameters)

    def with_overrides(self, overrides: Iterable[ParameterValue]) -> ParameterSet:
        """A new set in which ``overrides`` replace (same start) or are inserted."""
        by_name: dict[str, dict[date, ParameterValue]] = {}
        for override in overrides:
            parameter = self._get(override.name)
            values = by_name.setdefault(parameter.name, {v.start: v for v in parameter.values})
            value = _coerce_override(parameter, override)
            if value.end is None:
                # Keep a known gap: inherit the end of the value replaced or split.
                earlier = [v for v in values.values() if v.start <= value.start]
                if earlier:
                    containing = max(earlier, key=lambda v: v.start)
                    if containing.end is not None and containing.end >= value.start:
                        value = replace(value, end=containing.end)
            values[value.start] = value
        parameters = dict(self._parameters)
        for name, values in by_name.items():
            ordered = tuple(sorted(values.values(), key=lambda v: v.start))
            parameters[name] = replace(parameters[name], values=ordered)
        return ParameterSet(parameters)

    # -- lookup ------------------------------------------------------------------
    def value(self, name: str, day: date) -> ParameterValue:
        found = self._get(name).at(day)
        if found is None:
            raise MissingParameter(name, day)
        return found

    def periods(self, name: str, start: date, end: date) -> list[tuple[ParameterValue, date, date]]:
        """Values covering ``[start, end]`` (inclusive) as (value, seg_start, seg_end),
        in order. Raises :class:`MissingParameter` for the first day without one."""
        parameter = self._get(name)
        segments = []
        day = start
        while day <= end:
            found = parameter.at(day)
            if found is None:
                raise MissingParameter(name, day)
            seg_end = end if found.end is None else min(found.end, end)
            segments.append((found, day, seg_end))
            day = seg_end + timedelta(days=1)
        return segments

    def newly_uncovered(self, after: ParameterSet, name: str) -> list[tuple[date, date | None]]:
        """The periods ``name`` has a value for in this set but not in ``after``
        (end None: from that day on), between its first value and the end of
        its values here. A change that leaves such a period would break every
        computation that reads a day of it."""
        return uncovered_days(self._get(name), after._get(name))

    def names(self) -> list[str]:
        return sorted(self._parameters)

    def parameter(self, name: str) -> Parameter:
        return self._get(name)

    def describe(self) -> list[dict[str, Any]]:
        """Every parameter with its metadata and values, for listing in a UI."""
        out = []
        for name in self.names():
            parameter = self._parameters[name]
            out.append(
                {
                    "name": name,
                    "description": dict(parameter.description),
                    "unit": parameter.unit,
                    "source": parameter.source,
                    "values": [
                        {
                            "start": written.start.isoformat(),
                            "end": written.end.isoformat() if written.end else None,
                            "applies_until": effective.end.isoformat() if effective.end else None,
                            "value": str(written.value)
                            if not isinstance(written.value, date)
                            else written.value.isoformat(),
                            "reference": written.reference.to_dict(),
                            "confidence": written.confidence,
                            "note": written.note,
                        }
                        for written, effective in zip(
                            parameter.values, parameter.effective, strict=True
                        )
                    ],
                }
            )
        return out

    # -- documents (JSON) ------------------------------------------------------------
    def to_document(self) -> dict[str, Any]:
        """The whole set as plain JSON values, to store with a computation and
        evaluate again offline (``from_document``)::

            {"booo.goo.normbedrag_per_place_day": {
                 "description": {"nl": ..., "en": ...}, "unit": "EUR/day",
                 "source": "booo.yaml",
                 "values": [{"start": "2022-03-01", "end": null, "value": "83.00",
                             "reference": {"publication": ..., "article": ...},
                             "confidence": "confirmed", "note": ""}, ...]},
             ...}

        Values as written (administrator overrides included), amounts as strings."""
        return {
            item["name"]: {
                "description": item["description"],
                "unit": item["unit"],
                "source": item["source"],
                "values": [
                    {
                        key: value[key]
                        for key in ("start", "end", "value", "reference", "confidence", "note")
                    }
                    for value in item["values"]
                ],
            }
            for item in self.describe()
        }

    @classmethod
    def from_document(cls, document: Mapping[str, Any] | list[Any]) -> ParameterSet:
        """The set written by :meth:`to_document`; also reads the list of
        :meth:`describe` (what payment runs and declarations store). Raises
        :class:`ParameterFileError` naming the parameter for an invalid entry."""
        if isinstance(document, Mapping):
            items = [{"name": name, **body} for name, body in document.items()]
        elif isinstance(document, list):
            items = list(document)
        else:
            raise ParameterFileError(
                "parameters document", None, "expected a mapping of parameters (or a list)"
            )
        parameters: dict[str, Parameter] = {}
        for item in items:
            name = item.get("name") if isinstance(item, Mapping) else None
            if not isinstance(name, str) or not _NAME_RE.match(name):
                raise ParameterFileError(
                    "parameters document", str(name), "name must be dotted lower-case words"
                )

            def fail(message: str, name: str = name) -> ParameterFileError:
                return ParameterFileError("parameters document", name, message)

            unit = item.get("unit")
            if unit not in UNITS:
                raise fail(f"unit must be one of {', '.join(UNITS)}")
            raw_values = item.get("values")
            if not isinstance(raw_values, list) or not raw_values:
                raise fail("values must be a non-empty list")
            values = []
            for index, raw in enumerate(raw_values):
                if not isinstance(raw, Mapping):
                    raise fail(f"values[{index}]: expected a mapping")
                try:
                    start = date.fromisoformat(raw["start"])
                    end = date.fromisoformat(raw["end"]) if raw.get("end") else None
                except (KeyError, TypeError, ValueError):
                    raise fail(f"values[{index}]: start/end must be dates") from None
                written = {
                    key: raw[key]
                    for key in ("value", "reference", "confidence", "note")
                    if key in raw
                }
                values.append(
                    _parse_value(fail, name, unit, index, {"start": start, "end": end, **written})
                )
            description = item.get("description") or {}
            parameters[name] = Parameter(
                name, dict(description), unit, str(item.get("source") or "document"), tuple(values)
            )
        return cls(parameters)

    def _get(self, name: str) -> Parameter:
        try:
            return self._parameters[name]
        except KeyError:
            raise UnknownParameter(name) from None


@functools.cache
def _load_default() -> ParameterSet:
    return ParameterSet.load_dir(PARAMETER_DIR)


# -- YAML parsing ----------------------------------------------------------------


def _load_file(path: Path) -> list[Parameter]:
    source = path.name
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ParameterFileError(source, None, f"not valid YAML: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get("parameters"), dict):
        raise ParameterFileError(source, None, "expected a mapping with 'parameters'")
    unknown = set(document) - {"regulation", "references", "parameters"}
    if unknown:
        raise ParameterFileError(source, None, f"unknown top-level keys {sorted(unknown)}")
    prefix = path.stem + "."
    return [
        _parse_parameter(source, prefix, name, body)
        for name, body in document["parameters"].items()
    ]


def _parse_parameter(source: str, prefix: str, name: Any, body: Any) -> Parameter:
    def fail(message: str) -> ParameterFileError:
        return ParameterFileError(source, str(name), message)

    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise fail("name must be dotted lower-case words")
    if not name.startswith(prefix):
        raise fail(f"name must start with '{prefix}' (the file name)")
    if not isinstance(body, dict):
        raise fail("expected a mapping")
    unknown = set(body) - {"description", "unit", "values"}
    if unknown:
        raise fail(f"unknown keys {sorted(unknown)}")
    description = body.get("description")
    if not isinstance(description, dict) or not all(
        isinstance(description.get(lang), str) and description[lang].strip()
        for lang in ("nl", "en")
    ):
        raise fail("description needs 'nl' and 'en' texts")
    unit = body.get("unit")
    if unit not in UNITS:
        raise fail(f"unit must be one of {', '.join(UNITS)}")
    raw_values = body.get("values")
    if not isinstance(raw_values, list) or not raw_values:
        raise fail("values must be a non-empty list")
    values = [_parse_value(fail, name, unit, index, raw) for index, raw in enumerate(raw_values)]
    for before, after in zip(values, values[1:], strict=False):
        if after.start <= before.start:
            raise fail(f"values must be in order of start ({after.start} after {before.start})")
        if before.end is not None and before.end >= after.start:
            raise fail(f"value from {before.start} ends on or after the next start")
    return Parameter(name, dict(description), unit, source, tuple(values))


def _parse_value(fail, name: str, unit: str, index: int, raw: Any) -> ParameterValue:
    where = f"values[{index}]"
    if not isinstance(raw, dict):
        raise fail(f"{where}: expected a mapping")
    unknown = set(raw) - {"start", "end", "value", "reference", "confidence", "note"}
    if unknown:
        raise fail(f"{where}: unknown keys {sorted(unknown)}")
    start, end = raw.get("start"), raw.get("end")
    if not _is_date(start):
        raise fail(f"{where}.start: not a date {start!r}")
    if end is not None and (not _is_date(end) or end < start):
        raise fail(f"{where}.end: must be a date on or after start")
    if "value" not in raw:
        raise fail(f"{where}.value: missing")
    try:
        value = _coerce(unit, raw["value"])
    except (TypeError, ValueError) as exc:
        raise fail(f"{where}.value: {exc}") from None
    try:
        reference = _reference(raw.get("reference"))
    except ValueError as exc:
        raise fail(f"{where}.reference: {exc}") from None
    confidence = raw.get("confidence")
    if confidence not in CONFIDENCE:
        raise fail(f"{where}.confidence: must be one of {', '.join(CONFIDENCE)}")
    note = raw.get("note") or ""
    if not isinstance(note, str):
        raise fail(f"{where}.note: must be text")
    return ParameterValue(name, start, value, reference, confidence, note.strip(), end)


def _coerce_override(parameter: Parameter, override: ParameterValue) -> ParameterValue:
    def fail(message: str) -> ParameterFileError:
        return ParameterFileError("override", parameter.name, message)

    if not _is_date(override.start):
        raise fail(f"start: not a date {override.start!r}")
    if override.end is not None and (not _is_date(override.end) or override.end < override.start):
        raise fail("end: must be a date on or after start")
    if override.confidence not in CONFIDENCE:
        raise fail(f"confidence: must be one of {', '.join(CONFIDENCE)}")
    try:
        value = _coerce(parameter.unit, override.value)
        reference = _reference(override.reference)
    except (TypeError, ValueError) as exc:
        raise fail(str(exc)) from None
    return replace(override, value=value, reference=reference, note=override.note or "")


def _coerce(unit: str, raw: Any) -> Value:
    if unit.startswith("EUR") or unit == "factor":
        if isinstance(raw, float):
            raise TypeError('write amounts as quoted strings, e.g. "83.00" (no floats)')
        amount = to_decimal(raw)
        if amount < 0:
            raise ValueError("amount must not be negative")
        return amount
    if unit == "date":
        if isinstance(raw, str):
            raw = date.fromisoformat(raw)
        if not _is_date(raw):
            raise TypeError(f"not a date {raw!r}")
        return raw
    if unit == "count":
        if isinstance(raw, str) and raw.isdigit():
            raw = int(raw)
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise TypeError(f"not a count {raw!r}")
        return raw
    if unit == "month-day":
        if isinstance(raw, MonthDay):
            return raw
        match = _MONTH_DAY_RE.match(raw) if isinstance(raw, str) else None
        if not match:
            raise ValueError(f"not a --MM-DD day {raw!r}")
        month_day = MonthDay(int(match.group(1)), int(match.group(2)))
        month_day.in_year(2000)  # validates the day (leap year allows 29 Feb)
        return month_day
    raise ValueError(f"unknown unit {unit!r}")


def _reference(raw: Any) -> Reference:
    if isinstance(raw, Reference):
        raw = raw.to_dict()
    if not isinstance(raw, Mapping):
        raise ValueError("required: publication and article")
    unknown = set(raw) - {"publication", "article", "url"}
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    publication, article, url = raw.get("publication"), raw.get("article"), raw.get("url")
    if not (isinstance(publication, str) and publication.strip()):
        raise ValueError("publication is required")
    if not (isinstance(article, str) and article.strip()):
        raise ValueError("article is required")
    if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
        raise ValueError("url must start with https:// or http://")
    return Reference(publication.strip(), article.strip(), url or None)


def _is_date(value: Any) -> TypeGuard[date]:
    # datetime is a date subclass; a timestamp is not a day.
    return isinstance(value, date) and type(value) is date
