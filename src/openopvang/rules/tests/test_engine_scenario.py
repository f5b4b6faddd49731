"""Scenario documents: validation names the field; round trip through dicts."""

import copy
import json
from pathlib import Path

import pytest

from openopvang.rules.engine.scenario import ScenarioError, parse_scenario, scenario_to_dict

EXAMPLES = Path(__file__).resolve().parents[4] / "docs" / "examples"

BASE = {
    "municipality": "GM0344",
    "period": {"from": "2024-01-01", "to": "2024-12-31"},
    "locations": [
        {
            "id": "L1",
            "kind": "building",
            "catering": False,
            "capacity": [{"from": "2024-01-01", "to": "2024-06-30", "places": 50}],
        }
    ],
    "hosts": [{"id": "G1"}],
    "persons": [{"id": "P1", "birth_date": "1985-03-02"}, {"id": "P2", "birth_date": "2010-02-28"}],
    "households": [{"id": "H1", "members": [{"person": "P1", "from": "2022-03-10", "to": None}]}],
    "placements": [
        {"person": "P1", "location": "L1", "from": "2024-01-15", "to": None},
        {"person": "P2", "host": "G1", "from": "2024-02-01", "to": "2024-05-31"},
    ],
    "provisions": [{"person": "P2", "month": "2024-03", "kind": "other"}],
    "incomes": [
        {
            "person": "P1",
            "kind": "work",
            "from": "2024-09-01",
            "to": None,
            "monthly_amount": "1800.00",
        }
    ],
    "policy": {},
}


def broken(mutate):
    doc = copy.deepcopy(BASE)
    mutate(doc)
    with pytest.raises(ScenarioError) as info:
        parse_scenario(doc)
    return str(info.value)


def test_base_parses():
    scenario = parse_scenario(BASE)
    assert scenario.placements[1].is_private
    assert scenario.person("P2").is_minor_on(scenario.period.start)
    assert scenario.incomes[0].monthly_amount.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["placements"][1].update({"from": "x"}), "placements[1].from: not a date 'x'"),
        (
            lambda d: d["placements"][1].update({"from": "2024-02-30"}),
            "placements[1].from: not a date '2024-02-30'",
        ),
        (
            lambda d: d["placements"][1].update({"to": "2024-01-01"}),
            "placements[1].to: before from (2024-02-01)",
        ),
        (
            lambda d: d["placements"][0].update({"person": "P9"}),
            "placements[0].person: unknown person 'P9'",
        ),
        (
            lambda d: d["placements"][0].update({"location": "L9"}),
            "placements[0].location: unknown location 'L9'",
        ),
        (
            lambda d: d["placements"][1].update({"location": "L1"}),
            "placements[1]: needs exactly one of",
        ),
        (
            lambda d: d["locations"][0]["capacity"][0].update({"places": -1}),
            "locations[0].capacity[0].places: must be a whole number >= 0",
        ),
        (
            lambda d: d["locations"][0]["capacity"].append(
                {"from": "2024-06-30", "to": None, "places": 5}
            ),
            "locations[0].capacity[1]: overlaps locations[0].capacity[0]",
        ),
        (
            lambda d: d["placements"].append(
                {"person": "P1", "host": "G1", "from": "2024-03-01", "to": None}
            ),
            "placements[2]: overlaps placements[0] for person 'P1'",
        ),
        (lambda d: d.update({"municipality": "0344"}), "municipality: not a CBS municipality"),
        (lambda d: d["period"].update({"to": None}), "period.to: required"),
        (lambda d: d.update({"extra": 1}), "extra: unknown field"),
        (
            lambda d: d["provisions"][0].update({"month": "2024-3"}),
            "provisions[0].month: not a month (YYYY-MM) '2024-3'",
        ),
        (
            lambda d: d["incomes"][0].update({"monthly_amount": 1800.0}),
            "incomes[0].monthly_amount: write amounts as a string",
        ),
        (lambda d: d["incomes"][0].update({"kind": "lottery"}), "incomes[0].kind: must be one of"),
        (
            lambda d: d["persons"].append({"id": "P1", "birth_date": "2000-01-01"}),
            "persons[2].id: duplicate id 'P1'",
        ),
        (
            lambda d: d["households"][0]["members"][0].update({"person": "P7"}),
            "households[0].members[0].person: unknown person 'P7'",
        ),
        (
            lambda d: d["policy"].update({"actual_cost_goo": {"enabled": True}}),
            "policy.actual_cost_goo.reason: required text",
        ),
        (
            lambda d: d["policy"].update({"switch_2023_date": "2023-04-02"}),
            "policy.switch_2023_date: must be between 2023-02-01 and 2023-04-01",
        ),
        (lambda d: d["policy"].update({"partial_month": "daily"}), "policy.partial_month"),
        (
            lambda d: d.update(
                {
                    "other_costs": [
                        {"category": "actual_cost_goo", "amount": "1.00", "description": "x"}
                    ]
                }
            ),
            "other_costs[0].category: actual_cost_goo lines need policy.actual_cost_goo.enabled",
        ),
        (
            lambda d: d.update(
                {
                    "other_costs": [
                        {
                            "category": "transition",
                            "amount": "1.00",
                            "description": "x",
                            "month": "2025-01",
                        }
                    ]
                }
            ),
            "other_costs[0].month: 2025-01 is outside the period",
        ),
    ],
)
def test_invalid_scenario_names_the_field(mutate, message):
    assert message in broken(mutate)


def test_round_trip_of_base_and_examples():
    documents = [BASE] + [json.loads(p.read_text()) for p in sorted(EXAMPLES.glob("*.json"))]
    assert len(documents) > 2
    for document in documents:
        scenario = parse_scenario(document)
        again = scenario_to_dict(scenario)
        assert parse_scenario(again) == scenario
        assert scenario_to_dict(parse_scenario(again)) == again
        json.dumps(again)  # storable as JSON
