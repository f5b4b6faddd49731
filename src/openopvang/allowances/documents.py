"""Files for the bank and the finance officer: SEPA credit transfer (pain.001.001.03,
validated against the XSD sepaxml ships), XLSX and PDF payment lists, and the
eigen bijdrage collection list as XLSX and PDF (through core.documents: the
formula guard on every cell, the shipped fonts for Cyrillic names)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openopvang.core.documents import (
    XLSX,
    append_row,
    local_now,
    new_workbook,
    pdf_from_template,
    set_widths,
    xlsx_bytes,
)
from openopvang.core.formatting import XLSX_MONTH_FORMAT

from .models import PaymentLine, PaymentMethod, PaymentRun
from .payees import valid_iban
from .reasons import render_reason

__all__ = ["XLSX"]  # re-exported: the views and the API name the content type by it


def filename(run: PaymentRun, extension: str) -> str:
    return f"leefgeld-{run.municipality.code}-{run.month_label}-run{run.pk}.{extension}"


# -- SEPA -------------------------------------------------------------------------------


def check_debtor(municipality) -> None:
    if not municipality.iban:
        raise ValidationError(
            _(
                "%(name)s has no debtor IBAN: an administrator of the municipality enters it "
                "under Organisation settings before a SEPA file can be made."
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
    # A date outside its bounds never reaches the bank (docs/decisions/0018),
    # whatever way it was stored.
    run.check_execution_date()
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

# Column headers in the reader's language; the household number (H12) stays
# beside the name, as the reference to reconcile with the bank statement.
ITEM_COLUMNS = (
    gettext_lazy("Household number"),
    gettext_lazy("Household"),
    gettext_lazy("Payee"),
    gettext_lazy("IBAN"),
    gettext_lazy("Payment method"),
    gettext_lazy("Reason"),
    gettext_lazy("Collected by"),
    gettext_lazy("Amount"),
    gettext_lazy("Payment reference (end-to-end ID)"),
    gettext_lazy("Description on the statement"),
)


LINE_COLUMNS = (
    gettext_lazy("Household number"),
    gettext_lazy("Person"),
    gettext_lazy("Person number"),
    gettext_lazy("Month"),
    gettext_lazy("Component"),
    gettext_lazy("Kind"),
    gettext_lazy("Amount"),
    gettext_lazy("Computed now"),
    gettext_lazy("Paid before"),
    gettext_lazy("Of which wooncomponent (POO)"),
    gettext_lazy("Days"),
    gettext_lazy("Reason"),
)


def _items(run: PaymentRun):
    lines = PaymentLine.objects.select_related("person")
    return list(
        run.items.order_by("household_name", "id").prefetch_related(Prefetch("lines", lines))
    )


def _heading_rows(title: str, municipality, rows: list) -> list:
    return [[title, municipality.name], *rows, [_("Generated"), local_now()], []]


def run_to_xlsx(run: PaymentRun) -> bytes:
    items = _items(run)
    book = new_workbook(_("Payments"))
    sheet = book.active
    for row in _heading_rows(
        _("Leefgeld payment list"),
        run.municipality,
        [
            [_("Month"), run.month],
            [_("Status"), run.get_status_display()],
            [_("Payment date"), run.execution_date],
            [_("Recomputed from"), run.recompute_from],
        ],
    ):
        append_row(sheet, row)
    for row in (2, 5):  # the month and "recomputed from" are months
        sheet.cell(row, 2).number_format = XLSX_MONTH_FORMAT
    append_row(sheet, ITEM_COLUMNS, bold=True)
    for item in items:
        append_row(
            sheet,
            [
                item.household_ref,
                item.household_name,
                item.payee_name,
                item.iban,
                item.get_method_display(),
                render_reason(item.reason),
                item.collector_name,
                item.amount,
                item.end_to_end_id,
                item.remittance,
            ],
            money=(8,),
        )
    append_row(sheet, [])
    for label, value in (
        (_("Total"), run.total),
        (_("By bank transfer"), run.sepa_total),
        (_("Cash or card"), run.cash_total),
    ):
        append_row(sheet, [label, None, None, None, None, None, None, value], money=(8,), bold=(1,))
    set_widths(
        sheet, {"A": 18, "B": 30, "C": 30, "D": 24, "E": 18, "F": 40, "G": 30, "H": 14, "I": 34}
    )

    lines = book.create_sheet(_("Lines"))
    append_row(lines, LINE_COLUMNS, bold=True)
    for item in items:
        for line in item.lines.all():
            append_row(
                lines,
                [
                    line.household_ref,
                    line.person_name,
                    line.person_ref,
                    line.month,
                    line.component,
                    line.get_kind_display(),
                    line.amount,
                    line.computed,
                    line.previously_paid,
                    line.poo_amount,
                    line.days,
                    render_reason(line.reason),
                ],
                money=(7, 8, 9, 10),
                months=(4,),
            )
    set_widths(lines, {"A": 18, "B": 30, "C": 14, "D": 16, "E": 16, "L": 50})
    return xlsx_bytes(book)


def run_to_pdf(run: PaymentRun) -> bytes:
    items = _items(run)
    return pdf_from_template(
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


COLLECTION_COLUMNS = (
    gettext_lazy("Household number"),
    gettext_lazy("Household"),
    gettext_lazy("Charged to"),
    gettext_lazy("Computed eigen bijdrage"),
    gettext_lazy("Reduction"),
    gettext_lazy("Reason for the reduction"),
    gettext_lazy("Capped at"),
    gettext_lazy("Why capped"),
    gettext_lazy("Amount due"),
    gettext_lazy("Explanation"),
)


def collection_to_xlsx(municipality, month, rows, total: Decimal) -> bytes:
    book = new_workbook(_("Eigen bijdrage"))
    sheet = book.active
    for row in _heading_rows(
        _("Eigen bijdrage collection list"), municipality, [[_("Month"), month]]
    ):
        append_row(sheet, row)
    sheet.cell(2, 2).number_format = XLSX_MONTH_FORMAT
    append_row(sheet, COLLECTION_COLUMNS, bold=True)
    for row in rows:
        append_row(
            sheet,
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
            ],
            money=(4, 5, 7, 9),
        )
    append_row(
        sheet, [_("Total"), None, None, None, None, None, None, None, total], money=(9,), bold=(1,)
    )
    set_widths(sheet, {"B": 30, "J": 80})
    return xlsx_bytes(book)


def collection_to_pdf(municipality, month, rows, total: Decimal) -> bytes:
    return pdf_from_template(
        "allowances/collection_pdf.html",
        {"municipality": municipality, "month": month, "rows": rows, "total": total},
    )
