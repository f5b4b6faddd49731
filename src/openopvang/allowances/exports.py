"""Files for the bank and the finance officer: SEPA credit transfer (pain.001.001.03,
validated against the XSD sepaxml ships), XLSX and PDF payment lists, and the
eigen bijdrage collection list as XLSX and PDF.

PDFs use DejaVu Sans when the system has it (Cyrillic names), else the
browser-default sans-serif (WeasyPrint falls back by itself)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PaymentMethod, PaymentRun
from .payees import valid_iban
from .reasons import render_reason

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY = "#,##0.00"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)


def pdf_font() -> str | None:
    """A font file with Cyrillic, or None (then the CSS falls back to sans-serif)."""
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return Path(candidate).as_uri()
    return None


def filename(run: PaymentRun, extension: str) -> str:
    return f"leefgeld-{run.municipality.code}-{run.month_label}-run{run.pk}.{extension}"


# -- SEPA -------------------------------------------------------------------------------


def check_debtor(municipality) -> None:
    if not municipality.iban:
        raise ValidationError(
            _(
                "%(name)s has no debtor IBAN: an administrator must enter the municipality's "
                "IBAN (and BIC) on the organisation before a SEPA file can be made."
            )
            % {"name": municipality.name}
        )
    if not valid_iban(municipality.iban):
        raise ValidationError(
            _("The debtor IBAN of %(name)s (%(iban)s) is not valid.")
            % {"name": municipality.name, "iban": municipality.iban}
        )


def to_sepa(run: PaymentRun) -> bytes:
    """pain.001.001.03: one transfer per household paid by bank, end-to-end id
    per payment, remittance "Leefgeld YYYY-MM <household ref>". Only frozen runs."""
    from sepaxml import SepaTransfer

    if not run.is_frozen:
        raise ValidationError(_("A SEPA file is only made for an approved run."))
    municipality = run.municipality
    check_debtor(municipality)
    config = {
        "name": municipality.name,
        "IBAN": municipality.iban.replace(" ", "").upper(),
        "batch": True,
        "currency": "EUR",
    }
    if municipality.bic:
        config["BIC"] = municipality.bic.strip().upper()
    items = list(run.items.filter(method=PaymentMethod.SEPA, amount__gt=0).order_by("id"))
    if not items:
        raise ValidationError(_("This run has no payments by bank transfer."))
    sepa = SepaTransfer(config, clean=True)
    for item in items:
        sepa.add_payment(
            {
                "name": item.payee_name or item.household_name,
                "IBAN": item.iban,
                "amount": int((item.amount * 100).to_integral_value()),
                "execution_date": run.execution_date,
                "description": item.remittance,
                "endtoend_id": item.end_to_end_id,
            }
        )
    return sepa.export(validate=True)


# -- payment list --------------------------------------------------------------------------

ITEM_COLUMNS = (
    "household_ref",
    "household",
    "payee",
    "iban",
    "method",
    "reason",
    "amount",
    "end_to_end_id",
    "remittance",
)


def _items(run: PaymentRun):
    return list(run.items.order_by("household_name", "id").prefetch_related("lines"))


def run_to_xlsx(run: PaymentRun) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    items = _items(run)
    book = Workbook()
    sheet = book.active
    sheet.title = "Payments"
    for row in (
        [_("Leefgeld payment list"), run.municipality.name],
        [_("Month"), run.month_label],
        [_("Status"), run.get_status_display()],
        [_("Payment date"), run.execution_date.isoformat()],
        [_("Recomputed from"), run.recompute_from.strftime("%Y-%m")],
        [_("Generated"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
        [],
        list(ITEM_COLUMNS),
    ):
        sheet.append(row)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for item in items:
        sheet.append(
            [
                item.household_ref,
                item.household_name,
                item.payee_name,
                item.iban,
                item.method,
                render_reason(item.reason),
                item.amount,
                item.end_to_end_id,
                item.remittance,
            ]
        )
        sheet.cell(sheet.max_row, 7).number_format = MONEY
    sheet.append([])
    for label, value in (
        (_("Total"), run.total),
        (_("By bank transfer"), run.sepa_total),
        (_("Cash or card"), run.cash_total),
    ):
        sheet.append([label, None, None, None, None, None, value])
        sheet.cell(sheet.max_row, 1).font = bold
        sheet.cell(sheet.max_row, 7).number_format = MONEY
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 30
    sheet.column_dimensions["D"].width = 24
    sheet.column_dimensions["F"].width = 40

    lines = book.create_sheet("Lines")
    lines.append(
        [
            "household_ref",
            "person",
            "month",
            "component",
            "kind",
            "amount",
            "computed",
            "previously_paid",
            "poo_amount",
            "days",
            "reason",
        ]
    )
    for cell in lines[1]:
        cell.font = bold
    for item in items:
        for line in item.lines.all():
            lines.append(
                [
                    line.household_ref,
                    line.person_ref,
                    line.month.strftime("%Y-%m"),
                    line.component,
                    line.kind,
                    line.amount,
                    line.computed,
                    line.previously_paid,
                    line.poo_amount,
                    line.days,
                    render_reason(line.reason),
                ]
            )
            for column in (6, 7, 8, 9):
                lines.cell(lines.max_row, column).number_format = MONEY
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        template, {**context, "font_url": pdf_font(), "generated": timezone.localtime()}
    )
    return HTML(string=html).write_pdf()


def run_to_pdf(run: PaymentRun) -> bytes:
    items = _items(run)
    return _pdf(
        "allowances/run_pdf.html",
        {
            "run": run,
            "items": items,
            "cash_items": [i for i in items if i.method != PaymentMethod.SEPA],
        },
    )


# -- eigen bijdrage ------------------------------------------------------------------------


def collection_filename(municipality, month, extension: str) -> str:
    return f"eigen-bijdrage-{municipality.code}-{month:%Y-%m}.{extension}"


def collection_to_xlsx(municipality, month, rows, total: Decimal) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    book = Workbook()
    sheet = book.active
    sheet.title = "Eigen bijdrage"
    sheet.append([_("Eigen bijdrage collection list"), municipality.name])
    sheet.append([_("Month"), month.strftime("%Y-%m")])
    sheet.append([])
    sheet.append(
        [
            "household_ref",
            "household",
            "charged",
            "engine_amount",
            "reduction",
            "reduction_reason",
            "floor_cap",
            "floor",
            "amount_due",
            "explanation",
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for row in rows:
        sheet.append(
            [
                row.household_ref,
                row.name,
                ", ".join(row.charged),
                row.gross,
                row.reduction or None,
                row.reduction_reason,
                row.cap,
                row.cap_note,
                row.amount,
                " | ".join(label for _depth, label in row.explanation),
            ]
        )
        for column in (4, 5, 7, 9):
            sheet.cell(sheet.max_row, column).number_format = MONEY
    sheet.append([_("Total"), None, None, None, None, None, None, None, total])
    sheet.cell(sheet.max_row, 1).font = bold
    sheet.cell(sheet.max_row, 9).number_format = MONEY
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["J"].width = 80
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def collection_to_pdf(municipality, month, rows, total: Decimal) -> bytes:
    return _pdf(
        "allowances/collection_pdf.html",
        {"municipality": municipality, "month": month, "rows": rows, "total": total},
    )
