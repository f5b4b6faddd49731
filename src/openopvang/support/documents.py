"""Invoice documents: PDF (WeasyPrint, from an HTML template) and XLSX
(openpyxl). Both show the same lines and total as the screen."""

import io

from django.template.loader import render_to_string
from django.utils import translation


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
    from weasyprint import HTML

    with translation.override("nl"):
        html = render_to_string("support/invoice_pdf.html", _context(invoice))
    return HTML(string=html).write_pdf()


def invoice_xlsx(invoice) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    context = _context(invoice)
    book = Workbook()
    sheet = book.active
    sheet.title = "Factuur"
    bold = Font(bold=True)
    rows = [
        ("Factuurnummer", invoice.number),
        ("Maand", invoice.month.strftime("%Y-%m")),
        ("Leverancier", context["ngo"].name),
        ("Gemeente", f"{context['municipality'].name} ({context['municipality'].code})"),
        ("Opdracht", context["order"].number),
        ("Status", invoice.get_status_display()),
    ]
    for label, value in rows:
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.append([])
    sheet.append(
        [
            "Dienst",
            "Eenheden",
            "Eenheid",
            "Prijs per eenheid",
            "Bedrag",
            "Status",
            "Reden betwisting",
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for line in context["lines"]:
        sheet.append(
            [
                line.description,
                line.units,
                line.order_line.service.get_unit_display(),
                line.unit_price,
                line.amount,
                line.get_status_display(),
                line.dispute_reason,
            ]
        )
        sheet.cell(row=sheet.max_row, column=4).number_format = "#,##0.00"
        sheet.cell(row=sheet.max_row, column=5).number_format = "#,##0.00"
    sheet.append(["Totaal", None, None, None, invoice.total])
    sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.cell(row=sheet.max_row, column=5).number_format = "#,##0.00"
    for column, width in zip("ABCDEFG", (40, 10, 16, 16, 14, 12, 40), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
