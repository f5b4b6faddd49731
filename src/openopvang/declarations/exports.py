"""A declaration as XLSX (one sheet per component plus a summary), PDF (an A4
report to attach to the SiSa accountability) and CSV (the lines). Each takes a
`DeclarationData`: a draft computed live or a submitted version's snapshot."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from openopvang.rules.engine.law import BOOO_PUBLICATION

from .figures import DeclarationData

LINE_COLUMNS = (
    "component",
    "declared",
    "from",
    "to",
    "month",
    "location",
    "quantity",
    "unit",
    "rate",
    "amount",
    "parameter",
    "article",
    "publication",
    "description",
    "persons",
    "source",
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


def _line_row(line: dict) -> list:
    reference = line.get("reference") or {}
    source = line.get("source") or {}
    return [
        line["component"],
        "yes" if line["declared"] else "no (listed for accountability)",
        line["from"] or "",
        line["to"] or "",
        line["month"] or "",
        line["location"] or "",
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
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LINE_COLUMNS)
    for line in data.lines():
        writer.writerow([str(value) for value in _line_row(line)])
    return out.getvalue()


def to_xlsx(data: DeclarationData, municipality) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    money = "#,##0.00"
    bold = Font(bold=True)
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Summary"
    summary.append([_("BooO declaration"), BOOO_PUBLICATION])
    summary.append([_("Municipality"), f"{municipality.name} ({municipality.code})"])
    summary.append([_("Year"), data.year])
    summary.append([_("Version"), data.version or _("draft")])
    summary.append([_("Status"), status_text(data)])
    summary.append([_("Generated"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    summary.append([])
    header = [
        _("Component"),
        _("Legal reference"),
        _("Quantity"),
        _("Declared (€)"),
        _("Listed, not claimed separately (€)"),
    ]
    summary.append(header)
    for cell in summary[summary.max_row]:
        cell.font = bold
    for row in data.components():
        summary.append(
            [
                row["label"],
                row["article"],
                row["quantity"] or None,
                row["amount"],
                row["listed"] or None,
            ]
        )
        summary.cell(summary.max_row, 4).number_format = money
        summary.cell(summary.max_row, 5).number_format = money
    summary.append([_("Total declared"), "", None, data.total])
    summary.cell(summary.max_row, 1).font = bold
    summary.cell(summary.max_row, 4).number_format = money
    summary.append([])
    summary.append([_("GOO place-days"), data.goo_place_days])
    summary.append([_("POO person-months"), data.poo_person_months])
    summary.append([])
    summary.append([_("Month"), _("Declared (€)")])
    for cell in summary[summary.max_row]:
        cell.font = bold
    for row in data.months():
        summary.append([row["month"], row["amount"]])
        summary.cell(summary.max_row, 2).number_format = money
    summary.append([_("Not tied to one month"), data.not_by_month])
    summary.cell(summary.max_row, 2).number_format = money
    summary.column_dimensions["A"].width = 45
    summary.column_dimensions["B"].width = 40

    for row in data.components():
        sheet = workbook.create_sheet(row["component"][:31])
        sheet.append([row["label"], row["article"]])
        sheet.cell(1, 1).font = bold
        sheet.append(list(LINE_COLUMNS))
        for cell in sheet[2]:
            cell.font = bold
        for line in data.lines_for(row["component"]):
            sheet.append(_line_row(line))
            sheet.cell(sheet.max_row, 10).number_format = money
        sheet.append([_("Total declared")] + [None] * 8 + [row["amount"]])
        sheet.cell(sheet.max_row, 10).number_format = money
        sheet.column_dimensions["N"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_pdf(data: DeclarationData, municipality) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "declarations/report_pdf.html",
        {
            "data": data,
            "municipality": municipality,
            "status_text": status_text(data),
            "components": data.components(),
            "lines": data.lines(),
            "months": data.months(),
            "generated": timezone.localtime(),
            "publication": BOOO_PUBLICATION,
        },
    )
    return HTML(string=html).write_pdf()


def money(value) -> str:
    return f"{Decimal(value):,.2f}"
