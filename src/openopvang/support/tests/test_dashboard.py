"""The NGO worker lands on their work (before: "those pages are not
available yet"): offers waiting for the municipality, services running now
with their sessions this month, disputed lines; the municipality's buyer
sees the offers waiting for its decision."""

from decimal import Decimal

from django.test import Client
from django.utils import timezone

from openopvang.core.testing.html import page_text

from .. import services


def _dashboard(user) -> str:
    client = Client()
    client.force_login(user)
    return page_text(client.get("/", HTTP_ACCEPT_LANGUAGE="nl"))


def test_the_ngo_worker_sees_offers_running_services_and_sessions(
    ngo_worker, coordinator, municipality, service, current_lines
):
    guidance, _children = current_lines
    services.register_session(ngo_worker, guidance, date=timezone.localdate(), hours=Decimal("2"))
    offer = services.create_offer(
        ngo_worker,
        municipality=municipality,
        title="Taalcafé voorjaar",
        lines=[
            {
                "service": service("maatschappelijke-begeleiding"),
                "units": Decimal("10"),
                "unit_price": Decimal("50.00"),
                "period_start": guidance.period_start,
                "period_end": guidance.period_end,
            }
        ],
    )
    services.send_offer(ngo_worker, offer)
    text = _dashboard(ngo_worker)
    assert "Aanbiedingen die wachten op het besluit van de gemeente (1)" in text
    assert "Taalcafé voorjaar" in text
    assert "Diensten die nu lopen: registreer de bijeenkomsten (2)" in text
    assert "1 bijeenkomst deze maand" in text and "0 bijeenkomsten deze maand" in text
    assert "Betwiste factuurregels (0)" in text
    assert "niet beschikbaar" not in text
    # The municipality's coordinator is asked to decide on the same offer.
    coordinator_text = _dashboard(coordinator)
    assert "Aanbiedingen die wachten op uw besluit (1)" in coordinator_text
    assert "Facturen om te controleren (0)" in coordinator_text
