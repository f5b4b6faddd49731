"""A declaration as XLSX (one sheet per component plus a summary), PDF (an A4
report to attach to the SiSa accountability) and CSV (the lines). Each takes a
`DeclarationData`: a draft computed live or a submitted version's snapshot."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openopvang.core.documents import (
    append_row,
    csv_text,
    local_now,
    new_workbook,
    pdf_from_template,
    set_widths,
    xlsx_bytes,
)
from openopvang.rules.engine.law import BOOO_PUBLICATION

from .figures import DeclarationData

LINE_COLUMNS = (
    gettext_lazy("Component"),
    gettext_lazy("Declared"),
    gettext_lazy("From"),
    gettext_lazy("To"),
    gettext_lazy("Month"),
    gettext_lazy("Location"),
    gettext_lazy("Quantity"),
    gettext_lazy("Unit"),
    gettext_lazy("Rate"),
    gettext_lazy("Amount"),
    gettext_lazy("Parameter"),
    gettext_lazy("Article"),
    gettext_lazy("Publication"),
    gettext_lazy("Description"),
    # Numbers, not names: the declaration goes to the accountant and the state.
    gettext_lazy("Person numbers"),
    gettext_lazy("Source"),
)


def filename(data: DeclarationData, municipality, extension: str) -> str:
    version = f"v{data.version}" if data.version else "draft"
    return f"booo-{municipality.code}-{data.year}-{version}.{extension}"


def status_text(data: DeclarationData) -> str:
    if data.is_draft:
        return _("Draft (computed live, not submitted)")
    if data.version == 1:
        return _("Submitted")
    return _("Correction (version %(version)s)") % {"version": data.version}


def _date(value: str | None) -> datetime.date | None:
    """The engine's ISO day or month as a date, so a spreadsheet cell holds a date."""
    if not value:
        return None
    return datetime.date.fromisoformat(value if len(value) > 7 else f"{value}-01")


def _line_row(line: dict) -> list:
    reference = line.get("reference") or {}
    source = line.get("source") or {}
    return [
        line["label"],
        _("yes") if line["declared"] else _("no (listed for accountability)"),
        _date(line["from"]),
        _date(line["to"]),
        _date(line["month"]),
        line["location_name"],
        line["quantity"] if line["quantity"] is not None else "",
        line["unit"] or "",
        line["rate"] if line["rate"] is not None else "",
        line["amount"],
        line["parameter"] or "",
        reference.get("article", ""),
        reference.get("publication", ""),
        line["description"],
        " ".join(line["persons"]),
        source.get("url") or (f"{source['type']}:{source['id']}" if source.get("type") else ""),
    ]


def to_csv(data: DeclarationData) -> str:
    return csv_text(LINE_COLUMNS, (_line_row(line) for line in data.lines()))


def to_xlsx(data: DeclarationData, municipality) -> bytes:
    workbook = new_workbook("Summary")
    summary = workbook.active
    for row in (
        [_("BooO declaration"), BOOO_PUBLICATION],
        [_("Municipality"), f"{municipality.name} ({municipality.code})"],
        [_("Year"), data.year],
        [_("Version"), data.version or _("draft")],
        [_("Status"), status_text(data)],
        [_("Generated"), local_now()],
        [],
    ):
        append_row(summary, row)
    header = [
        _("Component"),
        _("Legal reference"),
        _("Quantity"),
        _("Declared (€)"),
        _("Listed, not claimed separately (€)"),
    ]
    append_row(summary, header, bold=True)
    for row in data.components():
        append_row(
            summary,
            [
                row["label"],
                row["article"],
                row["quantity"] or None,
                row["amount"],
                row["listed"] or None,
            ],
            money=(4, 5),
        )
    append_row(summary, [_("Total declared"), "", None, data.total], money=(4,), bold=(1,))
    append_row(summary, [])
    append_row(summary, [_("GOO place-days"), data.goo_place_days])
    append_row(summary, [_("POO person-months"), data.poo_person_months])
    append_row(summary, [])
    append_row(summary, [_("Month"), _("Declared (€)")], bold=True)
    for row in data.months():
        append_row(summary, [row["month"], row["amount"]], money=(2,))
    append_row(summary, [_("Not tied to one month"), data.not_by_month], money=(2,))
    set_widths(summary, {"A": 45, "B": 40})

    _sisa_sheet(workbook, data)
    for row in data.components():
        sheet = workbook.create_sheet(row["component"][:31])
        append_row(sheet, [row["label"], row["article"]], bold=(1,))
        append_row(sheet, LINE_COLUMNS, bold=True)
        for line in data.lines_for(row["component"]):
            append_row(sheet, _line_row(line), money=(9, 10), months=(5,))
        append_row(sheet, [_("Total declared")] + [None] * 8 + [row["amount"]], money=(10,))
        set_widths(sheet, {"N": 60})
    return xlsx_bytes(workbook)


def _sisa_sheet(workbook, data: DeclarationData) -> None:
    """The SiSa A16 indicators of the year (declarations.sisa), one row each."""
    sisa = data.sisa()
    sheet = workbook.create_sheet("SiSa")
    append_row(sheet, [_("SiSa accountability (%(code)s)") % {"code": sisa["code"]}], bold=True)
    append_row(sheet, [_("Source"), sisa["source"]["publication"]])
    if not sisa["confirmed"]:
        append_row(
            sheet,
            [
                _(
                    "Not confirmed for this year: the indicators below are those confirmed for "
                    "SiSa %(confirmed)s; the SiSa of %(year)s may number them differently."
                )
                % {
                    "confirmed": ", ".join(str(y) for y in sisa["confirmed_for"]),
                    "year": sisa["year"],
                }
            ],
        )
    append_row(sheet, [])
    append_row(sheet, [_("Indicator"), _("Description"), _("Amount (€)")], bold=True)
    for row in sisa["rows"]:
        if row["amount"] is not None:
            amount = row["amount"]
        elif row["not_recorded"]:
            amount = _("not recorded on the platform")
        else:
            amount = _("not computable for this version")
        append_row(sheet, [row["id"], row["label"], amount], money=(3,))
    for row in sisa["unmapped"]:
        label = f"{row['label']} ({_('no confirmed indicator')})"
        append_row(sheet, ["", label, row["amount"]], money=(3,))
    set_widths(sheet, {"A": 12, "B": 80, "C": 18})


def to_pdf(data: DeclarationData, municipality) -> bytes:
    return pdf_from_template(
        "declarations/report_pdf.html",
        {
            "data": data,
            "municipality": municipality,
            "status_text": status_text(data),
            "components": data.components(),
            "lines": data.lines(),
            "months": data.months(),
            "publication": BOOO_PUBLICATION,
        },
    )
