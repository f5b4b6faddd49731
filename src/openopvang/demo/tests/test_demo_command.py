"""`openopvang demo` on an empty database: three municipalities with realistic
data that keeps every registry rule, logins with a second factor, and a second
run that changes nothing."""

import base64
import datetime
import io
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from schwifty import IBAN
from stdnum.nl import bsn

from openopvang.accounts.models import Role, User
from openopvang.demo import data
from openopvang.demo.transliteration import transliterate
from openopvang.registry.models import (
    Household,
    IncomePeriod,
    Location,
    Person,
    Placement,
    Provision,
)

TODAY = datetime.date(2026, 11, 23)


def run_demo(*args) -> str:
    out = io.StringIO()
    call_command("demo", *args, today=TODAY, skip_migrate=True, stdout=out)
    return out.getvalue()


def placements_by_person() -> dict[int, list[Placement]]:
    grouped = defaultdict(list)
    for placement in Placement.objects.order_by("start_date"):
        grouped[placement.person_id].append(placement)
    return grouped


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Load the demo once for the module (it takes a few seconds), inside a
    transaction that is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield run_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def test_demo_fills_three_municipalities_with_about_150_persons(demo):
    per_municipality = {
        code: Person.objects.filter(municipality__code=code).count()
        for code in data.DEMO_MUNICIPALITIES
    }
    assert all(count >= 35 for count in per_municipality.values()), per_municipality
    assert 140 <= sum(per_municipality.values()) <= 170
    assert Person.objects.exclude(municipality__code__in=data.DEMO_MUNICIPALITIES).count() == 0
    for code in data.DEMO_MUNICIPALITIES:
        assert 2 <= Location.objects.filter(municipality__code=code).count() <= 3
    assert Location.objects.filter(closed_on__isnull=False).exists()
    assert Placement.objects.filter(host__isnull=False).exists()
    assert Placement.objects.filter(end_date__isnull=False).exists()  # moves and check-outs
    assert IncomePeriod.objects.filter(kind="work", start_date__gte="2024-05-01").exists()
    assert Provision.objects.exists()
    assert Household.objects.filter(memberships__role="responsible_adult").exists()


def test_persons_have_valid_identifiers_and_correct_transliteration(demo):
    persons = list(Person.objects.all())
    for person in persons:
        if person.bsn:
            assert bsn.is_valid(person.bsn), person.bsn
        if person.iban:
            IBAN(person.iban)  # raises when invalid
        if person.given_names_cyrillic:
            assert person.given_names == transliterate(person.given_names_cyrillic)
            assert person.family_name == transliterate(person.family_name_cyrillic)
    third_country = [p for p in persons if p.nationality != "UA"]
    assert third_country and all(not p.given_names_cyrillic for p in third_country)
    bsns = [p.bsn for p in persons if p.bsn]
    assert len(bsns) == len(set(bsns))
    # One child turns 18 within the next two months.
    assert any(
        person.age_on(TODAY) == 17 and person.age_on(TODAY + datetime.timedelta(days=60)) == 18
        for person in persons
    )


def test_placements_never_overlap_and_stay_within_capacity(demo):
    for placements in placements_by_person().values():
        for earlier, later in zip(placements, placements[1:], strict=False):
            assert earlier.end_date is not None and earlier.end_date < later.start_date
    sample_days = [
        datetime.date(year, month, 1) for year in range(2023, 2027) for month in range(1, 13)
    ]
    sample_days += list(Placement.objects.values_list("start_date", flat=True).distinct())
    for location in Location.objects.prefetch_related("capacity_periods", "placements"):
        for day in sample_days:
            occupied = sum(1 for p in location.placements.all() if p.is_active_on(day))
            assert occupied <= location.capacity_on(day), (location, day)
            if occupied:
                assert location.is_open_on(day)
    for placement in Placement.objects.filter(host__isnull=False).select_related("host"):
        host = placement.host
        assert placement.start_date >= host.active_from
        if host.active_to:
            assert placement.end_date and placement.end_date <= host.active_to


def test_staff_logins_with_a_confirmed_second_factor(demo):
    usernames = data.demo_usernames()
    users = User.objects.filter(username__in=usernames)
    assert users.count() == len(usernames) == 18
    assert users.filter(organisation__code="GM0344", role=Role.FINANCE).count() == 2
    assert users.get(username="vwn.worker").organisation.code == "VWN"
    assert users.get(username="noo.viewer").role == Role.NATIONAL_VIEWER
    assert all(user.check_password(data.DEMO_PASSWORD) for user in users[:2])
    device = TOTPDevice.objects.get(user__username="utrecht.coordinator")
    assert device.confirmed and device.bin_key == data.DEMO_TOTP_KEY
    # A code computed from the printed secret, as an authenticator app would.
    printed_key = base64.b32decode(data.DEMO_TOTP_SECRET)
    assert device.verify_token(TOTP(printed_key).token())
    assert "utrecht.coordinator" in demo and data.DEMO_PASSWORD in demo
    assert data.DEMO_TOTP_SECRET in demo and "OPENOPVANG_TWO_FACTOR_REQUIRED=false" in demo
    assert "http://127.0.0.1:8000" in demo


def test_second_run_changes_nothing_and_reset_reloads_the_same_data(demo):
    names = sorted(Person.objects.values_list("given_names", "family_name", "birth_date", "bsn"))
    placements = Placement.objects.count()

    output = run_demo()
    assert "already loaded" in output
    assert Person.objects.count() == len(names)
    assert Placement.objects.count() == placements
    assert User.objects.filter(username__in=data.demo_usernames()).count() == 18

    run_demo("--reset")
    assert (
        sorted(Person.objects.values_list("given_names", "family_name", "birth_date", "bsn"))
        == names
    )
    assert Placement.objects.count() == placements
    assert TOTPDevice.objects.count() == 18


def test_demo_reaches_into_the_current_year_and_the_person_page_explains_the_missing_amounts(
    demo, client
):
    """The demo's stays, households and incomes run up to the day it is loaded
    (here in 2026, a year without published amounts): a demo person page shows
    what a user sees then, in Dutch, with the parameter and its first missing day."""
    from django.db.models import Q
    from django.urls import reverse
    from freezegun import freeze_time

    current = Placement.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=TODAY), start_date__lte=datetime.date(2026, 1, 1)
    )
    assert current.exists()
    assert IncomePeriod.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=datetime.date(2026, 1, 1))
    ).exists()
    coordinator = User.objects.get(username="utrecht.coordinator")
    person = (
        current.filter(host__isnull=True, person__municipality=coordinator.organisation)
        .order_by("person_id")
        .first()
        .person
    )
    client.force_login(coordinator)
    with freeze_time(TODAY):
        page = client.get(
            reverse("registry:person_detail", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="nl"
        )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Er is nog geen waarde bekend voor" in html
    assert "Eerste dag zonder waarde" in html and "1 januari 2026" in html
    assert "No value for parameter" not in html


def test_a_demo_finance_officer_finds_approved_runs_a_declaration_and_the_costs(demo, client):
    """The demo's money: the last quarter of 2025 paid in three runs approved
    by a second officer, the 2025 declaration submitted after them, and the
    finance report showing the leefgeld paid as the runs' total."""
    from django.urls import reverse
    from freezegun import freeze_time

    from openopvang.allowances.models import PaymentRun, RunStatus
    from openopvang.core.formatting import money
    from openopvang.declarations.models import Declaration

    finance = User.objects.get(username="utrecht.finance")
    runs = PaymentRun.objects.filter(municipality=finance.organisation).order_by("month")
    assert [(run.month, run.status) for run in runs] == [
        (datetime.date(2025, month, 1), RunStatus.APPROVED) for month in (10, 11, 12)
    ]
    assert all(run.approved_by.username == "utrecht.finance2" for run in runs)
    assert all(run.total > 0 for run in runs)
    assert Declaration.objects.filter(municipality=finance.organisation, year=2025).count() == 1
    # Provisions of those months come from the runs, one per person and month.
    assert not Provision.objects.filter(
        description__startswith="Leefgeld 2025-1", person__municipality=finance.organisation
    ).exists()

    client.force_login(finance)
    with freeze_time(TODAY):
        page = client.get(
            reverse("reports:dashboard"),
            {"start": "2025-10-01", "end": "2025-12-31"},
            HTTP_ACCEPT_LANGUAGE="nl",
        )
    html = page.content.decode()
    assert page.status_code == 200
    assert money(runs[2].total, "nl") in html
