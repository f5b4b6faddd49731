"""Invoice documents: PDF (from an HTML template) and XLSX, through
core.documents. Both show the same lines and total as the screen; both are
Dutch, whoever downloads them (the invoice is a Dutch bookkeeping document).

What a Dutch invoice carries: the invoice number and date, the supplier's
name, address, KvK number and IBAN, the recipient's name and address, the
VAT treatment (support services are exempt) and the payment term with its
due date. `missing_details` names what the organisations have not filled in,
so the invoice page can warn instead of printing an incomplete invoice
silently."""

from django.utils.translation import gettext as _

from openopvang.core.documents import (
    append_row,
    new_workbook,
    pdf_from_template,
    set_widths,
    xlsx_bytes,
)

from .models import PAYMENT_TERM_DAYS


def _has_address(organisation) -> bool:
    return bool(organisation.street_address and organisation.postcode and organisation.city)


def missing_details(invoice) -> list[tuple[object, str]]:
    """What the invoice lacks of what a Dutch invoice needs, as (the
    organisation that fills it in, a phrase naming it); empty: complete."""
    ngo, municipality = invoice.order.ngo, invoice.order.municipality
    missing = []
    if not _has_address(ngo):
        missing.append((ngo, _("the postal address of %(organisation)s")))
    if not ngo.kvk_number:
        missing.append((ngo, _("the KvK number of %(organisation)s")))
    if not ngo.iban:
        missing.append((ngo, _("the IBAN of %(organisation)s")))
    if not _has_address(municipality):
        missing.append((municipality, _("the postal address of %(organisation)s")))
    return [(org, text % {"organisation": org.name}) for org, text in missing]


def _context(invoice):
    order = invoice.order
    return {
        "invoice": invoice,
        "order": order,
        "lines": list(invoice.lines.all()),
        "ngo": order.ngo,
        "municipality": order.municipality,
        "payment_term_days": PAYMENT_TERM_DAYS,
    }


def invoice_pdf(invoice) -> bytes:
    return pdf_from_template("support/invoice_pdf.html", _context(invoice), language="nl")


def invoice_xlsx(invoice) -> bytes:
    context = _context(invoice)
    book = new_workbook("Factuur")
    sheet = book.active
    ngo, municipality = context["ngo"], context["municipality"]
    rows = [
        ("Factuurnummer", invoice.number),
        ("Soort", "Tussentijdse factuur" if invoice.interim else "Factuur"),
        ("Factuurdatum", invoice.invoice_date or "nog niet verzonden"),
        ("Vervaldatum", invoice.due_date or f"{PAYMENT_TERM_DAYS} dagen na de factuurdatum"),
        ("Maand", invoice.month.strftime("%Y-%m")),
        ("Leverancier", ngo.sender_name),
        ("Adres leverancier", ", ".join(ngo.address_lines)),
        ("KvK-nummer", ngo.kvk_number),
        ("IBAN", ngo.iban),
        ("Gemeente", f"{municipality.name} ({municipality.code})"),
        ("Adres gemeente", ", ".join(municipality.address_lines)),
        ("Opdracht", context["order"].number),
        ("Status", invoice.get_status_display()),
        ("Btw", "Vrijgesteld van btw (art. 11 Wet OB)"),
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
