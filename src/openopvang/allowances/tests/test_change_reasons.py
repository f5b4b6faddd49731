"""Editing a placement or income period over a month already paid asks for
the reason, and the correction in the next run shows it. Seen as a new
user: a placement of a paid month was changed without a word, and the next
run's correction said only "recomputed after registry change"."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from openopvang.allowances import services
from openopvang.allowances.models import LineKind
from openopvang.allowances.reasons import render_reason
from openopvang.audit.models import AuditEvent
from openopvang.core.testing.html import page_text
from openopvang.registry.models import ChangeReason, IncomePeriod, Placement

from .conftest import APRIL, MARCH

pytestmark = pytest.mark.django_db

REASON = "Vertrokken naar eigen woning op 20 maart"


@pytest.fixture
def paid_march(family, debtor, finance_officer, finance_officer_b):
    run = services.create_run(finance_officer, MARCH)
    services.prepare_run(finance_officer, run)
    return services.approve_run(finance_officer_b, run)


def test_the_edit_page_warns_and_the_change_needs_a_reason(paid_march, family, coordinator_client):
    placement = family["placements"][family["olena"].pk]
    url = reverse("registry:placement_update", args=[placement.pk])
    text = page_text(coordinator_client.get(url, HTTP_ACCEPT_LANGUAGE="nl"))
    assert "Het leefgeld van maart 2025 is al betaald" in text

    data = {
        "place": f"location:{family['location'].pk}",
        "start_date": "2025-01-01",
        "end_date": "2025-03-20",
    }
    response = coordinator_client.post(url, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert "geef de reden van de wijziging" in page_text(response)
    placement.refresh_from_db()
    assert placement.end_date is None  # nothing stored without the reason

    response = coordinator_client.post(url, {**data, "change_reason": REASON})
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.end_date == datetime.date(2025, 3, 20)
    kept = ChangeReason.objects.get()
    assert (kept.person, kept.record, kept.reason) == (family["olena"], "placement", REASON)
    # The days the stay lost: from 21 March on (ending it later changes no paid day).
    assert (kept.start_date, kept.end_date) == (datetime.date(2025, 3, 21), datetime.date.today())
    event = AuditEvent.objects.filter(object_type="registry.Placement", action="update").get()
    assert event.changes["change_reason"] == REASON


def test_the_next_run_s_correction_carries_the_reason(
    paid_march, family, finance_officer, coordinator
):
    from openopvang.registry import services as registry

    placement = family["placements"][family["olena"].pk]
    placement.end_date = datetime.date(2025, 3, 20)
    registry.save_placement(coordinator, placement, change_reason=REASON)

    april = services.create_run(finance_officer, APRIL)
    [correction] = [
        line
        for line in april.lines.filter(kind=LineKind.CORRECTION, person=family["olena"])
        if line.component == "eetgeld"
    ]
    # Eetgeld € 252,18 for March: 20 of 31 days now → 252.18 × 20 / 31 = 162,70
    assert correction.computed == Decimal("162.70")
    assert correction.amount == Decimal("162.70") - Decimal("252.18")
    assert render_reason(correction.reason) == (
        f"recomputed 2025-03 after registry change: was 252.18, now 162.70 — reason given: {REASON}"
    )


def test_a_change_outside_the_paid_months_needs_no_reason(
    paid_march, family, coordinator, finance_officer
):
    """An income period from May on touches no paid month."""
    from openopvang.registry import services as registry

    income = IncomePeriod(
        person=family["andrii"],
        kind="work",
        start_date=datetime.date(2025, 5, 1),
        monthly_amount=Decimal("800.00"),
    )
    registry.save_dated_record(coordinator, income, kind="income")
    assert not ChangeReason.objects.exists()


def test_the_api_asks_the_same_reason(paid_march, family, api_client):
    payload = {
        "person": family["andrii"].pk,
        "kind": "work",
        "monthly_amount": "800.00",
        "start_date": "2025-03-01",
    }
    response = api_client.post("/api/v1/income-periods/", payload, format="json")
    assert response.status_code in (400, 422), response.content
    assert "change_reason" in response.content.decode()
    assert not IncomePeriod.objects.exists()

    response = api_client.post(
        "/api/v1/income-periods/",
        {**payload, "change_reason": "Werk gevonden per 1 maart"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert "change_reason" not in response.json()  # written, not shown back
    assert ChangeReason.objects.get().record == "income"


def test_a_submitted_declaration_year_is_named_for_a_placement(
    family, finance_officer, coordinator_client
):
    from openopvang.declarations import services as declarations

    declarations.submit(finance_officer, family["location"].municipality, 2025)
    placement: Placement = family["placements"][family["andrii"].pk]
    url = reverse("registry:placement_update", args=[placement.pk])
    text = page_text(coordinator_client.get(url, HTTP_ACCEPT_LANGUAGE="nl"))
    assert "De BooO-declaratie over 2025 is ingediend" in text
    # An income period does not count in the declaration: no warning there.
    income = IncomePeriod.objects.create(
        person=family["andrii"],
        kind="work",
        start_date=datetime.date(2025, 5, 1),
        monthly_amount=Decimal("800.00"),
    )
    text = page_text(
        coordinator_client.get(
            reverse("registry:income_update", args=[income.pk]), HTTP_ACCEPT_LANGUAGE="nl"
        )
    )
    assert "BooO-declaratie" not in text


def test_checking_out_or_ending_today_asks_no_reason(paid_march, family, coordinator):
    """Ending an open stay today loses no paid day; a check-out (the daily
    action) never asks a reason, also when backdated into a paid month."""
    from openopvang.registry import services as registry

    olena, andrii = family["olena"], family["andrii"]
    placement = family["placements"][andrii.pk]
    placement.end_date = datetime.date.today()
    registry.save_placement(coordinator, placement)  # no reason needed
    registry.check_out(coordinator, olena, day=datetime.date(2025, 3, 25))
    assert not ChangeReason.objects.exists()
