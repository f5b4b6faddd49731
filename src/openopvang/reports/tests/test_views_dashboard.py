"""The municipal dashboard: the chart's table and downloads hold exactly the
hand-counted numbers of tests/data.py; the charts are accessible SVG in the
page's language."""

import csv
import io

import pytest
from openpyxl import load_workbook

from openopvang.accounts.models import Role
from openopvang.core.testing import factories

from .data import build

pytestmark = pytest.mark.django_db
PERIOD = {"start": "2024-01-01", "end": "2024-01-03"}


def _table(html: str, slug: str) -> list[list[str]]:
    from html.parser import HTMLParser

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__()
            self.inside = False
            self.rows, self.cell = [], None

        def handle_starttag(self, tag, attrs):
            if tag == "table" and ("data-figure", slug) in attrs:
                self.inside = True
            elif self.inside and tag == "tr":
                self.rows.append([])
            elif self.inside and tag in ("td", "th"):
                self.cell = ""

        def handle_endtag(self, tag):
            if tag == "table":
                self.inside = False
            elif self.inside and tag in ("td", "th") and self.cell is not None:
                self.rows[-1].append(" ".join(self.cell.split()))
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data

    parser = Cells()
    parser.feed(html)
    return parser.rows


def test_capacity_table_is_the_hand_count(coordinator_client, municipality):
    build(municipality)
    html = coordinator_client.get("/reports/", PERIOD).content.decode()
    assert _table(html, "capacity") == [
        ["Day", "Realised places", "Occupied"],
        ["1 January 2024", "15", "2"],
        ["2 January 2024", "15", "3"],
        ["3 January 2024", "12", "1"],
    ]
    assert "On 3 January 2024, 1 of the 12 places were occupied" in html


def test_per_location_and_breakdowns(coordinator_client, municipality):
    build(municipality)
    html = coordinator_client.get("/reports/", PERIOD).content.decode()
    assert _table(html, "locations")[1:] == [["Alfa", "12", "1"]]  # Bravo closed on 2 Jan
    assert _table(html, "reception")[1:] == [
        ["Municipal location (GOO)", "1"],
        ["Private host (POO)", "1"],
    ]
    # On 3 Jan: p2 (8, household of 2) at Alfa and p4 (33, same household) with the host.
    assert _table(html, "households")[1:][1] == ["2 persons", "2"]
    ages = dict(row for row in _table(html, "ages")[1:])
    assert ages["4 to 11 years"] == "1" and ages["18 to 64 years"] == "1"
    assert _table(html, "movements")[1:] == [["January 2024", "4", "2"]]


def test_location_filter(coordinator_client, municipality):
    a, _b = build(municipality)
    html = coordinator_client.get("/reports/", {**PERIOD, "location": a.pk}).content.decode()
    assert _table(html, "capacity")[1:] == [
        ["1 January 2024", "10", "1"],
        ["2 January 2024", "10", "2"],
        ["3 January 2024", "12", "1"],
    ]


def test_csv_and_xlsx_hold_exactly_the_table(coordinator_client, municipality):
    build(municipality)
    response = coordinator_client.get("/reports/download/", {**PERIOD, "chart": "capacity"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["Day", "Realised places", "Occupied"],
        ["2024-01-01", "15", "2"],
        ["2024-01-02", "15", "3"],
        ["2024-01-03", "12", "1"],
    ]
    response = coordinator_client.get(
        "/reports/download/", {**PERIOD, "chart": "capacity", "file": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert [row[1:] for row in values] == [[15, 2], [15, 3], [12, 1]]


def test_csv_cannot_carry_a_formula(coordinator_client, municipality):
    a, _b = build(municipality)
    a.name = "=HYPERLINK(1)"
    a.save()
    response = coordinator_client.get("/reports/download/", {**PERIOD, "chart": "locations"})
    assert "'=HYPERLINK(1)" in response.content.decode()


def test_svg_is_accessible_and_in_dutch(coordinator_client, municipality):
    build(municipality)
    html = coordinator_client.get("/reports/", PERIOD, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "Plaatsen: 12" in svg and "Bezet: 1" in svg  # direct labels, Dutch
    assert "3 januari" in svg  # the axis in Dutch date style
    assert "<script" not in html.split("<main", 1)[-1].split("</main>")[0]


def test_finance_officer_sees_it_and_other_municipalities_do_not_leak(
    client, municipality, finance_officer, other_municipality
):
    build(municipality)
    client.force_login(finance_officer)
    assert client.get("/reports/", PERIOD).status_code == 200
    outsider = factories.UserFactory(organisation=other_municipality, role=Role.COORDINATOR)
    client.force_login(outsider)
    html = client.get("/reports/", PERIOD).content.decode()
    assert "Alfa" not in html
    assert _table(html, "capacity")[1:] == [
        ["1 January 2024", "0", "0"],
        ["2 January 2024", "0", "0"],
        ["3 January 2024", "0", "0"],
    ]


def test_national_viewer_has_no_municipal_dashboard(client):
    national = factories.MunicipalityFactory(code="NAT", name="National", kind="national")
    client.force_login(factories.UserFactory(organisation=national, role=Role.NATIONAL_VIEWER))
    assert client.get("/reports/").status_code == 404
