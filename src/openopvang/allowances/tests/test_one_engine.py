"""Issue 8 §2 on the allowances side: reasons stored as codes and shown in the
viewer's language, the person page computing one household, a stored run
reproducible offline from one document."""

import datetime
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from openopvang.core.testing import factories
from openopvang.parameters.models import ParameterOverride
from openopvang.rules.engine.evaluate import evaluate
from openopvang.rules.engine.parameters import ParameterSet

from .. import selectors, services
from ..models import LineKind, PaymentLine
from ..reasons import render_reason
from .conftest import APRIL, MARCH

pytestmark = pytest.mark.django_db


def approved(run, preparer, approver):
    services.prepare_run(preparer, run)
    return services.approve_run(approver, run)


@pytest.fixture
def run_with_correction_and_minor_payee(family, finance_officer, finance_officer_b):
    """March approved; then Andrii's placement ends on 15 March (a correction in
    April) and the household's payee becomes a minor (cash, "payee is a minor")."""
    approved(services.create_run(finance_officer, MARCH), finance_officer, finance_officer_b)
    placement = family["placements"][family["andrii"].pk]
    placement.end_date = datetime.date(2025, 3, 15)
    placement.save()
    child = factories.PersonFactory(
        municipality=family["household"].municipality,
        given_names="Sofiia",
        family_name="Shevchenko",
        birth_date=datetime.date(2015, 5, 5),
        iban="NL02ABNA0123456789",
    )
    household = family["household"]
    household.payee = child
    household.save()
    return services.create_run(finance_officer, APRIL)


def test_reasons_are_stored_as_codes_not_english(run_with_correction_and_minor_payee):
    run = run_with_correction_and_minor_payee
    [item] = run.items.all()
    assert item.reason == {"code": "payee_minor"}
    assert item.payee_note == {"code": "payee_of_household"}
    correction = run.lines.get(kind=LineKind.CORRECTION, component="eetgeld")
    assert correction.reason == {
        "code": "recomputed",
        "month": "2025-03",
        "was": "252.18",
        "now": "122.02",
    }
    assert all(
        isinstance(entry, dict) and "code" in entry
        for line in run.lines.all()
        for entry in line.explanation
    )


def test_dutch_viewer_sees_dutch_reasons_english_viewer_english(
    run_with_correction_and_minor_payee, finance_officer, client
):
    run = run_with_correction_and_minor_payee
    client.force_login(finance_officer)
    url = reverse("allowances:run_detail", args=[run.pk])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "payee is a minor" in english
    assert "recomputed 2025-03 after registry change: was 252.18, now 122.02" in english
    assert "begunstigde is minderjarig" in dutch
    assert "herberekend 2025-03 na wijziging in de registratie: was 252,18, nu 122,02" in dutch
    assert "payee is a minor" not in dutch and "recomputed" not in dutch
    assert "dagen" in dutch  # the line explanations too

    api = client.get(f"/api/v1/payment-runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="nl")
    assert api.status_code == 200
    [item] = api.json()["items"]
    assert item["reason"] == {"code": "payee_minor", "text": "begunstigde is minderjarig"}


def test_the_same_stored_row_renders_in_either_language(run_with_correction_and_minor_payee):
    line = PaymentLine.objects.get(
        run=run_with_correction_and_minor_payee, kind=LineKind.CORRECTION, component="eetgeld"
    )
    with translation.override("nl"):
        dutch = render_reason(line.reason)
    with translation.override("en"):
        english = render_reason(line.reason)
    assert dutch == "herberekend 2025-03 na wijziging in de registratie: was 252,18, nu 122,02"
    assert english == "recomputed 2025-03 after registry change: was 252.18, now 122.02"
    # A sentence stored before there were codes is still shown.
    assert render_reason("payee is a minor") == "payee is a minor"


def test_person_page_scenario_holds_only_that_household(family, municipality, coordinator, client):
    other = factories.HouseholdFactory(municipality=municipality, name="Kovalenko")
    neighbour = factories.PersonFactory(
        municipality=municipality, given_names="Taras", family_name="Kovalenko"
    )
    factories.MembershipFactory(
        household=other, person=neighbour, start_date=datetime.date(2024, 12, 1)
    )
    factories.PlacementFactory(
        person=neighbour, location=family["location"], start_date=datetime.date(2025, 1, 1)
    )
    result = selectors.person_allowances(coordinator, family["andrii"], datetime.date(2025, 3, 20))
    persons = {p["id"] for p in result["scenario"]["persons"]}
    assert persons == {f"P{family['olena'].pk}", f"P{family['andrii'].pk}"}
    assert [h["id"] for h in result["scenario"]["households"]] == [f"H{family['household'].pk}"]
    [march] = [m for m in result["months"] if m.month == MARCH]
    assert march.leefgeld == Decimal("629.68")

    client.force_login(coordinator)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.localdate", lambda *a: datetime.date(2025, 3, 20))
        page = client.get(reverse("registry:person_detail", args=[family["andrii"].pk]))
    html = page.content.decode()
    assert "629.68" in html and "Kovalenko" not in html


def test_a_stored_run_is_reproduced_offline_with_its_overrides(family, finance_officer):
    ParameterOverride.objects.create(
        name="rooo.kleedgeld.per_person_month",
        start=datetime.date(2025, 1, 1),
        value="70.00",
        publication="Test",
        article="1",
        confidence="confirmed",
        note="test override",
    )
    run = services.create_run(finance_officer, MARCH)
    assert run.total == Decimal("252.18") * 2 + Decimal("70.00") * 2
    response_client = Client()  # the document as the run page offers it
    response_client.force_login(finance_officer)
    page = response_client.get(reverse("allowances:run_detail", args=[run.pk])).content.decode()
    assert reverse("allowances:run_scenario", args=[run.pk]) in page  # offered on the run page
    response = response_client.get(reverse("allowances:run_scenario", args=[run.pk]))
    assert response.status_code == 200
    document = json.loads(response.content)
    assert set(document) == {"scenario", "parameters"}
    # Offline: no database, the document alone.
    params = ParameterSet.from_document(document["parameters"])
    result = evaluate(document["scenario"], params=params, sections=("leefgeld",))
    assert result["leefgeld"]["total"] == str(run.total) == run.result["total"]
    without = evaluate(
        document["scenario"], params=ParameterSet.load_default(), sections=("leefgeld",)
    )
    assert without["leefgeld"]["total"] != result["leefgeld"]["total"]


def test_legacy_sentences_become_codes():
    from ..reasons import from_legacy

    assert from_legacy("payee is a minor") == {"code": "payee_minor"}
    assert from_legacy("recomputed 2024-03 after registry change: was 250.00, now 180.00") == {
        "code": "recomputed",
        "month": "2024-03",
        "was": "250.00",
        "now": "180.00",
    }
    assert from_legacy("something else") == {"code": "text", "text": "something else"}
    assert from_legacy("") == {}
