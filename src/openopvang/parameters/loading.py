"""Reading a file of parameter values (a year of published amounts) and what
loading it would change.

Two formats:

- YAML with the structure of ``rules/parameters/*.yaml``::

      parameters:
        rooo.kleedgeld.per_person_month:
          unit: EUR/month            # optional; must match the parameter's unit
          values:
            - start: 2026-01-01
              end: 2026-12-31        # optional
              value: "64.00"         # amounts as quoted strings
              reference: {publication: Stcrt. 2025, 12345, article: RooO art. 6, url: https://…}
              confidence: confirmed  # or secondary
              note: …                # optional

  (``regulation``, ``references`` anchors and ``description`` are allowed and
  ignored: descriptions stay those of the rules files.)
- CSV with the columns ``name,start,end,value,publication,article,url,confidence,note``
  (comma or semicolon separated, UTF-8).

Every value passes the same checks as one value entered in the form (the
model's field validation and the engine through `services.check_override`);
an error names the row (CSV) or the parameter and value number (YAML) and is
written in the reader's language.

A value is stored in the load as a plain dict (`values` of ParameterLoad)::

    {"row": "row 2", "name": ..., "start": "2026-01-01", "end": null, "value": "64.00",
     "publication": ..., "article": ..., "url": "", "confidence": "confirmed", "note": "",
     "change": "new" | "replaces" | "unchanged",
     "replaces": {"value", "start", "end", "publication", "article", "confidence",
                  "source": "file" | "database", "override_id"} | null,
     "covers_end": "2026-12-31" | null}

`apply_load` adds ``override_id`` (the value it created or updated) and
``previous`` (the administrator's value it replaced, to restore it)."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import yaml
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from openopvang.rules.engine.errors import RulesError
from openopvang.rules.engine.parameters import ParameterSet, ParameterValue, Reference

from .affected import AffectedRecord, Span, affected_records
from .coverage import coverage_errors
from .models import Confidence, ParameterOverride

CSV_COLUMNS = (
    "name",
    "start",
    "end",
    "value",
    "publication",
    "article",
    "url",
    "confidence",
    "note",
)
FIELDS = ("value", "publication", "article", "url", "confidence", "note")
MAX_VALUES = 2000


@dataclass
class Preview:
    values: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    affected: list[AffectedRecord] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = {"new": 0, "replaces": 0, "unchanged": 0}
        for value in self.values:
            counts[value["change"]] += 1
        return counts


# -- reading -------------------------------------------------------------------


def read_file(name: str, content: bytes) -> tuple[list[dict], list[str]]:
    """The raw rows of a YAML or CSV file, each with its `row` label, and the
    errors that stop reading it."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_("The file is not UTF-8 text.")]
    lowered = name.lower()
    if lowered.endswith((".yaml", ".yml")):
        return _read_yaml(text)
    if lowered.endswith(".csv"):
        return _read_csv(text)
    return [], [_("Upload a .yaml, .yml or .csv file.")]


def _read_yaml(text: str) -> tuple[list[dict], list[str]]:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else "?"
        return [], [_("The file is not valid YAML (line %(line)s).") % {"line": line}]
    if not isinstance(document, dict) or not isinstance(document.get("parameters"), dict):
        return [], [_("The file must have a 'parameters' mapping, as the rules files do.")]
    rows, errors = [], []
    for name, body in document["parameters"].items():
        if not isinstance(body, dict) or not isinstance(body.get("values"), list):
            errors.append(
                _("%(name)s: expected a mapping with a list of 'values'.") % {"name": name}
            )
            continue
        for index, raw in enumerate(body["values"], start=1):
            label = _("%(name)s, value %(number)s") % {"name": name, "number": index}
            if not isinstance(raw, dict):
                errors.append(_("%(row)s: expected a mapping.") % {"row": label})
                continue
            unknown = set(raw) - {"start", "end", "value", "reference", "confidence", "note"}
            if unknown:
                errors.append(
                    _("%(row)s: unknown keys %(keys)s.")
                    % {"row": label, "keys": ", ".join(sorted(map(str, unknown)))}
                )
                continue
            reference = raw.get("reference")
            if reference is not None and not isinstance(reference, dict):
                errors.append(
                    _("%(row)s: the reference needs a publication and an article.") % {"row": label}
                )
                continue
            reference = reference or {}
            rows.append(
                {
                    "row": label,
                    "name": str(name),
                    "unit": body.get("unit"),
                    "start": raw.get("start"),
                    "end": raw.get("end"),
                    "value": raw.get("value"),
                    "publication": reference.get("publication"),
                    "article": reference.get("article"),
                    "url": reference.get("url"),
                    "confidence": raw.get("confidence"),
                    "note": raw.get("note"),
                }
            )
    return rows, errors


def _read_csv(text: str) -> tuple[list[dict], list[str]]:
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [column.strip().lower() for column in (reader.fieldnames or [])]
    missing = [
        column
        for column in ("name", "start", "value", "publication", "article")
        if column not in header
    ]
    if missing:
        return [], [
            _("The CSV file needs the columns %(columns)s; missing: %(missing)s.")
            % {"columns": ",".join(CSV_COLUMNS), "missing": ", ".join(missing)}
        ]
    unknown = [column for column in header if column not in CSV_COLUMNS]
    if unknown:
        return [], [_("Unknown CSV columns: %(columns)s.") % {"columns": ", ".join(unknown)}]
    reader.fieldnames = header
    rows = []
    for number, raw in enumerate(reader, start=2):  # row 1 is the header
        if not any((cell or "").strip() for cell in raw.values() if isinstance(cell, str)):
            continue
        row = {column: (raw.get(column) or "").strip() for column in CSV_COLUMNS}
        row["row"] = _("row %(number)s") % {"number": number}
        row["unit"] = None
        rows.append(row)
    return rows, []


# -- checking ------------------------------------------------------------------


def _as_date(raw) -> datetime.date | None:
    if isinstance(raw, datetime.datetime):
        return None
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, str) and raw.strip():
        try:
            return datetime.date.fromisoformat(raw.strip())
        except ValueError:
            return None
    return None


def _text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, (datetime.date, int, Decimal)) and not isinstance(raw, bool):
        return raw.isoformat() if isinstance(raw, datetime.date) else str(raw)
    return str(raw).strip()


def _value_error(unit: str, raw) -> str | None:
    """The reason a value does not fit the parameter's unit, in the reader's
    language; None when it fits (the engine checks it again)."""
    if unit.startswith("EUR"):
        if isinstance(raw, float):
            return _('write amounts as quoted strings, e.g. "64.00"')
        try:
            amount = Decimal(_text(raw))
        except InvalidOperation:
            return _("%(value)s is not an amount") % {"value": _text(raw) or "—"}
        if not amount.is_finite() or amount < 0:
            return _("%(value)s is not an amount of zero or more") % {"value": _text(raw)}
    elif unit == "count":
        if isinstance(raw, bool) or not _text(raw).isdigit():
            return _("%(value)s is not a whole number") % {"value": _text(raw) or "—"}
    elif unit == "date":
        if _as_date(raw) is None:
            return _("%(value)s is not a date (YYYY-MM-DD)") % {"value": _text(raw) or "—"}
    elif unit == "month-day":
        text = _text(raw)
        if not (len(text) == 7 and text.startswith("--") and text[4] == "-"):
            return _("%(value)s is not a day of the year (--MM-DD)") % {"value": text or "—"}
    return None


def _override_of(row: dict, start, end) -> ParameterOverride:
    return ParameterOverride(
        name=row["name"],
        start=start,
        end=end,
        value=_text(row["value"]),
        publication=_text(row["publication"]),
        article=_text(row["article"]),
        url=_text(row["url"]),
        confidence=_text(row["confidence"]) or Confidence.CONFIRMED,
        note=_text(row["note"]),
    )


def check_rows(rows: list[dict]) -> tuple[list[dict], list[str]]:
    """Every row checked as the single-value form checks it. Returns the
    values as stored in a load (without their preview) and the errors."""
    from .services import check_override

    defaults = ParameterSet.load_default()
    names = set(defaults.names())
    values, errors, seen = [], [], {}
    if len(rows) > MAX_VALUES:
        return [], [_("A file may hold at most %(count)s values.") % {"count": MAX_VALUES}]
    for row in rows:
        label, name = row["row"], row["name"]

        def fail(message, label=label, name=name):
            errors.append(
                _("%(row)s (%(name)s): %(message)s")
                % {"row": label, "name": name or "—", "message": message}
            )

        if name not in names:
            fail(_("unknown parameter"))
            continue
        unit = defaults.parameter(name).unit
        if row.get("unit") not in (None, unit):
            fail(
                _("the unit %(given)s does not match the parameter's unit %(unit)s")
                % {"given": row["unit"], "unit": unit}
            )
            continue
        start, end = _as_date(row["start"]), _as_date(row["end"])
        if start is None:
            fail(
                _("the start %(value)s is not a date (YYYY-MM-DD)")
                % {"value": _text(row["start"]) or "—"}
            )
            continue
        if _text(row["end"]) and end is None:
            fail(_("the end %(value)s is not a date (YYYY-MM-DD)") % {"value": _text(row["end"])})
            continue
        reason = _value_error(unit, row["value"])
        if reason:
            fail(reason)
            continue
        override = _override_of(row, start, end)
        try:
            override.full_clean(
                exclude=["created_by"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                label_text = (
                    str(ParameterOverride._meta.get_field(field_name).verbose_name)
                    if field_name != "__all__"
                    else ""
                )
                for message in messages:
                    fail(f"{label_text}: {message}" if label_text else message)
            continue
        try:
            check_override(override)
        except ValidationError as error:
            for messages in error.message_dict.values():
                for message in messages:
                    fail(message)
            continue
        key = (name, start)
        if key in seen:
            fail(
                _("a second value from %(start)s (also in %(other)s)")
                % {"start": start.isoformat(), "other": seen[key]}
            )
            continue
        seen[key] = label
        values.append(
            {
                "row": label,
                "name": name,
                "start": start.isoformat(),
                "end": end.isoformat() if end else None,
                **{key: getattr(override, key) for key in FIELDS},
            }
        )
    return values, errors


# -- the preview ---------------------------------------------------------------


def as_parameter_value(value: dict) -> ParameterValue:
    return ParameterValue(
        name=value["name"],
        start=datetime.date.fromisoformat(value["start"]),
        value=value["value"],
        reference=Reference(value["publication"], value["article"], value["url"] or None),
        confidence=value["confidence"],
        note=value["note"],
        end=datetime.date.fromisoformat(value["end"]) if value["end"] else None,
    )


def _written(value) -> str:
    return value.value.isoformat() if isinstance(value.value, datetime.date) else str(value.value)


def _same(old, new, unit: str) -> bool:
    if unit.startswith("EUR"):
        same_value = Decimal(str(old.value)) == Decimal(str(new.value))
    else:
        same_value = _written(old) == _written(new)
    return (
        same_value
        and old.end == new.end
        and old.reference == new.reference
        and old.confidence == new.confidence
        and (old.note or "") == (new.note or "")
    )


def checked(value: dict) -> dict:
    """A value of a load as checked, without its preview."""
    keys = ("row", "name", "start", "end", *FIELDS)
    return {key: value.get(key) for key in keys}


def spans_of(values: list[dict]) -> list[Span]:
    return [
        Span(
            value["name"],
            datetime.date.fromisoformat(value["start"]),
            datetime.date.fromisoformat(value["covers_end"]) if value.get("covers_end") else None,
            value["value"],
        )
        for value in values
        if value.get("change") != "unchanged"
    ]


def preview(values: list[dict], current: ParameterSet | None = None) -> Preview:
    """What loading `values` into the parameters in force now would change:
    each value new, replacing a value or unchanged, the days it would cover,
    and the stored declarations and runs whose period includes such a day."""
    from .services import current_parameters

    current = current or current_parameters()
    overrides = {(o.name, o.start.isoformat()): o for o in ParameterOverride.objects.all()}
    result = Preview()
    try:
        combined = current.with_overrides([as_parameter_value(v) for v in values])
    except (RulesError, ValueError, ArithmeticError) as error:
        result.errors.append(str(error))
        return result
    result.errors.extend(coverage_errors(current, combined, (v["name"] for v in values)))
    for value in values:
        parameter = current.parameter(value["name"])
        loaded = combined.parameter(value["name"])
        new = next(v for v in loaded.values if v.start.isoformat() == value["start"])
        covers = next(v for v in loaded.effective if v.start.isoformat() == value["start"])
        old = next((v for v in parameter.values if v.start.isoformat() == value["start"]), None)
        entry = dict(
            value, replaces=None, covers_end=covers.end.isoformat() if covers.end else None
        )
        if old is None:
            entry["change"] = "new"
        elif _same(old, new, parameter.unit):
            entry["change"] = "unchanged"
        else:
            stored = overrides.get((value["name"], value["start"]))
            entry["change"] = "replaces"
            entry["replaces"] = {
                "value": _written(old),
                "start": old.start.isoformat(),
                "end": old.end.isoformat() if old.end else None,
                "publication": old.reference.publication,
                "article": old.reference.article,
                "confidence": old.confidence,
                "source": "database" if stored is not None else "file",
                "override_id": stored.pk if stored is not None else None,
            }
        result.values.append(entry)
    result.affected = affected_records(spans_of(result.values))
    return result


def stage(name: str, content: bytes) -> Preview:
    """Read, check and preview a file; `errors` is empty when it can be loaded."""
    rows, errors = read_file(name, content)
    if errors:
        return Preview(errors=errors)
    if not rows:
        return Preview(errors=[_("The file holds no values.")])
    values, errors = check_rows(rows)
    if errors:
        return Preview(errors=errors)
    return preview(values)
