"""The monthly report: one click gives a PDF with the month's figures in its
text and tables; the scheduled job keeps one per municipality that finance
officers download."""

import datetime

import pytest

from openopvang.core.testing.pdf import pdf_text as _pdf_text
from openopvang.reports.models import MonthlyReport
from openopvang.reports.tasks import make_monthly_reports

from . import costs_data, data

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    """The PDF's text with its line breaks folded (sentences wrap)."""
    return " ".join(_pdf_text(content).split())


def test_one_click_pdf_has_the_figures(coordinator_client, municipality):
    data.build(municipality)
    response = coordinator_client.get("/reports/monthly.pdf", {"month": "2024-01"})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Monthly report on reception" in text and "January 2024" in text
    # the summary: the hand count of tests/data.py at the end of January
    assert (
        "the municipality had 12 realised places at the end of the month, of which 1 were "
        "occupied; 1 persons lived with a private host" in text
    )
    assert "4 persons arrived and 2 left" in text
    assert "Realised places" in text  # the capacity table's header


def test_finance_pdf_carries_the_costs(client, finance_officer, municipality, coordinator):
    costs_data.build(municipality, coordinator)
    client.force_login(finance_officer)
    text = pdf_text(client.get("/reports/monthly.pdf", {"month": "2024-02"}).content)
    assert "The BooO claim for the month is € 7,676.23; € 499.75 leefgeld was paid" in text
    assert "€ 1,750.10" in text


def test_scheduled_report_is_kept(client, finance_officer, coordinator, municipality):
    data.build(municipality)
    assert make_monthly_reports(datetime.date(2024, 1, 1), [municipality.pk]) == 1
    assert MonthlyReport.objects.filter(municipality=municipality).count() == 1
    client.force_login(finance_officer)
    response = client.get("/reports/monthly/kept.pdf", {"month": "2024-01"})
    assert "4 persons arrived and 2 left" in pdf_text(response.content)
    # money inside: not for the coordinator, who gets the report of their own figures
    client.force_login(coordinator)
    response = client.get("/reports/monthly/kept.pdf", {"month": "2024-01"})
    assert response.status_code == 302
    assert response["Location"] == "/reports/monthly.pdf?month=2024-01"
