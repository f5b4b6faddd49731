"""Invoice documents: PDF (from an HTML template) and XLSX, through
core.documents. Both show the same lines and total as the screen; both are
Dutch, whoever downloads them (the invoice is a Dutch bookkeeping document)."""

from openopvang.core.documents import (
    append_row,
    new_workbook,
    pdf_from_template,
    set_widths,
    xlsx_bytes,
)


def _context(invoice):
    order = invoice.order
    return {
        "invoice": invoice,
        "order": order,
        "lines": list(invoice.lines.all()),
        "ngo": order.ngo,
        "municipality": order.municipality,
    }


def invoice_pdf(invoice) -> bytes:
    return pdf_from_template("support/invoice_pdf.html", _context(invoice), language="nl")


def invoice_xlsx(invoice) -> bytes:
    context = _context(invoice)
    book = new_workbook("Factuur")
    sheet = book.active
    rows = [
        ("Factuurnummer", invoice.number),
        ("Maand", invoice.month.strftime("%Y-%m")),
        ("Leverancier", context["ngo"].name),
        ("Gemeente", f"{context['municipality'].name} ({context['municipality'].code})"),
        ("Opdracht", context["order"].number),
        ("Status", invoice.get_status_display()),
    ]
    for label, value in rows:
        append_row(sheet, [label, value], bold=(1,))
    append_row(sheet, [])
    append_row(
        sheet,
        [
            "Dienst",
            "Eenheden",
            "Eenheid",
            "Prijs per eenheid",
            "Bedrag",
            "Status",
            "Reden betwisting",
        ],
        bold=True,
    )
    for line in context["lines"]:
        append_row(
            sheet,
            [
                line.description,
                line.units,
                line.order_line.service.get_unit_display(),
                line.unit_price,
                line.amount,
                line.get_status_display(),
                line.dispute_reason,
            ],
            money=(4, 5),
        )
    append_row(sheet, ["Totaal", None, None, None, invoice.total], money=(5,), bold=(1,))
    set_widths(sheet, dict(zip("ABCDEFG", (40, 10, 16, 16, 14, 12, 40), strict=True)))
    return xlsx_bytes(book)
