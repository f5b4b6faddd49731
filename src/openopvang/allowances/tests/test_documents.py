"""SEPA pain.001 against its XSD, XLSX and PDF payment lists."""

import io
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
import xmlschema
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import load_workbook

from openopvang.core.testing import factories
from openopvang.core.testing.pdf import pdf_fonts, pdf_text

from .. import documents, services
from .conftest import MARCH

pytestmark = pytest.mark.django_db
XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


@pytest.fixture
def approved_run(family, municipality, debtor, finance_officer, finance_officer_b):
    """Two households: the Shevchenkos (payee with IBAN, 629.68) and a single
    person whose household has no payee and no IBAN (cash, 314.84)."""
    household = factories.HouseholdFactory(municipality=municipality, name="Бондаренко")
    person = factories.PersonFactory(
        municipality=municipality,
        given_names="Iryna",
        family_name="Bondarenko",
        given_names_cyrillic="Ірина",
        family_name_cyrillic="Бондаренко",
    )
    factories.MembershipFactory(household=household, person=person)
    factories.PlacementFactory(person=person, location=family["location"])
    run = services.create_run(finance_officer, MARCH)
    services.prepare_run(finance_officer, run)
    return services.approve_run(finance_officer_b, run)


def test_sepa_file_validates_against_the_xsd_and_holds_the_bank_payments(approved_run, family):
    xml = documents.to_sepa(approved_run)
    xmlschema.XMLSchema(str(XSD)).validate(xml.decode())
    root = ET.fromstring(xml)
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    assert header.find("p:NbOfTxs", NS).text == "1"
    assert Decimal(header.find("p:CtrlSum", NS).text) == Decimal("629.68")
    assert approved_run.sepa_total == Decimal("629.68")
    debtor = root.find("p:CstmrCdtTrfInitn/p:PmtInf/p:DbtrAcct/p:Id/p:IBAN", NS)
    assert debtor.text == "NL91ABNA0417164300"
    transactions = root.findall(".//p:CdtTrfTxInf", NS)
    amounts = [Decimal(t.find("p:Amt/p:InstdAmt", NS).text) for t in transactions]
    assert sum(amounts) == approved_run.sepa_total
    [tx] = transactions
    item = approved_run.items.get(method="sepa")
    assert tx.find("p:PmtId/p:EndToEndId", NS).text == item.end_to_end_id
    assert tx.find("p:RmtInf/p:Ustrd", NS).text == (f"Leefgeld 2025-03 H{family['household'].pk}")
    assert tx.find("p:CdtrAcct/p:Id/p:IBAN", NS).text == "NL02ABNA0123456789"


def test_sepa_needs_the_debtor_iban(approved_run, municipality):
    municipality.iban = ""
    municipality.save()
    approved_run.refresh_from_db()
    with pytest.raises(ValidationError, match="has no debtor IBAN"):
        documents.to_sepa(approved_run)


def test_sepa_only_for_an_approved_run(family, debtor, finance_officer):
    run = services.create_run(finance_officer, MARCH)
    with pytest.raises(ValidationError, match="only made for an approved run"):
        documents.to_sepa(run)


def test_xlsx_holds_the_same_totals(approved_run):
    book = load_workbook(io.BytesIO(documents.run_to_xlsx(approved_run)))
    sheet = book["Payments"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(tuple(str(column) for column in documents.ITEM_COLUMNS))
    payments = [
        row
        for row in rows[header + 1 :]
        if row and row[0] and str(row[0]).startswith(("H", "person:"))
    ]
    assert len(payments) == 2
    assert sum(Decimal(str(row[7])) for row in payments) == Decimal("944.52")
    cash = [row for row in payments if row[4] == "Cash or card"]
    assert cash[0][5] == "no payee: no adult member has an IBAN"
    assert cash[0][6] == "Iryna Bondarenko"  # the adult who collects and signs
    totals = {row[0]: Decimal(str(row[7])) for row in rows if row and row[0] == "Total"}
    assert Decimal("944.52") in totals.values()
    lines = list(book["Lines"].iter_rows(values_only=True))[1:]
    assert sum(Decimal(str(row[6])) for row in lines) == Decimal("944.52")


def test_the_xlsx_is_dutch_with_names_and_real_dates(approved_run):
    """Seen by a finance officer: `household_ref, method (cash/sepa)` headers,
    dates as text and persons as P20. Now Dutch headers, names, date cells."""
    with translation.override("nl"):
        book = load_workbook(io.BytesIO(documents.run_to_xlsx(approved_run)))
    payments = book["Betalingen"]
    rows = list(payments.iter_rows(values_only=True))
    assert rows[0][0] == "Betaallijst leefgeld"
    header = next(row for row in rows if row and row[0] == "Huishoudnummer")
    assert header[:5] == ("Huishoudnummer", "Huishouden", "Ontvanger", "IBAN", "Betaalwijze")
    assert {row[4] for row in rows if row and str(row[0] or "").startswith("H")} >= {
        "Contant of per kaart"
    }
    month_cell = next(row for row in payments.iter_rows() if row[0].value == "Maand")[1]
    assert month_cell.is_date and month_cell.number_format == "mmmm yyyy"
    payment_date = next(row for row in payments.iter_rows() if row[0].value == "Betaaldatum")[1]
    assert payment_date.is_date and payment_date.number_format == "d mmmm yyyy"
    assert payment_date.value.date() == approved_run.execution_date
    lines = book["Regels"]
    line_header = [cell.value for cell in lines[1]]
    assert line_header[:4] == ["Huishoudnummer", "Persoon", "Persoonsnummer", "Maand"]
    names = {row[1].value for row in lines.iter_rows(min_row=2)}
    assert "Olena Shevchenko" in names and not any(name.startswith("P") for name in names)
    month = lines.cell(2, 4)
    assert month.is_date and month.number_format == "mmmm yyyy"


def test_a_household_name_that_looks_like_a_formula_stays_text_in_the_xlsx(approved_run):
    """A name is typed by a coordinator; a finance officer opens the list in Excel.
    "=HYPERLINK(...)" must show as text, not run as a formula."""
    formula = '=HYPERLINK("http://evil.example","Shevchenko")'
    approved_run.items.filter(household_name="Бондаренко").update(household_name=formula)
    sheet = load_workbook(io.BytesIO(documents.run_to_xlsx(approved_run)))["Payments"]
    cells = [row[1] for row in sheet.iter_rows() if "HYPERLINK" in str(row[1].value)]
    assert [(cell.value, cell.data_type) for cell in cells] == [("'" + formula, "s")]
    # The amounts beside it stay numbers with the money format.
    amount = sheet.cell(cells[0].row, 8)
    assert amount.data_type == "n" and amount.number_format == '"€" #,##0.00;"€" -#,##0.00'


def test_pdf_payment_list_renders_cyrillic_names(approved_run):
    pdf = documents.run_to_pdf(approved_run)
    text = pdf_text(pdf)
    assert "Leefgeld payment list — Utrecht — March 2025" in text
    # The Cyrillic surname is text in the PDF, not boxes: the font has the glyphs.
    assert "Бондаренко Iryna Bondarenko no payee: no adult member has an IBAN 314.84" in text
    assert "Olena Shevchenko NL02ABNA0123456789" in text and "Total 944.52" in text
    # The font is the one shipped with the package, whatever the machine has.
    assert "OO-Sans" in pdf_fonts(pdf)


def test_the_run_list_and_the_run_page_name_the_month_in_dutch(approved_run, client):
    """Seen by a finance officer: "2025-03 (#7)" in the list and "Leefgeld
    2025-03" as the page title. One Dutch month style everywhere."""
    from django.urls import reverse

    client.force_login(approved_run.prepared_by)
    listing = client.get(reverse("allowances:index"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert f"maart 2025 (#{approved_run.pk})" in listing and "2025-03 (#" not in listing
    page = client.get(
        reverse("allowances:run_detail", args=[approved_run.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert "Leefgeld maart 2025" in page and "Leefgeld 2025-03" not in page
    # The rule for partial months is stored as a code and read in Dutch.
    assert "naar rato van kalenderdagen: het maandbedrag" in page
    assert "pro rata by calendar days" not in page
    with translation.override("nl"):
        assert "Utrecht — maart 2025" in pdf_text(documents.run_to_pdf(approved_run))
