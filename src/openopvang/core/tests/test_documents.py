"""core.documents: PDFs that show Ukrainian and Arabic with the shipped fonts,
the one formula guard in XLSX and CSV, and the download header."""

import copy
import csv
import io
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.http import StreamingHttpResponse
from django.test import override_settings
from openpyxl import load_workbook

from openopvang.core import documents
from openopvang.core.testing.pdf import pdf_fonts, pdf_text

UKRAINIAN = "Лист для Олени Шевченко: виплата за березень"
ARABIC = "مرحبا بكم في هولندا"

LETTER = (
    '{% extends "core/pdf_base.html" %}{% load i18n %}'
    "{% block title %}Test{% endblock %}"
    "{% block content %}<h1>{{ heading }}</h1><p>Zoë van der Berg</p>"
    '<div dir="rtl" lang="ar">{{ arabic }}</div>'
    '<p>{% translate "Total" %}: 12,50</p>{% endblock %}'
)


@pytest.fixture
def letter_template():
    """A template like a letter's, next to the real ones (it extends core's base)."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["APP_DIRS"] = False
    templates[0]["OPTIONS"]["loaders"] = [
        ("django.template.loaders.locmem.Loader", {"test/letter.html": LETTER}),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    with override_settings(TEMPLATES=templates):
        yield "test/letter.html"


def test_pdf_shows_ukrainian_and_arabic_in_the_shipped_fonts(letter_template):
    pdf = documents.pdf_from_template(
        letter_template, {"heading": UKRAINIAN, "arabic": ARABIC}, language="nl"
    )
    text = pdf_text(pdf)
    assert UKRAINIAN in text and "Zoë van der Berg" in text
    # Arabic: WeasyPrint writes each shaped run with a ToUnicode map in logical
    # order, and pypdf reads it back in that order with the fonts shipped here
    # (checked: the sentence comes back as typed). Some extractors give
    # right-to-left text in visual (reversed) order instead, so the check that
    # does not depend on the extractor is the next one: the glyphs come from
    # the Arabic font, not from a fallback that would draw empty boxes.
    assert ARABIC in text
    assert {"OO-Sans", "OO-Sans-Bold", "OO-Sans-Arabic"} <= pdf_fonts(pdf)
    # The language asked for, not the active one.
    assert "Totaal: 12,50" in text


def test_pdf_is_rendered_in_the_language_asked_for(letter_template):
    pdf = documents.pdf_from_template(
        letter_template, {"heading": "Letter", "arabic": ARABIC}, language="en"
    )
    assert "Total: 12,50" in pdf_text(pdf)


def test_the_fonts_ship_with_the_package_and_their_licence():
    names = {path.name for path in documents.FONTS_DIR.iterdir()}
    assert {
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoSansArabic-Regular.ttf",
        "NotoSansArabic-Bold.ttf",
        "OFL.txt",
    } <= names
    assert "SIL Open Font License" in (documents.FONTS_DIR / "OFL.txt").read_text()


FORMULAS = ['=HYPERLINK("http://evil.example","klik")', "+31 6 1234", "-2+3", "@SUM(A1)"]


def test_xlsx_cells_never_hold_a_formula_and_amounts_stay_numbers():
    book = documents.new_workbook("Lijst")
    sheet = book.active
    documents.append_row(sheet, ["name", "amount"], bold=True)
    for text in FORMULAS + ["\tTab", "\rReturn"]:
        documents.append_row(sheet, [text, Decimal("-12.50")], money=(2,))
    documents.append_row(sheet, ["Total", Decimal("1234.56")], money=(2,), bold=(1,))

    sheet = load_workbook(io.BytesIO(documents.xlsx_bytes(book)))["Lijst"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2, max_row=7)]
    assert [cell.value for cell in cells[:4]] == ["'" + text for text in FORMULAS]
    assert all(cell.data_type == "s" for cell in cells)
    amount = sheet.cell(2, 2)
    assert amount.value == -12.5 and amount.data_type == "n"
    assert amount.number_format == documents.MONEY_FORMAT
    assert sheet.cell(1, 1).font.bold and sheet.cell(8, 1).font.bold
    assert not sheet.cell(8, 2).font.bold
    assert sheet.cell(8, 2).value == 1234.56


def test_csv_is_guarded_with_the_same_function():
    text = documents.csv_text(
        ["name", "amount", "note"], [[value, Decimal("-5.00"), None] for value in FORMULAS]
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["name", "amount", "note"]
    assert [row[0] for row in rows[1:]] == ["'" + value for value in FORMULAS]
    # A negative amount is a number, not text: it stays as it is.
    assert {row[1] for row in rows[1:]} == {"-5.00"} and {row[2] for row in rows[1:]} == {""}


def test_file_response_names_a_file_with_accents_and_cyrillic():
    name = "Overzicht Zoë Київ.pdf"
    response = documents.file_response(b"%PDF-", content_type=documents.PDF, filename=name)
    header = response["Content-Disposition"]
    # An ASCII name for old clients, and the real one (RFC 6266, RFC 5987) for the rest.
    assert header.startswith('attachment; filename="Overzicht Zoe _.pdf"; ')
    assert header.endswith("filename*=UTF-8''Overzicht%20Zo%C3%AB%20%D0%9A%D0%B8%D1%97%D0%B2.pdf")
    assert unquote(header.split("UTF-8''", 1)[1]) == name
    assert response["Content-Type"] == "application/pdf"


def test_file_response_keeps_plain_names_plain_and_refuses_paths_and_quotes():
    plain = documents.file_response(b"x", content_type=documents.CSV, filename="booo-2024.csv")
    assert plain["Content-Disposition"] == 'attachment; filename="booo-2024.csv"'
    inline = documents.file_response(
        b"x", content_type=documents.PDF, filename='../etc/"pass\r\nwd".pdf', inline=True
    )
    assert inline["Content-Disposition"] == 'inline; filename="_etc__pass__wd_.pdf"'


def test_file_response_streams_an_iterator():
    response = documents.file_response(
        documents.csv_lines(["a"], ([n] for n in range(3))),
        content_type=documents.CSV,
        filename="lijst.csv",
    )
    assert isinstance(response, StreamingHttpResponse)
    assert b"".join(response.streaming_content).decode().splitlines() == ["a", "0", "1", "2"]
