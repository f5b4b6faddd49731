"""Payment runs: hand-computed amounts, payees, four eyes, freezing, corrections,
never paying twice, provisions."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories
from openopvang.registry.models import Provision, ProvisionKind

from .. import services
from ..models import LineKind, MunicipalPolicy, PaymentMethod, PaymentRun, RunStatus
from ..payees import resolve_payee
from ..reasons import render_explanation, render_reason
from ..runs import compute_run
from ..selectors import has_approved_runs, paid_poo_leefgeld
from .conftest import APRIL, MARCH

pytestmark = pytest.mark.django_db


def approved(run, preparer, approver):
    services.prepare_run(preparer, run)
    return services.approve_run(approver, run)


def test_march_2025_two_adults_in_goo_without_catering(family, finance_officer):
    # Hand-computed: eetgeld adult, household of 1-2, 2025: 252.18; kleedgeld 62.66.
    # 31 of 31 days placed: (252.18 + 62.66) x 2 = 629.68.
    run = services.create_run(finance_officer, MARCH)
    assert run.status == RunStatus.DRAFT
    assert run.total == Decimal("629.68")
    [item] = run.items.all()
    assert item.household_name == "Shevchenko"
    assert item.method == PaymentMethod.SEPA
    assert item.payee == family["olena"] and item.iban == "NL02ABNA0123456789"
    assert item.remittance == f"Leefgeld 2025-03 H{family['household'].pk}"
    amounts = {(line.person_id, line.component): line.amount for line in item.lines.all()}
    for person in (family["olena"], family["andrii"]):
        assert amounts[(person.pk, "eetgeld")] == Decimal("252.18")
        assert amounts[(person.pk, "kleedgeld")] == Decimal("62.66")
    # No wooncomponent in GOO: no zero lines are stored.
    assert (family["olena"].pk, "wooncomponent") not in amounts
    line = item.lines.get(person=family["olena"], component="eetgeld")
    assert line.kind == LineKind.ENTITLEMENT and line.days == 31
    assert "252.18 x 31" in render_explanation(line.explanation)[0]
    assert run.sepa_total == Decimal("629.68") and run.cash_total == 0


def test_partial_month_is_pro_rata_and_the_policy_can_pay_whole_months(family, finance_officer):
    placement = family["placements"][family["andrii"].pk]
    placement.start_date = datetime.date(2025, 3, 17)  # 15 of 31 days
    placement.save()
    run = services.create_run(finance_officer, MARCH)
    andrii = {line.component: line.amount for line in run.lines.filter(person=family["andrii"])}
    # 252.18 x 15 / 31 = 122.0226 -> 122.02; 62.66 x 15 / 31 = 30.3194 -> 30.32
    assert andrii == {"eetgeld": Decimal("122.02"), "kleedgeld": Decimal("30.32")}
    services.delete_run(finance_officer, run)

    MunicipalPolicy.objects.create(
        municipality=family["household"].municipality,
        partial_month="whole_month_if_present_on_first",
    )
    run = services.create_run(finance_officer, MARCH)
    # Andrii was not there on the 1st: still pro rata; Olena gets the whole month.
    assert run.total == Decimal("314.84") + Decimal("122.02") + Decimal("30.32")


def test_payee_without_iban_goes_on_the_cash_list_with_the_reason(family, finance_officer):
    olena = family["olena"]
    olena.iban = ""
    olena.save()
    run = services.create_run(finance_officer, MARCH)
    [item] = run.items.all()
    assert item.method == PaymentMethod.CASH
    assert item.reason == {"code": "payee_no_iban"}
    assert render_reason(item.reason) == "payee has no IBAN"
    assert run.cash_total == Decimal("629.68") and run.sepa_total == 0


def test_payee_rules(family, municipality):
    household, olena, andrii = family["household"], family["olena"], family["andrii"]
    day = MARCH
    members = [olena, andrii]
    assert resolve_payee(household, members, None, day).method == "sepa"
    household.payee = None
    choice = resolve_payee(household, members, None, day)
    assert choice.person == olena and choice.method == "sepa"
    assert "only adult member with an IBAN" in choice.note
    andrii.iban = "NL91ABNA0417164300"
    assert "several adults" in resolve_payee(household, members, None, day).reason
    olena.iban = andrii.iban = ""
    assert resolve_payee(household, members, None, day).reason == (
        "no payee: no adult member has an IBAN"
    )
    child = factories.PersonFactory(
        municipality=municipality, birth_date=datetime.date(2010, 1, 1), iban="NL91ABNA0417164300"
    )
    household.payee = child
    assert resolve_payee(household, members + [child], None, day).reason == "payee is a minor"
    assert resolve_payee(None, [], None, day).reason == "no payee"


def test_a_payment_not_made_by_bank_names_the_adult_who_collects(family, municipality):
    household, olena, andrii = family["household"], family["olena"], family["andrii"]
    members = [olena, andrii]
    olena.iban = ""  # the payee has no IBAN: she collects the cash herself
    assert resolve_payee(household, members, None, MARCH).collector == olena
    # The payee is a minor: the eldest adult member collects (Andrii, born 1983).
    child = factories.PersonFactory(municipality=municipality, birth_date=datetime.date(2010, 1, 1))
    household.payee = child
    choice = resolve_payee(household, [*members, child], None, MARCH)
    assert choice.person == child and choice.collector == andrii
    # No adult in the household: no one is named (the guardian collects).
    assert resolve_payee(household, [child], None, MARCH).collector is None
    # Paid by bank: no collector.
    olena.iban = "NL02ABNA0123456789"
    household.payee = olena
    assert resolve_payee(household, members, None, MARCH).collector is None


def test_four_eyes(family, finance_officer, finance_officer_b, coordinator):
    run = services.create_run(finance_officer, MARCH)
    with pytest.raises(ValidationError, match="Only a prepared run"):
        services.approve_run(finance_officer_b, run)
    services.prepare_run(finance_officer, run)
    with pytest.raises(ValidationError, match="Four eyes: you prepared this run"):
        services.approve_run(finance_officer, run)
    with pytest.raises(PermissionDenied):
        services.approve_run(coordinator, run)
    run = services.approve_run(finance_officer_b, run)
    assert run.status == RunStatus.APPROVED and run.approved_by == finance_officer_b
    actions = list(
        AuditEvent.objects.filter(object_type="allowances.PaymentRun", object_id=str(run.pk))
        .order_by("id")
        .values_list("action", "actor_name")
    )
    assert actions == [("create", "finance"), ("update", "finance"), ("approve", "finance_b")]


def test_an_approved_run_is_frozen(family, finance_officer, finance_officer_b):
    run = approved(services.create_run(finance_officer, MARCH), finance_officer, finance_officer_b)
    placement = family["placements"][family["andrii"].pk]
    placement.end_date = datetime.date(2025, 3, 10)
    placement.save()
    run.refresh_from_db()
    assert run.total == Decimal("629.68")
    assert sum(line.amount for line in run.lines.all()) == Decimal("629.68")
    assert run.scenario["period"] == {"from": "2025-03-01", "to": "2025-03-31"}
    with pytest.raises(ValidationError, match="frozen"):
        services.recompute_run(finance_officer, run)
    with pytest.raises(ValidationError, match="frozen"):
        services.delete_run(finance_officer, run)


def test_correction_in_the_next_run_after_a_registry_change(
    family, finance_officer, finance_officer_b
):
    approved(services.create_run(finance_officer, MARCH), finance_officer, finance_officer_b)
    # After approval the registry learns Andrii left on 15 March.
    placement = family["placements"][family["andrii"].pk]
    placement.end_date = datetime.date(2025, 3, 15)
    placement.save()

    april = services.create_run(finance_officer, APRIL)
    assert april.recompute_from == MARCH
    corrections = {line.component: line for line in april.lines.filter(kind=LineKind.CORRECTION)}
    # 15 of 31 days: 252.18 x 15 / 31 = 122.02; 62.66 x 15 / 31 = 30.32
    assert corrections["eetgeld"].amount == Decimal("122.02") - Decimal("252.18")
    assert render_reason(corrections["eetgeld"].reason) == (
        "recomputed 2025-03 after registry change: was 252.18, now 122.02"
    )
    assert corrections["kleedgeld"].amount == Decimal("30.32") - Decimal("62.66")
    assert corrections["eetgeld"].month == MARCH
    # April: Olena alone (household of one placed: still the 1-2 row).
    entitlements = april.lines.filter(kind=LineKind.ENTITLEMENT)
    assert {line.person_id for line in entitlements} == {family["olena"].pk}
    assert april.total == Decimal("314.84") - Decimal("130.16") - Decimal("32.34")


def test_the_same_month_is_never_paid_twice(family, finance_officer, finance_officer_b):
    approved(services.create_run(finance_officer, MARCH), finance_officer, finance_officer_b)
    again = services.create_run(finance_officer, MARCH)
    assert again.lines.count() == 0
    assert again.items.count() == 0
    assert again.total == 0


def test_a_late_registration_is_paid_as_a_correction_of_the_earlier_month(
    family, municipality, finance_officer, finance_officer_b
):
    approved(services.create_run(finance_officer, MARCH), finance_officer, finance_officer_b)
    # Registered in April, placed since 20 March, no household.
    late = factories.PersonFactory(
        municipality=municipality, birth_date=datetime.date(1990, 1, 1), iban="NL91ABNA0417164300"
    )
    factories.PlacementFactory(
        person=late, location=family["location"], start_date=datetime.date(2025, 3, 20)
    )
    april = services.create_run(finance_officer, APRIL)
    march = april.lines.filter(person=late, month=MARCH)
    assert {line.kind for line in march} == {LineKind.CORRECTION}
    # 12 days: 252.18 x 12 / 31 = 97.62; 62.66 x 12 / 31 = 24.26
    assert sum(line.amount for line in march) == Decimal("97.62") + Decimal("24.26")
    item = april.items.get(household_ref=f"person:P{late.pk}")
    assert item.method == PaymentMethod.SEPA and item.payee == late


def test_approval_records_leefgeld_provisions(family, finance_officer, finance_officer_b):
    run = services.create_run(finance_officer, MARCH)
    assert not Provision.objects.exists()
    approved(run, finance_officer, finance_officer_b)
    provisions = set(Provision.objects.values_list("person_id", "month", "kind"))
    assert provisions == {
        (family["olena"].pk, MARCH, ProvisionKind.LEEFGELD),
        (family["andrii"].pk, MARCH, ProvisionKind.LEEFGELD),
    }
    # Andrii's March is corrected to nothing: his provision goes.
    family["placements"][family["andrii"].pk].delete()
    approved(services.create_run(finance_officer, APRIL), finance_officer, finance_officer_b)
    assert not Provision.objects.filter(person=family["andrii"]).exists()
    assert Provision.objects.filter(person=family["olena"], month=APRIL).exists()


def test_income_stops_leefgeld_for_the_whole_household(family, finance_officer):
    factories.IncomeFactory(
        person=family["andrii"],
        start_date=datetime.date(2025, 1, 1),
        monthly_amount=Decimal("1500.00"),
    )
    computed = compute_run(family["household"].municipality, MARCH)
    assert computed.items == []


def test_one_open_run_at_a_time(family, finance_officer):
    services.create_run(finance_officer, MARCH)
    with pytest.raises(ValidationError, match="already an open payment run"):
        services.create_run(finance_officer, APRIL)


def test_only_finance_officers_make_runs(family, coordinator):
    with pytest.raises(PermissionDenied):
        services.create_run(coordinator, MARCH)


def test_paid_poo_leefgeld_for_the_declaration(
    debtor, municipality, finance_officer, finance_officer_b
):
    host = factories.HostFactory(municipality=municipality)
    person = factories.PersonFactory(
        municipality=municipality, birth_date=datetime.date(1980, 1, 1), iban="NL91ABNA0417164300"
    )
    factories.PlacementFactory(
        person=person, location=None, host=host, start_date=datetime.date(2025, 1, 1)
    )
    assert not has_approved_runs(
        municipality, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
    )
    run = services.create_run(finance_officer, MARCH)
    # Single person with a host: eetgeld 252.18 + kleedgeld 62.66 + wooncomponent 77.16.
    assert run.total == Decimal("392.00")
    approved(run, finance_officer, finance_officer_b)
    assert paid_poo_leefgeld(
        municipality, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
    ) == Decimal("392.00")
    assert has_approved_runs(municipality, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert paid_poo_leefgeld(
        municipality, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
    ) == Decimal("0.00")


def test_national_batch_stores_a_run_per_municipality(family, other_municipality, coordinator):
    other = factories.PersonFactory(
        municipality=other_municipality, birth_date=datetime.date(1970, 5, 5)
    )
    factories.PlacementFactory(person=other, start_date=datetime.date(2025, 2, 1))
    runs = services.store_national_runs(
        None, MARCH, [family["household"].municipality_id, other_municipality.pk]
    )
    totals = {run.municipality_id: run.total for run in runs}
    assert totals == {
        family["household"].municipality_id: Decimal("629.68"),
        other_municipality.pk: Decimal("314.84"),
    }
    assert PaymentRun.objects.get(municipality=other_municipality).items.get().method == "cash"


def test_the_declaration_asks_allowances_what_was_paid(
    debtor, municipality, finance_officer, finance_officer_b
):
    from openopvang.declarations.cost_sources import paid_poo_leefgeld as declared

    host = factories.HostFactory(municipality=municipality)
    person = factories.PersonFactory(
        municipality=municipality, birth_date=datetime.date(1980, 1, 1), iban="NL91ABNA0417164300"
    )
    factories.PlacementFactory(
        person=person, location=None, host=host, start_date=datetime.date(2025, 1, 1)
    )
    year = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert declared(municipality, *year) is None
    approved(services.create_run(finance_officer, MARCH), finance_officer, finance_officer_b)
    assert declared(municipality, *year) == Decimal("392.00")
