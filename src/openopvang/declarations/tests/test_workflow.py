"""Submitting, correcting, the advance, exports, missing parameters."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text
from openopvang.core.testing.pdf import pdf_text
from openopvang.declarations import services
from openopvang.declarations.figures import DeclarationData, compute
from openopvang.declarations.models import CostLine, Declaration
from openopvang.registry.models import CapacityPeriod

pytestmark = pytest.mark.django_db

GOO_2024 = Decimal(366 * 20 * 61)  # the hall in 2024: 20 places all year at € 61


def test_submitted_version_is_frozen_after_registry_edit(
    finance_client, finance_officer, municipality, hall
):
    response = finance_client.post(reverse("declarations:submit", args=[2024]))
    declaration = Declaration.objects.get()
    assert response.url == reverse("declarations:version_page", args=[declaration.pk])
    assert declaration.version == 1 and declaration.total == GOO_2024
    assert declaration.scenario["locations"][0]["capacity"][-1]["places"] == 20
    assert any(p["name"] == "booo.goo.normbedrag_per_place_day" for p in declaration.parameters)

    # The registry changes: 30 places from 1 July 2024.
    current = CapacityPeriod.objects.get(location=hall, end_date__isnull=True)
    current.end_date = datetime.date(2024, 6, 30)
    current.save()
    CapacityPeriod.objects.create(location=hall, start_date=datetime.date(2024, 7, 1), places=30)
    live = compute(municipality, 2024)
    assert live.total == GOO_2024 + Decimal(184 * 10 * 61)

    declaration.refresh_from_db()
    frozen = DeclarationData.from_declaration(declaration)
    assert frozen.total == GOO_2024
    page = finance_client.get(
        reverse("declarations:version_page", args=[declaration.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "446,520.00" in page and "558,760.00" not in page
    workbook = load_workbook(
        io.BytesIO(
            finance_client.get(
                reverse("declarations:version_export_xlsx", args=[declaration.pk])
            ).content
        )
    )
    assert _xlsx_total(workbook) == GOO_2024


def test_correction_is_a_new_version_with_a_diff(
    finance_client, finance_officer, municipality, hall
):
    first = services.submit(finance_officer, municipality, 2024)
    CostLine.objects.create(
        municipality=municipality,
        year=2024,
        category="transition",
        amount=Decimal("2500.00"),
        description="Brandveiligheid",
    )
    page = finance_client.get(
        reverse("declarations:correct", args=[2024]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "2,500.00" in page.content.decode()
    response = finance_client.post(reverse("declarations:correct", args=[2024]), {"reason": ""})
    assert response.status_code == 200 and Declaration.objects.count() == 1  # reason is required
    finance_client.post(
        reverse("declarations:correct", args=[2024]), {"reason": "Transition costs were missing"}
    )
    second = Declaration.objects.get(version=2)
    assert second.previous == first and second.total == GOO_2024 + Decimal("2500.00")
    page = finance_client.get(
        reverse("declarations:version_page", args=[second.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'id="diff-components"' in page and "Transition costs were missing" in page
    changes = services.diff(
        DeclarationData.from_declaration(first), DeclarationData.from_declaration(second)
    )
    assert changes["components"] == [
        {
            "component": "transition",
            "label": "Transition costs (sub e, on application)",
            "old": Decimal("0.00"),
            "new": Decimal("2500.00"),
            "delta": Decimal("2500.00"),
        }
    ]
    assert [(line["old"], line["new"]) for line in changes["lines"]] == [(None, Decimal("2500.00"))]
    events = AuditEvent.objects.filter(
        object_type="declarations.Declaration", action=AuditAction.CREATE
    ).order_by("id")
    assert [e.changes["event"] for e in events] == ["submitted", "corrected"]
    assert events[1].changes["components"] == {"transition": ["0.00", "2500.00"]}


def test_submit_twice_is_refused(finance_officer, municipality, hall):
    services.submit(finance_officer, municipality, 2024)
    with pytest.raises(services.ValidationError):
        services.submit(finance_officer, municipality, 2024)


@pytest.mark.parametrize(
    ("today", "state", "text"),
    [
        ("2025-06-01", "ok", None),
        ("2025-09-15", "near", "Only 16 days left."),
        ("2025-10-01", "passed", "The deadline has passed."),
    ],
)
def test_advance_deadline_warning(finance_client, municipality, hall, today, state, text):
    with freeze_time(today):
        deadline = services.advance_deadline(2025)
        assert deadline["deadline"] == datetime.date(2025, 10, 1) and deadline["state"] == state
        page = finance_client.get(
            reverse("declarations:advance", args=[2025]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    assert "Request the advance before 1 October 2025" in page
    if text:
        assert text in page
    if state == "passed":
        # The advance is for the same year: after the deadline no form is offered.
        assert "can no longer be requested" in page and 'name="amount"' not in page
    else:
        # The suggested amount is the live estimate: 365 × 20 × € 44.
        assert 'value="321200.00"' in page


def test_advance_deadline_from_2026_is_1_november():
    with freeze_time("2026-10-20"):
        deadline = services.advance_deadline(2026)
    assert deadline["deadline"] == datetime.date(2026, 11, 1) and deadline["state"] == "near"


def test_request_the_advance(finance_client, municipality, hall):
    with freeze_time("2025-05-01"):
        finance_client.post(
            reverse("declarations:advance", args=[2025]),
            {"amount": "300000.00", "note": "Based on 20 places"},
        )
    advance = municipality_advance(municipality)
    assert advance.amount == Decimal("300000.00") and advance.estimate == Decimal("321200.00")
    assert advance.deadline == datetime.date(2025, 10, 1)
    assert AuditEvent.objects.filter(object_type="declarations.AdvanceRequest").exists()


def municipality_advance(municipality):
    from openopvang.declarations.models import AdvanceRequest

    return AdvanceRequest.objects.get(municipality=municipality, year=2025)


def _xlsx_total(workbook) -> Decimal:
    for row in workbook["Summary"].iter_rows(values_only=True):
        if row[0] == "Total declared" or row[0] == "Totaal gedeclareerd":
            return Decimal(str(row[3])).quantize(Decimal("0.01"))
    raise AssertionError("no total row")


def test_exports_hold_the_screen_figures(finance_client, municipality, hall, poo_2024):
    data = compute(municipality, 2024)
    xlsx = finance_client.get(
        reverse("declarations:draft_export_xlsx", args=[2024]), HTTP_ACCEPT_LANGUAGE="en"
    )
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert _xlsx_total(workbook) == data.total
    assert {"Summary", "goo", "poo"} <= set(workbook.sheetnames)
    summary = list(workbook["Summary"].iter_rows(values_only=True))
    assert any(row[1] == "BooO art. 3 lid 1 (art. 2 lid 1 sub a)" for row in summary)
    goo_rows = list(workbook["goo"].iter_rows(values_only=True))
    assert goo_rows[-1][9] == float(GOO_2024)

    pdf = finance_client.get(
        reverse("declarations:draft_export_pdf", args=[2024]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    # In Dutch, with Dutch money format: the same total as the screen and the XLSX.
    assert "BooO-declaratie — Utrecht" in text and "Concept (live berekend" in text
    assert "Totaal gedeclareerd 446.704,00" in text
    assert str(data.total) == "446704.00"

    text = finance_client.get(
        reverse("declarations:draft_export_csv", args=[2024])
    ).content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(data.lines())
    assert sum(Decimal(r["Amount"]) for r in rows if r["Declared"] == "yes") == data.total
    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT)
    assert sorted(e.changes["format"] for e in exports) == ["csv", "pdf", "xlsx"]


def test_the_exports_name_locations_in_dutch_with_real_dates(finance_client, hall, poo_2024):
    """Seen in a Dutch XLSX: 'L1 (building): realised places per day' and
    English column codes. Now the location's name, Dutch headers, date cells."""
    xlsx = finance_client.get(
        reverse("declarations:draft_export_xlsx", args=[2024]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    sheet = load_workbook(io.BytesIO(xlsx.content))["goo"]
    header = [cell.value for cell in sheet[2]]
    assert header[:6] == ["Onderdeel", "Gedeclareerd", "Van", "Tot en met", "Maand", "Locatie"]
    first = sheet[3]
    assert first[5].value == "Sporthal Oost" and first[1].value == "ja"
    assert first[2].is_date and first[2].value.year == 2024
    assert "Sporthal Oost" in first[13].value and f"L{hall.pk}" not in first[13].value
    page = page_text(
        finance_client.get(
            reverse("declarations:draft_lines", args=[2024]), HTTP_ACCEPT_LANGUAGE="nl"
        )
    )
    assert "Sporthal Oost (Gebouw): gerealiseerde plaatsen per dag" in page or (
        "GOO Sporthal Oost" in page
    )
    assert f"L{hall.pk} " not in page


def test_missing_2026_parameter_is_an_error_naming_it(
    finance_client, finance_api, municipality, hall
):
    page = finance_client.get(reverse("declarations:year", args=[2026]), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert page.status_code == 200
    assert "utrecht-alert--error" in text
    assert "booo.goo.normbedrag_per_place_day" in text and "1 January 2026" in text
    assert "No value for parameter" not in text  # the engine's message is for the CLI
    # A finance officer cannot add the value: told whom to ask, linked to the public list.
    assert "Ask your application administrator or the national organisation" in text
    assert reverse("parameters_public:list") in text
    response = finance_api.get("/api/v1/declarations/compute/?year=2026")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "booo.goo.normbedrag_per_place_day" in response.json()["detail"]
    assert response.json()["code"] == "missing_parameter"
    assert response.json()["parameter"] == "booo.goo.normbedrag_per_place_day"
    assert response.json()["firstDayWithoutValue"] == "2026-01-01"
    response = finance_api.post("/api/v1/declarations/submit/", {"year": 2026}, format="json")
    assert response.status_code == 422 and not Declaration.objects.exists()


def test_cost_line_form_and_audit(finance_client, municipality, hall):
    response = finance_client.post(
        reverse("declarations:cost_line_create", args=[2024]),
        {
            "category": "transition",
            "amount": "1000.00",
            "month": "2024-03",
            "location": hall.pk,
            "description": "Keuken",
            "evidence": "F-12",
        },
    )
    assert response.status_code == 302
    line = CostLine.objects.get()
    assert line.month == datetime.date(2024, 3, 1)
    finance_client.post(
        reverse("declarations:cost_line_update", args=[line.pk]),
        {
            "category": "transition",
            "amount": "1100.00",
            "month": "2024-03",
            "location": hall.pk,
            "description": "Keuken",
            "evidence": "F-12",
        },
    )
    finance_client.post(reverse("declarations:cost_line_update", args=[line.pk]), {"delete": "1"})
    assert not CostLine.objects.exists()
    actions = list(
        AuditEvent.objects.filter(object_type="declarations.CostLine")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE]


def test_cost_line_rules(finance_client, municipality):
    response = finance_client.post(
        reverse("declarations:cost_line_create", args=[2024]),
        {"category": "actual_hotel_ship_catering", "amount": "10.00", "description": "Hotel"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    # No longer offered for new lines (decision 0010).
    assert "Select a valid choice" in response.content.decode()
    response = finance_client.post(
        reverse("declarations:cost_line_create", args=[2024]),
        {"category": "actual_cost_goo", "amount": "10.00", "description": "Hotel"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "actual-cost alternative" in response.content.decode()
    response = finance_client.post(
        reverse("declarations:cost_line_create", args=[2024]),
        {"category": "transition", "amount": "10.00", "month": "2023-05", "description": "X"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "must lie in 2024" in response.content.decode()
    assert not CostLine.objects.exists()


def test_actual_cost_choice_needs_a_reason(finance_client, municipality):
    response = finance_client.post(
        reverse("declarations:year_settings", args=[2022]),
        {"actual_cost_goo": "on", "actual_cost_reason": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Give the reason" in response.content.decode()
    finance_client.post(
        reverse("declarations:year_settings", args=[2022]),
        {"actual_cost_goo": "on", "actual_cost_reason": "Hotel far above norm"},
    )
    assert services.year_settings(municipality, 2022).policy() == {
        "actual_cost_goo": {"enabled": True, "reason": "Hotel far above norm"}
    }


def test_national_view_totals_without_personal_data(
    client, national_user, municipality, other_municipality, finance_officer, hall, poo_2024
):
    location = factories.LocationFactory(municipality=other_municipality)
    factories.CapacityPeriodFactory(
        location=location, start_date=datetime.date(2024, 1, 1), places=5
    )
    services.submit(finance_officer, municipality, 2024)
    client.force_login(national_user)
    client.post(reverse("declarations:national"), {"year": 2024})
    page = client.get(reverse("declarations:national") + "?year=2024", HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Utrecht (GM0344)" in text and "Amsterdam (GM0363)" in text
    assert "submitted, version 1" in text and "computed live" in text
    assert "111630.00" in text  # 366 × 5 × 61 for Amsterdam
    visible = page_text(page)  # not the markup: a CSRF token may hold "P1"
    assert "Shevchenko" not in text and "Olena" not in text
    assert not re.search(rf"\bP{poo_2024['olena'].pk}\b", visible)


def test_national_view_is_for_the_national_organisation(finance_client):
    assert finance_client.get(reverse("declarations:national")).status_code == 403


def test_national_view_explains_a_year_without_amounts(client, national_user, hall):
    """2026 has no GOO normbedrag yet: the municipality's row says which value
    is missing from which day, in the reader's language, not the engine's text."""
    client.force_login(national_user)
    client.post(reverse("declarations:national"), {"year": 2026})
    page = client.get(reverse("declarations:national") + "?year=2026", HTTP_ACCEPT_LANGUAGE="nl")
    text = page.content.decode()
    assert "booo.goo.normbedrag_per_place_day" in text and "1 januari 2026" in text
    assert "Geen waarde bekend voor" in text
    assert "No value for parameter" not in text


def test_the_progress_box_says_when_no_worker_picks_the_job_up(client, national_user):
    """Seen in the demo: the national totals stayed at 0% for ever, because
    no worker ran, and nothing said so."""
    from django.utils import timezone

    from ..models import NationalRun

    run = NationalRun.objects.create(year=2024)
    client.force_login(national_user)
    url = reverse("declarations:national_progress") + "?year=2024"
    assert "No background worker" not in page_text(client.get(url))
    NationalRun.objects.filter(pk=run.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    text = page_text(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
    assert "No background worker has started this computation yet" in text
    assert "openopvang worker" in text


def test_submit_page_shows_the_totals_per_component_before_anything_is_stored(finance_client, hall):
    url = reverse("declarations:submit", args=[2024])
    text = page_text(finance_client.get(url, HTTP_ACCEPT_LANGUAGE="nl"))
    # 366 days × 20 places = 7.320 place-days at € 61 = € 446.520,00
    assert "Declaratie over 2024 indienen?" in text
    assert "7.320 plaatsdagen" in text and "446.520,00" in text
    assert "Ja, declaratie indienen" in text
    assert not Declaration.objects.exists()


def test_submit_is_refused_when_the_figures_changed_after_the_check(finance_client, hall):
    url = reverse("declarations:submit", args=[2024])
    checked = compute(hall.municipality, 2024).total
    current = CapacityPeriod.objects.get(location=hall, end_date__isnull=True)
    current.places = 21  # a coordinator edits the registry meanwhile
    current.save()

    response = finance_client.post(
        url, {"expected_total": str(checked)}, follow=True, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert not Declaration.objects.exists()
    # 366 × 21 × € 61 = € 468.846,00
    assert "De cijfers zijn veranderd nadat u ze controleerde (nu € 468.846,00)" in page_text(
        response
    )

    response = finance_client.post(url, {"expected_total": "468846.00"})
    assert Declaration.objects.get().total == Decimal("468846.00")


def test_submit_page_after_submission_points_to_a_correction(finance_client, hall):
    url = reverse("declarations:submit", args=[2024])
    finance_client.post(url)
    text = page_text(finance_client.get(url, HTTP_ACCEPT_LANGUAGE="nl"))
    assert "al ingediend" in text and "Dien een correctie in" in text
    assert "Ja, declaratie indienen" not in text


def test_the_months_of_a_declaration_read_in_dutch(finance_client, hall):
    """Seen by a finance officer: the 'By month' table listed 2022-10, 2022-11;
    now 'oktober 2022' on the page and in the PDF report."""
    page = page_text(
        finance_client.get(reverse("declarations:year", args=[2022]), HTTP_ACCEPT_LANGUAGE="nl")
    )
    assert "oktober 2022" in page and "december 2022" in page
    assert "2022-10" not in page
    lines = page_text(
        finance_client.get(
            reverse("declarations:draft_lines", args=[2022]) + "?month=2022-10",
            HTTP_ACCEPT_LANGUAGE="nl",
        )
    )
    assert "— oktober 2022" in lines and "— 2022-10" not in lines
    pdf = finance_client.get(
        reverse("declarations:draft_export_pdf", args=[2022]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    text = pdf_text(pdf.content)
    assert "oktober 2022" in text and "2022-10" not in text
