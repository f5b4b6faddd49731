"""The registry builds the same scenario document the rules engine reads from a file."""

import datetime

from openopvang.core.testing import factories
from openopvang.registry.models import Provision
from openopvang.registry.snapshots import build_scenario, build_scenarios, parse_ref
from openopvang.rules.engine.scenario import parse_scenario

D = datetime.date


def test_snapshot_of_a_municipality_is_a_valid_scenario(municipality, other_municipality):
    location = factories.LocationFactory(
        municipality=municipality, catering=True, opened_on=D(2023, 1, 1)
    )
    factories.CapacityPeriodFactory(location=location, start_date=D(2023, 1, 1), places=10)
    host = factories.HostFactory(municipality=municipality, active_from=D(2023, 1, 1))
    household = factories.HouseholdFactory(municipality=municipality)
    mother = factories.MembershipFactory(household=household, start_date=D(2022, 3, 10)).person
    child = factories.MembershipFactory(
        household=household, role="child", start_date=D(2022, 3, 10)
    ).person
    factories.PlacementFactory(person=mother, location=location, start_date=D(2024, 1, 15))
    factories.PlacementFactory(
        person=child, location=None, host=host, start_date=D(2024, 2, 1), end_date=D(2024, 5, 31)
    )
    factories.IncomeFactory(person=mother, start_date=D(2024, 9, 1))
    Provision.objects.create(person=child, month=D(2024, 3, 1), kind="other")
    # Another municipality's records never enter this snapshot.
    factories.PlacementFactory(
        person=factories.PersonFactory(municipality=other_municipality), start_date=D(2024, 1, 1)
    )

    doc = build_scenario(municipality, D(2024, 1, 1), D(2024, 12, 31))
    scenario = parse_scenario(doc)

    assert scenario.municipality == "GM0344"
    assert {p.id for p in scenario.persons} == {f"P{mother.pk}", f"P{child.pk}"}
    assert [loc.catering for loc in scenario.locations] == [True]
    assert len(scenario.placements) == 2
    assert scenario.households[0].id == f"H{household.pk}"
    assert [str(i.monthly_amount) for i in scenario.incomes] == ["1800.00"]
    assert [str(p.month) for p in scenario.provisions] == ["2024-03"]
    assert parse_ref(f"person:P{child.pk}") == ("person", child.pk)


def test_batch_snapshots_separate_municipalities(municipality, other_municipality):
    factories.PlacementFactory(
        person=factories.PersonFactory(municipality=municipality), start_date=D(2024, 1, 1)
    )
    factories.PlacementFactory(
        person=factories.PersonFactory(municipality=other_municipality), start_date=D(2024, 1, 1)
    )
    docs = build_scenarios([municipality, other_municipality], D(2024, 1, 1), D(2024, 1, 31))
    assert {doc["municipality"] for doc in docs.values()} == {"GM0344", "GM0363"}
    assert all(len(doc["persons"]) == 1 for doc in docs.values())
