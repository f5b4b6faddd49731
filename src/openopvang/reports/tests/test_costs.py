"""Costs per month on the municipal dashboard: the table, the CSV and the
XLSX hold the hand count of tests/costs_data.py to the cent; only finance
officers and administrators see the money."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from .costs_data import build
from .test_views_dashboard import _table

pytestmark = pytest.mark.django_db
FEBRUARY = {"start": "2024-02-01", "end": "2024-02-29"}
HEADERS = [
    "Month",
    "GOO normbedrag (art. 3 lid 1)",
    "POO normbedrag (art. 3 lid 4)",
    "POO leefgeld at actual cost (sub b)",
    "BooO claim (normbedrag income)",
    "Leefgeld paid",
    "Eigen bijdrage collected",
    "Support services invoiced",
]


@pytest.fixture
def finance_client(client, finance_officer):
    client.force_login(finance_officer)
    return client


def test_costs_table_is_the_hand_count(finance_client, municipality, coordinator):
    build(municipality, coordinator)
    html = finance_client.get("/reports/", FEBRUARY).content.decode()
    assert _table(html, "costs") == [
        HEADERS,
        [
            "February 2024",
            "€ 6,066.67",
            "€ 375.00",
            "€ 1,234.56",
            "€ 7,676.23",
            "€ 499.75",
            "€ 0.00",
            "€ 1,750.10",
        ],
    ]
    assert "The BooO claim was € 7,676.23 against € 499.75 leefgeld paid" in html


def test_january_gets_its_part_and_the_correction(finance_client, municipality, coordinator):
    build(municipality, coordinator)
    html = finance_client.get(
        "/reports/", {"start": "2024-01-01", "end": "2024-02-29"}
    ).content.decode()
    january = _table(html, "costs")[1]
    # 12/22 of 13,200.00 + 1/3 of 100.00 = 7,233.33; the correction −12.40
    assert january[:2] == ["January 2024", "€ 7,233.33"]
    assert january[5] == "€ -12.40"


def test_costs_csv_and_xlsx_to_the_cent(finance_client, municipality, coordinator):
    build(municipality, coordinator)
    response = finance_client.get("/reports/download/", {**FEBRUARY, "chart": "costs"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        HEADERS,
        ["2024-02-01", "6066.67", "375.00", "1234.56", "7676.23", "499.75", "0.00", "1750.10"],
    ]
    response = finance_client.get(
        "/reports/download/", {**FEBRUARY, "chart": "costs", "file": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for cell in next(sheet.iter_rows(min_row=3))]
    assert [Decimal(str(v)) for v in values[1:]] == [
        Decimal(x) for x in ("6066.67", "375.00", "1234.56", "7676.23", "499.75", "0", "1750.10")
    ]


def test_coordinator_sees_no_money(coordinator_client, municipality, coordinator):
    build(municipality, coordinator)
    html = coordinator_client.get("/reports/", FEBRUARY).content.decode()
    assert 'data-figure="costs"' not in html
    response = coordinator_client.get("/reports/download/", {**FEBRUARY, "chart": "costs"})
    assert response.status_code == 404
