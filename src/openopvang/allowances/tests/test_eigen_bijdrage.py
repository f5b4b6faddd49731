"""Eigen bijdrage collection list: engine amount, maatwerk reduction, floor."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text
from openopvang.core.testing.pdf import pdf_text

from .. import documents, services
from ..collection import collection_list
from ..models import EigenBijdrageReduction, MunicipalPolicy
from .conftest import MARCH

pytestmark = pytest.mark.django_db


@pytest.fixture
def earner(family):
    factories.IncomeFactory(
        person=family["andrii"],
        start_date=datetime.date(2025, 1, 1),
        monthly_amount=Decimal("1500.00"),
    )
    return family


def test_collection_list_charges_the_adult_earner_in_goo(earner, municipality):
    rows, total = collection_list(municipality, MARCH)
    [row] = rows
    # 2024-07-01 .. 2025-09-30: 105.00 per person per month, whole month.
    assert row.gross == Decimal("105.00") and row.amount == Decimal("105.00")
    assert row.charged == ["Andrii Shevchenko"]
    assert total == Decimal("105.00")
    text = " ".join(label for _depth, label in row.explanation)
    assert "31 days x 105.00 / 31" in text and "Andrii Shevchenko" in text


def test_maatwerk_reduction_is_a_separate_line(earner, municipality, finance_officer):
    reduction = EigenBijdrageReduction(
        household=earner["household"],
        month=MARCH,
        amount=Decimal("30.00"),
        reason="Payment arrangement",
    )
    services.save_reduction(finance_officer, reduction)
    [row] = collection_list(municipality, MARCH)[0]
    assert (row.gross, row.reduction, row.amount) == (
        Decimal("105.00"),
        Decimal("30.00"),
        Decimal("75.00"),
    )
    assert row.reduction_reason == "Payment arrangement"
    with pytest.raises(ValidationError):
        services.save_reduction(
            finance_officer,
            EigenBijdrageReduction(
                household=earner["household"], month=MARCH, amount=Decimal("5"), reason="again"
            ),
        )


def test_floor_caps_at_income_minus_the_leefgeld_equivalent(family, municipality):
    factories.IncomeFactory(
        person=family["andrii"],
        start_date=datetime.date(2025, 1, 1),
        monthly_amount=Decimal("700.00"),
    )
    MunicipalPolicy.objects.create(
        municipality=municipality, eigen_bijdrage_floor="income_minus_leefgeld"
    )
    [row] = collection_list(municipality, MARCH)[0]
    # Without income the household would get 629.68: it keeps that, so at most
    # 700.00 - 629.68 = 70.32 of the 105.00.
    assert row.cap == Decimal("70.32") and row.amount == Decimal("70.32")
    assert "income 700.00 minus leefgeld equivalent 629.68" in row.cap_note


def test_collection_xlsx_has_the_total(earner, municipality):
    rows, total = collection_list(municipality, MARCH)
    book = load_workbook(io.BytesIO(documents.collection_to_xlsx(municipality, MARCH, rows, total)))
    values = [row for row in book.active.iter_rows(values_only=True) if row and row[8] is not None]
    assert Decimal(str(values[-1][8])) == Decimal("105.00")
    text = pdf_text(documents.collection_to_pdf(municipality, MARCH, rows, total))
    assert "Eigen bijdrage collection list — Utrecht — March 2025" in text
    assert "Shevchenko Andrii" in text and "Total 105.00" in text


def test_collection_page_explains_in_dutch(earner, finance_officer, client):
    client.force_login(finance_officer)
    page = client.get(
        reverse("allowances:collection") + "?month=2025-03", HTTP_ACCEPT_LANGUAGE="nl"
    )
    page = page_text(page)
    assert "Eigen bijdrage maart 2025" in page and "Eigen bijdrage 2025-03" not in page
    assert "Andrii Shevchenko: 31 dagen bijdrage" in page
    assert "31 dagen x 105,00 / 31 (18+, inkomen 1.500,00 per maand" in page
    assert "naar rato van kalenderdagen" in page
    # Olena has no income: her days are named in Dutch, not the engine's English.
    assert "dagen geen bijdrage" not in page or "geen inkomen" in page
    assert "days charged" not in page and "pro rata by calendar days" not in page
