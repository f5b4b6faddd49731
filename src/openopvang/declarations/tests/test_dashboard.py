"""Landing pages: finance sees the advance deadline and last year's
declaration; the national viewer sees how many municipalities submitted
(before, both landed on "not available yet")."""

from django.test import Client
from freezegun import freeze_time

from openopvang.core.testing.html import page_text
from openopvang.declarations import services


def _dashboard(user) -> str:
    client = Client()
    client.force_login(user)
    return page_text(client.get("/", HTTP_ACCEPT_LANGUAGE="nl"))


@freeze_time("2025-09-20")
def test_finance_sees_the_advance_deadline_and_the_declaration_to_submit(finance_officer, hall):
    text = _dashboard(finance_officer)
    assert "2024: nog niet ingediend." in text
    assert "Voorschot 2025: aanvragen vóór 1 oktober 2025 (11 dagen over)." in text
    services.submit(finance_officer, finance_officer.organisation, 2024)
    assert "2024: ingediend, versie 1 (20 september 2025)." in _dashboard(finance_officer)


@freeze_time("2025-03-01")
def test_the_national_viewer_sees_who_has_submitted(
    national_user, finance_officer, municipality, hall
):
    services.submit(finance_officer, municipality, 2024)
    text = _dashboard(national_user)
    assert "Landelijke totalen 2024" in text
    assert (
        "1 van de " in text and "gemeenten hebben hun BooO-declaratie over 2024 ingediend" in text
    )
    assert "niet beschikbaar" not in text
