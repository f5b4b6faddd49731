"""Hand-computed declarations through the Django side: registry → scenario →
engine → what the finance officer sees."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from openopvang.core.testing.html import page_text
from openopvang.declarations.cost_sources import (
    SourcedCostLine,
    cost_sources,
    register_cost_source,
)
from openopvang.declarations.figures import compute
from openopvang.declarations.models import CostCategory, CostLine, YearSettings

pytestmark = pytest.mark.django_db


def test_location_across_the_2022_rate_switch(municipality, hall):
    data = compute(municipality, 2022)
    goo = data.lines_for("goo")
    # 1 Mar – 14 Oct 2022: 228 days × 10 places × € 100
    # 15 Oct – 31 Oct: 17 days × 10 places, 1 Nov – 31 Dec: 61 days × 20 places; × € 83
    assert [(line["from"], line["to"], line["quantity"], line["amount"]) for line in goo] == [
        ("2022-03-01", "2022-10-14", 2280, Decimal("228000.00")),
        ("2022-10-15", "2022-12-31", 1390, Decimal("115370.00")),
    ]
    assert data.total == Decimal("343370.00")
    assert data.goo_place_days == 3670
    months = {row["month"]: row["amount"] for row in data.months()}
    assert months["2022-10"] == Decimal("28110.00")  # 14 × 10 × 100 + 17 × 10 × 83
    assert months["2022-12"] == Decimal("51460.00")  # 31 × 20 × 83


def test_poo_person_counts_only_in_months_with_a_provision(municipality, poo_2024):
    data = compute(municipality, 2024)
    poo = data.lines_for("poo")
    olena = f"P{poo_2024['olena'].pk}"
    assert [(line["month"], line["persons"], line["amount"]) for line in poo] == [
        ("2024-03", [olena], Decimal("92.00")),
        ("2024-04", [olena], Decimal("92.00")),
    ]
    assert data.poo_person_months == 2
    assert {row["component"]: row["amount"] for row in data.components()}["poo"] == Decimal(
        "184.00"
    )
    # Sub b is leefgeld actually paid; with no payment runs on the platform there is no line.
    assert data.lines_for("poo_leefgeld") == []
    assert data.total == sum(row["amount"] for row in data.components())


def test_paid_poo_leefgeld_becomes_the_sub_b_line(municipality, poo_2024):
    from openopvang.declarations import cost_sources

    saved = cost_sources.poo_leefgeld_sources.all("provider")
    try:
        cost_sources.register_poo_leefgeld_source(lambda m, s, e: Decimal("1234.56"))
        data = compute(municipality, 2024)
    finally:
        for provider in saved:
            cost_sources.register_poo_leefgeld_source(provider)
    [line] = data.lines_for("poo_leefgeld")
    assert line["amount"] == Decimal("1234.56")


def test_cost_lines_and_purchased_services_listed_not_claimed(municipality, finance_officer, hall):
    CostLine.objects.create(
        municipality=municipality,
        year=2024,
        category=CostCategory.TRANSITION,
        amount=Decimal("5000.00"),
        description="Verbouwing sporthal",
        evidence="factuur 2024-17",
        month=datetime.date(2024, 2, 1),
        location=hall,
    )
    CostLine.objects.create(
        municipality=municipality,
        year=2024,
        category=CostCategory.PURCHASED_SERVICES,
        amount=Decimal("1200.00"),
        description="Spreekuur VluchtelingenWerk",
    )
    data = compute(municipality, 2024)
    goo = Decimal(366 * 20 * 61)  # leap year, 20 places, € 61
    components = {row["component"]: row for row in data.components()}
    assert components["transition"]["amount"] == Decimal("5000.00")
    assert components["purchased_services"]["amount"] == Decimal("0.00")
    assert components["purchased_services"]["listed"] == Decimal("1200.00")
    assert not components["purchased_services"]["declared"]
    assert data.total == goo + Decimal("5000.00")
    transition = data.lines_for("transition")[0]
    assert transition["location"] == f"L{hall.pk}"
    assert transition["source"]["type"] == "declarations.CostLine"


def test_actual_cost_choice_replaces_goo_normbedrag(municipality, hall):
    YearSettings.objects.create(
        municipality=municipality,
        year=2022,
        actual_cost_goo=True,
        actual_cost_reason="Hotel costs far above the normbedrag",
    )
    CostLine.objects.create(
        municipality=municipality,
        year=2022,
        category=CostCategory.ACTUAL_COST_GOO,
        amount=Decimal("50000.00"),
        description="Hotel De Wereld, 15 Oct – 31 Dec",
    )
    data = compute(municipality, 2022)
    assert [line["to"] for line in data.lines_for("goo")] == ["2022-10-14"]
    assert data.total == Decimal("228000.00") + Decimal("50000.00")
    actual = data.lines_for("actual_cost_goo")[0]
    assert "Hotel costs far above the normbedrag" in actual["description"]


def test_year_page_names_the_actual_cost_date_from_the_parameters(
    municipality, hall, finance_client
):
    YearSettings.objects.create(
        municipality=municipality,
        year=2022,
        actual_cost_goo=True,
        actual_cost_reason="Hotelkosten ver boven het normbedrag",
    )
    page = finance_client.get(reverse("declarations:year", args=[2022]), HTTP_ACCEPT_LANGUAGE="nl")
    assert "normbedrag (vanaf 15 oktober 2022)." in page.content.decode()


def test_sourced_lines_keep_their_source_for_drill_down(municipality, finance_client):
    @register_cost_source("tests.invoices")
    def invoices(m, start, end):
        return [
            SourcedCostLine(
                "purchased_services",
                Decimal("300.00"),
                "Taalcoaching",
                month=datetime.date(2024, 5, 1),
                source={"type": "tests.Invoice", "id": 7, "url": "/invoices/7/"},
            )
        ]

    try:
        data = compute(municipality, 2024)
        line = data.lines_for("purchased_services")[0]
        assert line["source"]["url"] == "/invoices/7/"
        assert not line["declared"]
        page = finance_client.get(
            reverse("declarations:draft_line", args=[2024, line["index"]]),
            HTTP_ACCEPT_LANGUAGE="en",
        ).content.decode()
        assert 'href="/invoices/7/"' in page
        assert "listed for accountability, not claimed separately" in page
    finally:
        cost_sources.remove("tests.invoices")


def test_year_page_shows_totals_and_drill_down(finance_client, municipality, hall, poo_2024):
    page = finance_client.get(reverse("declarations:year", args=[2024]), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "446,520.00" in text  # 366 × 20 × 61
    lines = finance_client.get(
        reverse("declarations:draft_lines", args=[2024]) + "?component=goo",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "7,320 × 61.00" in page_text(lines)
    data = compute(municipality, 2024)
    goo = data.lines_for("goo")[0]
    detail = finance_client.get(
        reverse("declarations:draft_line", args=[2024, goo["index"]]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert reverse("registry:location_detail", args=[hall.pk]) in detail
    assert "1 November 2022" in detail  # the capacity period behind the line
    assert 'id="explanation"' in detail and "booo.goo.normbedrag_per_place_day" in detail
    poo = data.lines_for("poo")[0]
    detail = finance_client.get(
        reverse("declarations:draft_line", args=[2024, poo["index"]])
    ).content.decode()
    assert "Shevchenko" in detail and "Bondarenko" not in detail
    assert reverse("registry:person_detail", args=[poo_2024["olena"].pk]) in detail


def test_month_drill_down(finance_client, hall):
    page = finance_client.get(reverse("declarations:draft_lines", args=[2022]) + "?month=2022-10")
    assert page.status_code == 200
    assert page.content.decode().count('href="/declarations/2022/lines/') == 2


def test_a_dutch_reader_sees_the_line_and_its_explanation_in_dutch(
    municipality, hall, finance_client
):
    data = compute(municipality, 2022)
    [line] = data.lines_for("goo")[:1]
    page = finance_client.get(
        reverse("declarations:draft_line", args=[2022, line["index"]]),
        HTTP_ACCEPT_LANGUAGE="nl",
    ).content.decode()
    assert "gerealiseerde plaatsen per dag" in page
    assert "plaatsdagen" in page and "capaciteitsperiode" in page
    # The engine's English, stored beside the codes for CLI readers, is not shown.
    assert "realised places per day" not in page
    assert "place-days" not in page
