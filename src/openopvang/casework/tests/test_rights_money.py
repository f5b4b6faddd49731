"""The money follows the rights, through the database door: a case's departure
deadline reaches the scenario document (registry.snapshots.build_scenarios,
through the extension point casework registers) and the payment run pays
fewer days, with the reason on the line.

March 2025 rates: eetgeld adult, household of 1-2, 252.18; kleedgeld 62.66;
March has 31 days. A return decision served on Wednesday 12 February 2025
(before July 2025: 28 calendar days) ends the term on 12 + 28 = 40 → 12 March
2025 (February has 28 days), a Wednesday: no Atw move. No right from 13 March."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from openopvang.accounts.models import Role
from openopvang.allowances import services as allowances
from openopvang.allowances.reasons import render_explanation
from openopvang.casework import services
from openopvang.casework.models import ClosureReason, SituationCode
from openopvang.casework.selectors import no_reception_right_periods
from openopvang.core.testing import factories
from openopvang.registry.snapshots import build_scenarios, ref, right_sources

pytestmark = pytest.mark.django_db

D = datetime.date
MARCH = D(2025, 3, 1)


@pytest.fixture
def caseworker(municipality):
    return factories.UserFactory(
        username="casework", organisation=municipality, role=Role.CASEWORKER
    )


@pytest.fixture
def family(municipality):
    municipality.iban, municipality.bic = "NL91ABNA0417164300", "ABNANL2A"
    municipality.save()
    location = factories.LocationFactory(municipality=municipality, catering=False)
    factories.CapacityPeriodFactory(location=location, places=40)
    household = factories.HouseholdFactory(municipality=municipality, name="Okafor")
    ada = factories.PersonFactory(
        municipality=municipality,
        given_names="Ada",
        birth_date=D(1985, 3, 2),
        iban="NL02ABNA0123456789",
        nationality="NG",
    )
    obi = factories.PersonFactory(
        municipality=municipality, given_names="Obi", birth_date=D(1983, 6, 1), nationality="NG"
    )
    for person in (ada, obi):
        factories.MembershipFactory(household=household, person=person, start_date=D(2024, 12, 1))
        factories.PlacementFactory(person=person, location=location, start_date=D(2025, 1, 1))
    household.payee = ada
    household.save()
    return {"household": household, "ada": ada, "obi": obi}


def no_right_case(user, person):
    return services.open_case(
        user,
        person,
        opened_on=D(2025, 2, 12),
        code=SituationCode.NO_RIGHT,
        start_date=D(2025, 2, 12),
        reason="Return decision served.",
        decision_reference="IND 2025-0212",
    )


def test_the_departure_deadline_reaches_the_scenario(family, caseworker, municipality):
    case = no_right_case(caseworker, family["obi"])
    assert case.deadlines.get().legal_deadline == D(2025, 3, 12)
    doc = build_scenarios([municipality.pk], MARCH, D(2025, 3, 31))[municipality.pk]
    persons = {p["id"]: p for p in doc["persons"]}
    assert "no_reception_right" not in persons[ref("person", family["ada"].pk)]
    assert persons[ref("person", family["obi"].pk)]["no_reception_right"] == [
        {
            "from": "2025-03-13",
            "to": None,
            "reason": "departure_term_ended",
            "situation": "no_right",
            "deadline": "2025-03-12",
        }
    ]
    # The BooO does not depend on it: a declaration's scenario stays as it was.
    booo = build_scenarios([municipality.pk], MARCH, D(2025, 3, 31), booo_only=True)
    assert all("no_reception_right" not in p for p in booo[municipality.pk]["persons"])


def test_the_payment_run_pays_fewer_days_with_the_reason(
    family, caseworker, finance_officer, municipality
):
    no_right_case(caseworker, family["obi"])
    run = allowances.create_run(finance_officer, MARCH)
    # Ada, no case, in full: 252.18 + 62.66 = 314.84 (as without casework).
    # Obi, 1-12 March: eetgeld 252.18 x 12 / 31 = 3026.16 / 31 = 97.6181 -> 97.62
    #                  kleedgeld 62.66 x 12 / 31 = 751.92 / 31 = 24.2555 -> 24.26
    # Total 314.84 + 97.62 + 24.26 = 436.72 (629.68 without the case).
    assert run.total == Decimal("436.72")
    [item] = run.items.all()
    amounts = {(line.person_id, line.component): line.amount for line in item.lines.all()}
    assert amounts[(family["ada"].pk, "eetgeld")] == Decimal("252.18")
    assert amounts[(family["ada"].pk, "kleedgeld")] == Decimal("62.66")
    assert amounts[(family["obi"].pk, "eetgeld")] == Decimal("97.62")
    assert amounts[(family["obi"].pk, "kleedgeld")] == Decimal("24.26")
    line = item.lines.get(person=family["obi"], component="eetgeld")
    assert line.days == 12
    with translation.override("en"):
        text = render_explanation(line.explanation)
    assert "252.18 x 12" in text[0]
    assert text[-1] == (
        "2025-03-13..2025-03-31: 19 days without — no right to reception from 2025-03-13: "
        "departure term ended on 2025-03-12 (No right of residence)"
    )


def test_a_suspension_moves_the_end_of_the_right(family, caseworker, finance_officer):
    case = no_right_case(caseworker, family["obi"])
    deadline = case.deadlines.get()
    services.suspend_deadline(
        caseworker,
        deadline,
        start_date=D(2025, 3, 1),
        end_date=D(2025, 3, 10),
        reason="Interim measure.",
    )
    deadline.refresh_from_db()
    # 10 suspended days: 12 + 10 = 22 March, a Saturday; the Atw moves it to Monday 24 March.
    assert deadline.legal_deadline == D(2025, 3, 24)
    run = allowances.create_run(finance_officer, MARCH)
    # Obi, 1-24 March: eetgeld 252.18 x 24 / 31 = 6052.32 / 31 = 195.2361 -> 195.24
    #                  kleedgeld 62.66 x 24 / 31 = 1503.84 / 31 = 48.5110 -> 48.51
    # Total 314.84 + 195.24 + 48.51 = 558.59.
    assert run.total == Decimal("558.59")


def test_an_open_suspension_keeps_the_right(family, caseworker, finance_officer):
    case = no_right_case(caseworker, family["obi"])
    services.suspend_deadline(
        caseworker,
        case.deadlines.get(),
        start_date=D(2025, 3, 1),
        end_date=None,
        reason="Interim measure.",
    )
    run = allowances.create_run(finance_officer, MARCH)
    assert run.total == Decimal("629.68")  # (252.18 + 62.66) x 2: the clock stands still


def test_a_closed_case_and_one_query_for_the_batch(family, caseworker, municipality):
    ada_case = no_right_case(caseworker, family["ada"])
    services.close_case(
        caseworker, ada_case, closed_on=D(2025, 3, 5), reason=ClosureReason.DEPARTED_IOM
    )
    no_right_case(caseworker, family["obi"])
    people = {family["ada"].pk, family["obi"].pk, factories.PersonFactory().pk}
    with CaptureQueriesContext(connection) as queries:
        periods = no_reception_right_periods(people, [municipality.pk], MARCH, D(2025, 3, 31))
    assert len(queries) == 1
    assert periods[family["ada"].pk] == [
        {"from": "2025-03-06", "to": None, "reason": "case_closed", "closure": "departed_iom"}
    ]
    assert periods[family["obi"].pk][0]["from"] == "2025-03-13"
    assert "casework" in right_sources
