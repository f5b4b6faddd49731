"""Reading an uploaded XLSX or CSV file into a header and rows of text, with
a clear message (never a server error) for a file that cannot be used.

Formulas are never computed: openpyxl reads the formula text, and a cell that
holds one is reported on its row. Values our own exports wrote with the
formula guard (a leading apostrophe, `downloads.safe_cell`) are read back as
they were."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from openopvang.downloads import FORMULA_STARTS

MAX_BYTES = 10 * 1024 * 1024  # 10 MB
MAX_ROWS = 50_000
EXTENSIONS = (".xlsx", ".csv")
FORMULA = object()  # the value of a cell that holds a formula


class FileProblem(Exception):
    """The file as a whole cannot be imported; the message says why."""


@dataclass
class Sheet:
    header: list[str]
    rows: list[tuple[int, list]] = field(default_factory=list)  # (row number, values)


def check_upload(name: str, size: int) -> None:
    if not name.lower().endswith(EXTENSIONS):
        raise FileProblem(
            _("%(name)s is not an XLSX or CSV file. Save the spreadsheet as .xlsx or .csv.")
            % {"name": name}
        )
    if size == 0:
        raise FileProblem(_("The file is empty."))
    if size > MAX_BYTES:
        raise FileProblem(
            _("The file is %(size)s MB; the limit is %(limit)s MB. Split it into smaller files.")
            % {"size": round(size / 1024 / 1024, 1), "limit": MAX_BYTES // 1024 // 1024}
        )


def cell_text(value) -> str | object:
    """A cell as text: dates as ISO dates, whole numbers without ".0",
    guarded text without its apostrophe, a formula as FORMULA."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    text = str(value).strip()
    if text.startswith("="):
        return FORMULA
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _is_empty(values) -> bool:
    return all(value == "" for value in values)


def _collect(lines) -> Sheet:
    """Header = the first row that is not empty; then the rows that are not empty."""
    header = None
    sheet = None
    for number, raw in lines:
        values = [cell_text(value) for value in raw]
        if _is_empty(values):
            continue
        if header is None:
            header = ["" if value is FORMULA else value for value in values]
            while header and header[-1] == "":
                header.pop()
            sheet = Sheet(header=header)
            continue
        if len(sheet.rows) >= MAX_ROWS:
            raise FileProblem(
                _("The file has more than %(limit)s rows. Split it into smaller files.")
                % {"limit": f"{MAX_ROWS:,}".replace(",", ".")}
            )
        sheet.rows.append((number, values))
    if sheet is None:
        raise FileProblem(_("The file is empty: there is no row with column headers."))
    if not sheet.rows:
        raise FileProblem(_("The file has column headers but no rows below them."))
    return sheet


def _read_xlsx(data: bytes) -> Sheet:
    from openpyxl import load_workbook

    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise FileProblem(
            _(
                "This is an encrypted workbook or an old Excel file (.xls). Remove the password "
                "or save it as .xlsx and upload it again."
            )
        )
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise FileProblem(
            _("The file cannot be read as an XLSX workbook: it is damaged or not an XLSX file.")
        ) from error
    except Exception as error:  # noqa: BLE001 - any parser failure is a bad file, not a 500
        raise FileProblem(
            _("The file cannot be read as an XLSX workbook: it is damaged or not an XLSX file.")
        ) from error
    try:
        sheet = book.worksheets[0]
        return _collect(
            (number, row) for number, row in enumerate(sheet.iter_rows(values_only=True), 1)
        )
    except FileProblem:
        raise
    except Exception as error:  # noqa: BLE001
        raise FileProblem(
            _("The file cannot be read as an XLSX workbook: it is damaged or not an XLSX file.")
        ) from error
    finally:
        book.close()


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileProblem(
            _(
                "The CSV file is not in UTF-8 (the character at position %(position)s cannot be "
                "read). In Excel choose “Save as” → “CSV UTF-8 (comma delimited)”, or upload the "
                "spreadsheet as .xlsx."
            )
            % {"position": error.start + 1}
        ) from error


def _read_csv(data: bytes) -> Sheet:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem(_("This is not a CSV file (it holds binary data)."))
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _collect((number, row) for number, row in enumerate(reader, 1))
    except csv.Error as error:
        raise FileProblem(
            _("The CSV file cannot be read: %(reason)s") % {"reason": error}
        ) from error


def read_file(name: str, data: bytes) -> Sheet:
    check_upload(name, len(data))
    if name.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(data)
