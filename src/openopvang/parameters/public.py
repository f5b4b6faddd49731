"""The parameters as the public reads them (/public/parameters/ and
GET /api/v1/parameters/): every parameter with its description in the reader's
language, unit, dated values shown the Dutch way, legal reference, confidence
and whether an administrator's value replaces the file's. No personal data."""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import cache

import yaml
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from openopvang.core import formatting
from openopvang.rules.engine.parameters import PARAMETER_DIR, MonthDay

from .missing import long_date
from .models import Confidence
from .services import current_parameters, parameter_rows

MONEY_UNITS = {"EUR/day": "per_day", "EUR/month": "per_month", "EUR": "amount"}
# The parameter files' unit codes as a reader reads them.
UNIT_LABELS = {
    "EUR/day": pgettext_lazy("parameter unit", "euro per day"),
    "EUR/month": pgettext_lazy("parameter unit", "euro per month"),
    "EUR": pgettext_lazy("parameter unit", "euro"),
    "count": pgettext_lazy("parameter unit", "number"),
    "date": pgettext_lazy("parameter unit", "date"),
    "factor": pgettext_lazy("parameter unit", "factor"),
    "month-day": pgettext_lazy("parameter unit", "day and month"),
}


@cache
def _regulation_of(source: str) -> dict:
    """The `regulation:` header of a parameter file (short name, title, link)."""
    try:
        document = yaml.safe_load((PARAMETER_DIR / source).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        document = None
    header = (document or {}).get("regulation") or {}
    code = source.removesuffix(".yaml")
    return {
        "code": code,
        "short": str(header.get("short") or code),
        "title": str(header.get("title") or ""),
        "url": str(header.get("url") or ""),
    }


def regulations() -> list[dict]:
    """The regulations (one per parameter file) to filter by, in file order."""
    sources = sorted({p.source for p in _parameters()})
    return [_regulation_of(source) for source in sources]


def _parameters():
    params = current_parameters()
    return [params.parameter(name) for name in params.names()]


def format_value(unit: str, value) -> str:
    """€ 252,18 per month, 1 oktober 2025, 2, 1 november (month-day)."""
    if unit in MONEY_UNITS and isinstance(value, Decimal):
        amount = formatting.money(value, get_language())
        if unit == "EUR/day":
            return _("%(amount)s per day") % {"amount": amount}
        if unit == "EUR/month":
            return _("%(amount)s per month") % {"amount": amount}
        return amount
    if isinstance(value, datetime.date):
        return long_date(value)
    if isinstance(value, MonthDay):
        return formatting.day_and_month(value.in_year(2000), get_language())
    return str(value)


def unit_label(unit: str) -> str:
    return str(UNIT_LABELS.get(unit, unit))


def confidence_label(confidence: str) -> str:
    labels = dict(Confidence.choices)
    return str(labels.get(confidence, confidence))


def public_rows(regulation: str = "", query: str = "") -> list[dict]:
    """Every parameter (of ``regulation``, matching ``query`` in its name or
    description) with its values ready to show."""
    # The files describe each parameter in Dutch and English; a Ukrainian or
    # Russian reader gets the English text, marked as such (lang="en").
    language = "nl" if (get_language() or "nl").startswith("nl") else "en"
    query = query.strip().lower()
    rows = []
    for row in parameter_rows():
        parameter = row["parameter"]
        reg = _regulation_of(parameter.source)
        if regulation and reg["code"] != regulation:
            continue
        description = row["description"].get(language) or row["description"].get("en", "")
        if query and query not in parameter.name.lower() and query not in description.lower():
            continue
        values = []
        for item in row["values"]:
            value = item["value"]
            values.append(
                {
                    "start": long_date(value.start),
                    "end": long_date(value.end) if value.end else "",
                    "value": format_value(parameter.unit, value.value),
                    "reference": value.reference,
                    "confidence": value.confidence,
                    "confidence_label": confidence_label(value.confidence),
                    "note": value.note,
                    "replaced_by_administrator": item["override"] is not None,
                }
            )
        last = parameter.effective[-1] if parameter.effective else None
        rows.append(
            {
                "name": parameter.name,
                "description": description,
                "description_language": language,
                "unit": parameter.unit,
                "unit_label": unit_label(parameter.unit),
                "regulation": reg,
                "values": values,
                "open_end": last is None or last.end is None,
                "no_value_after": long_date(last.end) if last and last.end else "",
            }
        )
    return rows
