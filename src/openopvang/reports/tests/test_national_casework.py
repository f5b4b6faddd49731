"""National casework figures: open cases per municipality and situation,
counted by hand, with a small count suppressed and the cells hidden after it
so that no row or column total gives it away; the page, CSV, XLSX and API
publish the same numbers, for the national organisation only."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from openopvang.accounts.models import Organisation, Role
from openopvang.casework.models import SituationCode
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 6, 3)
OPENED = datetime.date(2024, 1, 2)
PROTECTED, NO_RIGHT = SituationCode.PROTECTED, SituationCode.NO_RIGHT


@pytest.fixture
def national_user():
    national = factories.MunicipalityFactory(code="NAT", name="Landelijk", kind="national")
    return factories.UserFactory(organisation=national, role=Role.NATIONAL_VIEWER)


@pytest.fixture
def national_client(client, national_user):
    client.force_login(national_user)
    return client


def _cases(municipality, code, number, **case):
    for _ in range(number):
        factories.SituationFactory(
            case__municipality=municipality,
            case__opened_on=case.get("opened_on", OPENED),
            case__closed_on=case.get("closed_on"),
            case__closure_reason="housed" if case.get("closed_on") else "",
            code=code,
            start_date=case.get("opened_on", OPENED),
        )


@pytest.fixture
def two_municipalities():
    """Klein: 3 protected, 10 without a right of residence (13 open cases).
    Groot: 20 protected, 7 without a right (27). Besides, cases that do not
    count on DAY: closed the day before, opened the day after."""
    Organisation.objects.municipalities().delete()
    klein = factories.MunicipalityFactory(code="GM0001", name="Klein")
    groot = factories.MunicipalityFactory(code="GM0002", name="Groot")
    _cases(klein, PROTECTED, 3)
    _cases(klein, NO_RIGHT, 9)
    # protected until the day before, no right from DAY: counted once, as no right
    moved = factories.SituationFactory(case__municipality=klein, code=PROTECTED, start_date=OPENED)
    factories.SituationFactory(case=moved.case, code=NO_RIGHT, start_date=DAY)
    _cases(groot, PROTECTED, 19)
    _cases(groot, PROTECTED, 1, closed_on=DAY)  # its last day in reception: still counted
    _cases(groot, NO_RIGHT, 7)
    _cases(groot, PROTECTED, 2, closed_on=DAY - datetime.timedelta(days=1))
    _cases(groot, NO_RIGHT, 4, opened_on=DAY + datetime.timedelta(days=1))
    return klein, groot


def _rows(tables):
    return {row.code: row.cells for row in [*tables.municipalities, tables.country]}


# Worked out by hand: Klein's 3 is "<5". Its row (13 = 3 + 10) would give the
# 3 away, so its 10 is hidden; the no-right column (17 = 10 + 7) would give
# the 10 away, so Groot's 7 is hidden; Groot's row (27 = 20 + 7) would give
# the 7 away and the protected column (23 = 3 + 20) Klein's 3, so Groot's 20
# is hidden too. The totals stay: a reader can narrow Klein's protected only
# to 1 to 4.
EXPECTED = {
    "GM0001": {PROTECTED: "<5", NO_RIGHT: "x", "total": 13},
    "GM0002": {PROTECTED: "x", NO_RIGHT: "x", "total": 27},
    "NL": {PROTECTED: 23, NO_RIGHT: 17, "total": 40},
}


def test_small_count_suppressed_with_secondary_suppression(national_client, two_municipalities):
    response = national_client.get("/reports/national/casework/", {"day": DAY.isoformat()})
    assert response.status_code == 200
    rows = _rows(response.context["tables"])
    for code, expected in EXPECTED.items():
        assert {k: rows[code][k] for k in expected} == expected, code
        others = {k: v for k, v in rows[code].items() if k not in expected}
        assert set(others.values()) == {0}
    text = page_text(response.content.decode())
    assert "Klein <5 0 0 0 0 0 0 x 13" in text
    assert "Groot x 0 0 0 0 0 0 x 27" in text
    assert "The Netherlands 23 0 0 0 0 0 0 17 40" in text
    # no person is named
    from openopvang.registry.models import Person

    person = Person.objects.filter(municipality=two_municipalities[0]).first()
    assert person.family_name not in text


def test_downloads_and_api_publish_the_same_numbers(national_client, two_municipalities):
    day = {"day": DAY.isoformat()}
    found = national_client.get("/reports/national/casework.csv", day)
    assert found["Content-Disposition"].endswith('zaken-derdelanders-2024-06-03.csv"')
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(found.content.decode()))}
    assert rows["GM0001"]["protected"] == "<5" and rows["GM0001"]["no_right"] == "x"
    assert rows["GM0001"]["total"] == "13" and rows["NL"]["no_right"] == "17"
    assert rows["NL"]["level"] == "country" and rows["GM0002"]["protected"] == "x"

    book = load_workbook(
        io.BytesIO(national_client.get("/reports/national/casework.xlsx", day).content)
    )
    values = [list(row) for row in book.active.iter_rows(values_only=True)]
    assert values[0][0] == "Open cases per municipality and situation on 3 June 2024"
    assert values[1][2] == "Protected (temporary protection)" and values[1][-1] == "Open cases"
    klein = next(row for row in values if row[0] == "GM0001")
    assert klein[2] == "<5" and klein[9] == "x" and klein[10] == 13
    country = next(row for row in values if row[0] == "NL")
    assert country[2:] == [23, 0, 0, 0, 0, 0, 0, 17, 40]

    data = national_client.get("/api/v1/national-casework-figures/", day).json()
    assert data["day"] == "2024-06-03"
    assert data["columns"][0] == {"code": "protected", "label": "Protected (temporary protection)"}
    api = {r["code"]: r for r in [*data["municipalities"], data["country"]]}
    for code, expected in EXPECTED.items():
        assert {k: api[code][k] for k in expected} == expected


def test_dutch_page(national_client, two_municipalities):
    response = national_client.get(
        "/reports/national/casework/", {"day": DAY.isoformat()}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    text = page_text(response.content.decode())
    assert "3 juni 2024" in text
    assert "Geen verblijfsrecht" in text


def test_a_day_without_cases_shows_zeros(national_client):
    Organisation.objects.municipalities().delete()
    factories.MunicipalityFactory(code="GM0003", name="Leeg")
    rows = _rows(national_client.get("/reports/national/casework/").context["tables"])
    assert set(rows["GM0003"].values()) == {0} and rows["NL"]["total"] == 0


def test_only_the_national_organisation(coordinator_client, api_client):
    assert coordinator_client.get("/reports/national/casework/").status_code == 403
    assert coordinator_client.get("/reports/national/casework.csv").status_code == 403
    assert api_client.get("/api/v1/national-casework-figures/").status_code == 403


def test_the_national_page_links_to_it_and_has_a_plain_title(national_client):
    html = national_client.get("/reports/national/").content.decode()
    assert "/reports/national/casework/" in html
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<section" not in title and "National reception figures" in title


def test_protect_lines_on_a_wide_sparse_table_gives_nothing_away():
    """342 rows, 8 columns, 2,000 counts mostly of 1 to 4 (as the cases of
    third-country nationals are spread): no hidden cell can be worked out,
    and the country's totals stay published."""
    import random

    from openopvang.reports import disclosure

    rng = random.Random(7)
    rows, columns = list(range(342)), list("abcdefgh")
    values = {(r, c): 0 for r in rows for c in columns}
    for owner in [0] * 300 + [1 + i % 341 for i in range(1700)]:
        values[(owner, rng.choice(columns))] += 1
    for r in rows:
        values[(r, "T")] = sum(values[(r, c)] for c in columns)
    for c in [*columns, "T"]:
        values[("N", c)] = sum(values[(r, c)] for r in rows)
    sums = disclosure.table_sums(rows, columns, total_row="N", total_column="T")
    published = disclosure.protect_lines(values, sums)
    assert disclosure.exposed(published, sums) == set()
    assert all(published[("N", c)] == values[("N", c)] for c in [*columns, "T"])
    assert not any(disclosure.is_small(v) for v in published.values() if isinstance(v, int))


def test_a_row_of_ones_under_five_is_withheld_alone():
    """Four cases of 1 in a row totalling 4 ("<5"): the reader would know each
    is 1, and hiding more cannot help, so that row is not published; the other
    row and the column totals stay."""
    from openopvang.reports import disclosure

    values = {("r1", c): 1 for c in "abcd"} | {("r1", "T"): 4}
    values |= {("r2", c): 10 for c in "abcd"} | {("r2", "T"): 40}
    values |= {("N", c): 11 for c in "abcd"} | {("N", "T"): 44}
    sums = disclosure.table_sums(["r1", "r2"], "abcd", total_row="N", total_column="T")
    published = disclosure.protect_lines(values, sums)
    assert disclosure.exposed(published, sums) == set()
    assert {published[("r1", c)] for c in "abcdT"} == {"."}
    assert published[("N", "T")] == 44
