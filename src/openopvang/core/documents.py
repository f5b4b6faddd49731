"""Produced files, written once for every app: PDF from a template, XLSX
workbooks, CSV, and the download response.

- PDF: `pdf_from_template(name, context, language=...)` renders a template
  that extends `core/pdf_base.html` (the one print stylesheet, with the fonts
  shipped in `static/fonts/`: Noto Sans for Latin and Cyrillic, Noto Sans Arabic
  for Arabic) through WeasyPrint. A block of Arabic text is written
  `<div dir="rtl" lang="ar">…</div>`; a whole document in Arabic gets
  `dir="rtl"` on <html> when rendered with language="ar".
- XLSX: `new_workbook()`, `append_row()` (every value through the formula
  guard, money columns with MONEY_FORMAT, bold where asked), `xlsx_bytes()`.
- CSV and the response: `csv_text`, `csv_lines`, `safe_cell` and
  `file_response` live in `openopvang.downloads` (below audit, which uses them
  too) and are re-exported here.

An app's own documents (what goes in them) live in its `documents.py`."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise

from openopvang.downloads import (
    content_disposition,
    csv_line,
    csv_lines,
    csv_text,
    csv_value,
    file_response,
    safe_cell,
)

# The one Dutch style, for spreadsheet cells too.
from .formatting import (
    XLSX_DATE_FORMAT,
    XLSX_DATETIME_FORMAT,
    XLSX_MONEY_FORMAT,
    XLSX_MONTH_FORMAT,
)

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
MONEY_FORMAT = XLSX_MONEY_FORMAT

# The package's static folder: the PDF's base URL, so the stylesheet finds
# `fonts/…` (and a template any other static file) by a relative URL, on any
# machine and without collectstatic.
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
FONTS_DIR = STATIC_DIR / "fonts"


# -- PDF ------------------------------------------------------------------------------------


def pdf_from_template(
    template_name: str, context: dict, *, language: str | None = None, **write_options
) -> bytes:
    """The template rendered as an A4 PDF. In `language` when given (an
    invoice is always Dutch, a letter in the resident's language), else in the
    active one. The context gets `generated` (now, local time) unless it has it.
    `write_options` go to WeasyPrint's write_pdf (e.g. ``pdf_variant="pdf/a-2b"``,
    ``pdf_tags=True`` for an archival, tagged PDF)."""
    from weasyprint import HTML

    context = {"generated": timezone.localtime(), **context}
    with translation.override(language or translation.get_language()):
        html = render_to_string(template_name, context)
    return HTML(string=html, base_url=STATIC_DIR.as_uri() + "/").write_pdf(**write_options)


# -- XLSX -----------------------------------------------------------------------------------


def new_workbook(title: str | None = None):
    """An empty openpyxl workbook; `title` names its first sheet."""
    from openpyxl import Workbook

    book = Workbook()
    if title:
        book.active.title = title[:31]
    return book


def bold_font():
    from openpyxl.styles import Font

    return Font(bold=True)


def local_now() -> datetime.datetime:
    """Now on the Amsterdam clock, without a zone: what a spreadsheet cell holds."""
    return timezone.localtime().replace(tzinfo=None, microsecond=0)


def _cell_value(value):
    if isinstance(value, Promise):  # a lazily translated header
        value = str(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value).replace(tzinfo=None)
    return safe_cell(value)


def append_row(
    sheet,
    values: Iterable,
    *,
    money: Iterable[int] = (),
    months: Iterable[int] = (),
    bold: bool | Iterable[int] = False,
) -> int:
    """Append one row of guarded values (see `safe_cell`); dates and times
    stay real cells shown in the Dutch style, `money` are the 1-based columns
    shown as amounts, `months` the date columns shown as a month, `bold` True
    for the whole row or the columns to set bold. Returns the row number."""
    sheet.append([_cell_value(value) for value in values])
    row = sheet.max_row
    for cell in sheet[row]:
        if isinstance(cell.value, datetime.datetime):
            cell.number_format = XLSX_DATETIME_FORMAT
        elif isinstance(cell.value, datetime.date):
            cell.number_format = XLSX_DATE_FORMAT
    for column in months:
        sheet.cell(row, column).number_format = XLSX_MONTH_FORMAT
    for column in money:
        sheet.cell(row, column).number_format = MONEY_FORMAT
    if bold is True:
        font = bold_font()
        for cell in sheet[row]:
            cell.font = font
    elif bold:
        font = bold_font()
        for column in bold:
            sheet.cell(row, column).font = font
    return row


def set_widths(sheet, widths: dict[str, float]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width


def xlsx_bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = [
    "CSV",
    "FONTS_DIR",
    "MONEY_FORMAT",
    "PDF",
    "STATIC_DIR",
    "XLSX",
    "append_row",
    "bold_font",
    "content_disposition",
    "csv_line",
    "csv_lines",
    "csv_text",
    "csv_value",
    "file_response",
    "local_now",
    "new_workbook",
    "pdf_from_template",
    "safe_cell",
    "set_widths",
    "xlsx_bytes",
]
