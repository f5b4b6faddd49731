"""The files of the imports app: the template with every column described,
the failed rows with an error column, and the export (the same columns as
the import). Every cell goes through the formula guard (core.documents)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from openopvang.core.documents import append_row, csv_text, new_workbook, set_widths, xlsx_bytes

from . import persons as person_file
from .persons import COLUMNS


def headers() -> list[str]:
    return [column.header() for column in COLUMNS]


def template_xlsx() -> bytes:
    book = new_workbook(_("Persons"))
    sheet = book.active
    append_row(sheet, headers(), bold=True)
    append_row(sheet, [column.example for column in COLUMNS])
    set_widths(sheet, {chr(ord("A") + i): 20 for i in range(len(COLUMNS))})
    about = book.create_sheet(_("Columns"))
    append_row(
        about,
        [_("Column (Dutch)"), _("Column (English)"), _("Required"), _("What to fill in")],
        bold=True,
    )
    for column in COLUMNS:
        append_row(
            about,
            [column.nl, column.en, _("yes") if column.required else _("no"), column.description],
        )
    append_row(about, [])
    append_row(
        about,
        [
            _(
                "Fill in the first sheet, one person per row below the headers (Dutch or English "
                "headers). Upload an .xlsx or a CSV file in UTF-8 of at most 10 MB and 50,000 "
                "rows. Formulas are not computed: type the values."
            )
        ],
    )
    set_widths(about, {"A": 26, "B": 26, "C": 10, "D": 90})
    return xlsx_bytes(book)


def failed_rows_xlsx(job) -> bytes:
    book = new_workbook(_("Failed rows"))
    sheet = book.active
    append_row(sheet, [_("Row"), *headers(), _("Errors")], bold=True)
    for row in job.failed_rows:
        errors = "; ".join(
            f"{person_file.column_label(column)}: {message}" if column else message
            for column, message in row["errors"]
        )
        append_row(
            sheet,
            [row["row"], *[row["values"].get(column.key, "") for column in COLUMNS], errors],
        )
    return xlsx_bytes(book)


def export_xlsx(rows: list[list]) -> bytes:
    book = new_workbook(_("Persons"))
    sheet = book.active
    append_row(sheet, headers(), bold=True)
    for row in rows:
        append_row(sheet, row)
    return xlsx_bytes(book)


def export_csv(rows: list[list]) -> str:
    return csv_text(headers(), rows)
