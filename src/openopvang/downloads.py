"""What every file handed to a user shares, whichever app makes it: the one
formula guard for spreadsheet cells (XLSX and CSV), the CSV writer that uses
it, and the download response with a safe Content-Disposition.

A module of its own at the bottom of the layers (docs/architecture.md)
because `audit`, which sits below `core`, exports CSV too. Apps import these
through `openopvang.core.documents`, which adds the PDF and XLSX helpers;
`audit` imports them from here."""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse, StreamingHttpResponse

# A spreadsheet (Excel, LibreOffice, Google Sheets) reads a cell starting with
# one of these as a formula, also in a CSV file ("CSV injection"): "=HYPERLINK(…)"
# in a name would run when the finance officer opens the export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value ready for an XLSX or CSV cell: text that a spreadsheet would
    take for a formula gets a leading apostrophe, so it shows as text; numbers
    (int, Decimal, float), dates, booleans and None stay what they are, so
    amounts stay numbers to add up."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_value(value) -> str:
    """One CSV field: the guarded value as text, None as empty. Anything that
    is not a number or a date (a model, a lazy translation) becomes text
    first, so its text passes the guard too."""
    if value is None:
        return ""
    if not isinstance(value, int | float | Decimal | datetime.date):
        value = str(value)
    return str(safe_cell(value))


def csv_line(values: Iterable) -> str:
    """One CSV line (with its line end) of guarded values."""
    out = io.StringIO()
    csv.writer(out).writerow([csv_value(value) for value in values])
    return out.getvalue()


def csv_lines(header: Iterable, rows: Iterable[Iterable]) -> Iterator[str]:
    """The header line, then one line per row: for a streamed export."""
    yield csv_line(header)
    for row in rows:
        yield csv_line(row)


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    """A whole CSV document of guarded values."""
    return "".join(csv_lines(header, rows))


# -- the download response ------------------------------------------------------------------

_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f/\\"]')
_NOT_ASCII_PRINTABLE = re.compile(r"[^\x20-\x7e]+")


def _clean_name(filename: str) -> str:
    """The name without path separators, quotes or control characters (no
    header injection, no directory in the name)."""
    name = _UNSAFE_IN_NAME.sub("_", filename).strip().strip(".")
    return name or "download"


def _ascii_fallback(name: str) -> str:
    """For clients that do not read filename*: accents dropped (ë → e), other
    letters that have no ASCII form (Cyrillic, Arabic) replaced by "_"."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return _NOT_ASCII_PRINTABLE.sub("_", folded)


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """The Content-Disposition value (RFC 6266): `filename="…"` always, and
    `filename*=UTF-8''…` (RFC 5987 percent-encoding) when the name is not plain
    ASCII, so "Zoë" or "Київ" arrive as written in every current browser."""
    name = _clean_name(filename)
    kind = "inline" if inline else "attachment"
    fallback = _ascii_fallback(name)
    value = f'{kind}; filename="{fallback}"'
    if fallback != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value


def file_response(
    body, *, content_type: str, filename: str, inline: bool = False
) -> HttpResponse | StreamingHttpResponse:
    """A file download: bytes or text in one response, an iterator of chunks
    (a streamed CSV) in a streaming one."""
    if isinstance(body, bytes | bytearray | str):
        response = HttpResponse(body, content_type=content_type)
    else:
        response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response


__all__ = [
    "FORMULA_STARTS",
    "content_disposition",
    "csv_line",
    "csv_lines",
    "csv_text",
    "csv_value",
    "file_response",
    "safe_cell",
]
