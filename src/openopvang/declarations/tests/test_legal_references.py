"""Issue 9 §2: the legal references and facts the declaration states.

- the normbedragen are in BooO art. 3 (lid 1 GOO, lid 4 POO), not art. 2;
- the advance (art. 5 lid 2) is requested for the same financial year, before
  1 October (2023–2025) or 1 November (from 2026);
- hotels, ships and catering are not claimed on top of the 2025 normbedrag
  (decision 0010)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from openopvang.core.testing.html import page_text
from openopvang.declarations import services
from openopvang.declarations.figures import compute
from openopvang.declarations.models import AdvanceRequest, CostCategory, CostLine
from openopvang.parameters.services import current_parameters

pytestmark = pytest.mark.django_db

GOO_2025 = Decimal("321200.00")  # 365 days × 20 places × € 44


# -- art. 3: the normbedragen ----------------------------------------------------------


def test_normbedrag_values_cite_art_3():
    params = current_parameters()
    goo = params.value("booo.goo.normbedrag_per_place_day", datetime.date(2025, 6, 1))
    poo = params.value("booo.poo.normbedrag_per_person_month", datetime.date(2025, 6, 1))
    assert goo.reference.article == "BooO art. 3 lid 1"
    assert poo.reference.article == "BooO art. 3 lid 4"


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "GOO normbedrag (art. 3 lid 1)"), ("nl", "GOO-normbedrag (art. 3 lid 1)")],
)
def test_year_page_names_art_3_lid_1_for_the_goo_normbedrag(
    finance_client, municipality, hall, language, label
):
    page = finance_client.get(
        reverse("declarations:year", args=[2025]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert label in page
    assert "BooO art. 3 lid 1 (art. 2 lid 1 sub a)" in page
    assert "art. 2 lid 1 sub a)</td>" in page  # the category stays named, after art. 3


# -- art. 5: the advance, for the same year --------------------------------------------


@pytest.mark.parametrize(
    ("year", "deadline"),
    [
        (2023, datetime.date(2023, 10, 1)),
        (2024, datetime.date(2024, 10, 1)),
        # The amendment (26 Nov 2025) came after both 2025 deadlines.
        (2025, datetime.date(2025, 10, 1)),
        (2026, datetime.date(2026, 11, 1)),
        (2027, datetime.date(2027, 11, 1)),
    ],
)
def test_advance_deadline_lies_in_the_financial_year_itself(year, deadline):
    found = services.advance_deadline(year, today=datetime.date(year, 1, 2))
    assert found["deadline"] == deadline and found["state"] == "ok"
    assert found["reference"]["article"] == "BooO art. 5 lid 2"


def test_no_advance_deadline_in_2022():
    assert "error" in services.advance_deadline(2022)


def test_the_parameter_says_same_financial_year():
    described = {p["name"]: p for p in current_parameters().describe()}
    text = described["booo.advance.request_deadline"]["description"]
    assert "same financial year" in text["en"] and "hetzelfde boekjaar" in text["nl"]


@pytest.mark.parametrize(
    ("today", "year", "day"),
    [("2025-10-01", 2025, "1 October 2025"), ("2026-11-01", 2026, "1 November 2026")],
)
def test_a_request_on_or_after_the_deadline_is_refused(
    finance_client, finance_officer, municipality, hall, today, year, day
):
    with freeze_time(today):
        advance = AdvanceRequest(municipality=municipality, year=year, amount=Decimal("1000.00"))
        with pytest.raises(ValidationError) as refused:
            services.request_advance(finance_officer, advance)
        response = finance_client.post(
            reverse("declarations:advance", args=[year]),
            {"amount": "1000.00"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert f"had to be requested before {day} (BooO art. 5 lid 2)" in refused.value.messages[0]
    assert response.status_code == 200
    assert "can no longer be requested" in response.content.decode()
    assert not AdvanceRequest.objects.exists()


def test_a_request_for_2026_in_october_2026_is_accepted(finance_client, municipality, hall):
    with freeze_time("2026-10-20"):
        finance_client.post(reverse("declarations:advance", args=[2026]), {"amount": "1.00"})
    assert AdvanceRequest.objects.get().deadline == datetime.date(2026, 11, 1)


# -- hotels, ships and catering (decision 0010) --------------------------------------


def _hotel_line(municipality, amount="5000.00") -> CostLine:
    return CostLine.objects.create(
        municipality=municipality,
        year=2025,
        category=CostCategory.ACTUAL_HOTEL_SHIP_CATERING,
        amount=Decimal(amount),
        description="Hotel De Brug, March",
    )


def test_a_stored_hotel_line_is_listed_but_not_declared(finance_client, municipality, hall):
    _hotel_line(municipality)
    data = compute(municipality, 2025)
    assert data.total == GOO_2025  # not € 5,000 on top
    row = next(r for r in data.components() if r["component"] == "actual_hotel_ship_catering")
    assert row["listed"] == Decimal("5000.00") and not row["declared"]
    page = finance_client.get(
        reverse("declarations:year", args=[2025]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Hotel De Brug, March" in page  # still readable
    assert "€ 5,000.00 listed for accountability, not claimed separately" in page_text(page)
    assert "higher actual GOO costs go through art. 3 lid 2" in page


def test_a_new_hotel_line_is_refused_pointing_to_art_3_lid_2(finance_officer, finance_api):
    line = CostLine(
        municipality=finance_officer.organisation,
        year=2025,
        category=CostCategory.ACTUAL_HOTEL_SHIP_CATERING,
        amount=Decimal("10.00"),
        description="Hotel",
    )
    with pytest.raises(ValidationError) as refused:
        services.save_cost_line(finance_officer, line)
    message = refused.value.message_dict["category"][0]
    assert "not claimed separately" in message
    assert "actual-cost alternative (art. 3 lid 2) for 2025" in message
    response = finance_api.post(
        "/api/v1/cost-lines/",
        {
            "year": 2025,
            "category": "actual_hotel_ship_catering",
            "amount": "10",
            "description": "H",
        },
        format="json",
    )
    assert response.status_code == 400
    assert not CostLine.objects.exists()


def test_a_stored_hotel_line_can_still_be_corrected_or_moved(finance_officer, municipality):
    line = _hotel_line(municipality)
    line.amount = Decimal("4000.00")
    services.save_cost_line(finance_officer, line)
    line.category = CostCategory.TRANSITION
    services.save_cost_line(finance_officer, line)
    line.category = CostCategory.ACTUAL_HOTEL_SHIP_CATERING
    with pytest.raises(ValidationError):
        services.save_cost_line(finance_officer, line)
    assert CostLine.objects.get().category == CostCategory.TRANSITION


# -- SiSa A16 ------------------------------------------------------------------------


def _sisa_cells(page: str) -> dict[str, str]:
    import re

    rows = re.findall(r'data-indicator="(A16/\d\d)">.*?numeric-data">(.*?)</td>', page, flags=re.S)
    # The amount sits in a no-wrap span; the cell's text is what a reader sees.
    return {indicator: re.sub(r"<[^>]+>", "", cell).strip() for indicator, cell in rows}


def test_year_page_shows_the_confirmed_2023_indicators(finance_client, municipality, hall):
    page = finance_client.get(
        reverse("declarations:year", args=[2023]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    cells = _sisa_cells(page)
    assert cells["A16/01"] == "605,900.00"  # 365 days × 20 places × € 83
    assert cells["A16/02"] == "0.00" and cells["A16/04"] == "0.00"
    assert cells["A16/05"] == "not recorded on the platform"
    assert "Not confirmed for this year" not in page


def test_a_later_year_shows_the_2023_set_marked_not_confirmed(
    finance_client, municipality, hall, poo_2024
):
    data = compute(municipality, 2024)
    goo = next(r["amount"] for r in data.components() if r["component"] == "goo")
    poo = next(r["amount"] for r in data.components() if r["component"] == "poo")
    page = finance_client.get(
        reverse("declarations:year", args=[2024]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    cells = _sisa_cells(page)
    assert (
        cells["A16/01"] == f"{goo:,.2f}" and cells["A16/06"] == f"{poo:,.2f}" == "184.00"
    )  # 2 months × € 92
    assert "Not confirmed for this year" in page and "confirmed for SiSa 2023" in page


def test_the_xlsx_holds_the_sisa_indicators(finance_client, municipality, hall, poo_2024):
    import io

    from openpyxl import load_workbook

    data = compute(municipality, 2024)
    xlsx = finance_client.get(
        reverse("declarations:draft_export_xlsx", args=[2024]), HTTP_ACCEPT_LANGUAGE="en"
    )
    rows = {
        row[0]: row
        for row in load_workbook(io.BytesIO(xlsx.content))["SiSa"].iter_rows(values_only=True)
    }
    goo = next(r["amount"] for r in data.components() if r["component"] == "goo")
    assert Decimal(str(rows["A16/01"][2])) == goo
    assert Decimal(str(rows["A16/06"][2])) == Decimal("184.00")
    assert rows["A16/05"][2] == "not recorded on the platform"


def test_actual_costs_above_the_normbedrag_go_to_a16_02(
    finance_officer, finance_client, municipality, hall
):
    from openopvang.declarations.models import YearSettings

    services.save_year_settings(
        finance_officer,
        YearSettings(
            municipality=municipality, year=2023, actual_cost_goo=True, actual_cost_reason="Hotel"
        ),
    )
    services.save_cost_line(
        finance_officer,
        CostLine(
            municipality=municipality,
            year=2023,
            category=CostCategory.ACTUAL_COST_GOO,
            amount=Decimal("700000.00"),
            description="Hotel invoices 2023",
        ),
    )
    declaration = services.submit(finance_officer, municipality, 2023)
    page = finance_client.get(
        reverse("declarations:version_page", args=[declaration.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    cells = _sisa_cells(page)
    # The normbedrag the year would have had, and the actual spending above it.
    assert cells["A16/01"] == "605,900.00"
    assert cells["A16/02"] == "94,100.00" and cells["A16/03"] == "0.00"
