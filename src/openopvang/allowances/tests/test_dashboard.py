"""The finance officer lands on the work waiting: a run prepared by a
colleague waits for their approval; this month's run is missing."""

import datetime

from django.test import Client
from freezegun import freeze_time

from openopvang.core.testing.html import page_text

from .. import services
from .conftest import MARCH


def _dashboard(user) -> str:
    client = Client()
    client.force_login(user)
    return page_text(client.get("/", HTTP_ACCEPT_LANGUAGE="nl"))


@freeze_time("2025-03-20")
def test_a_prepared_run_waits_for_the_other_finance_officer(
    family, finance_officer, finance_officer_b
):
    run = services.create_run(finance_officer, MARCH)
    services.prepare_run(finance_officer, run)
    finance_officer.first_name, finance_officer.last_name = "Fleur", "Smit"
    finance_officer.save()
    text = _dashboard(finance_officer_b)
    assert "Voor u te doen" in text and "Betaalruns leefgeld" in text
    assert "maart 2025 : € 629,68 — voorbereid door Fleur Smit, wacht op uw goedkeuring" in text
    own = _dashboard(finance_officer)
    assert "voorbereid door u; een andere financieel medewerker keurt hem goed" in own
    assert "heeft nog geen betaalrun" not in own  # March has its run


@freeze_time("2025-04-02")
def test_a_month_without_a_run_says_so(family, finance_officer, coordinator):
    text = _dashboard(finance_officer)
    assert "Er wacht geen betaalrun." in text
    assert "Het leefgeld van april 2025 heeft nog geen betaalrun." in text
    # A coordinator sees no money card.
    assert "Betaalruns leefgeld" not in _dashboard(coordinator)
    assert datetime.date.today() == datetime.date(2025, 4, 2)
