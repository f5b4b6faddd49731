"""BooO art. 2 lid 1: hand-computed cases."""

import copy
from datetime import date
from decimal import Decimal

import pytest

from openopvang.rules.engine.booo import calculate_booo
from openopvang.rules.engine.errors import MissingParameter
from openopvang.rules.engine.evaluate import evaluate
from openopvang.rules.engine.parameters import ParameterSet
from openopvang.rules.engine.scenario import parse_scenario

D = Decimal


def scenario(period, locations=(), **extra):
    doc = {
        "municipality": "GM0344",
        "period": {"from": period[0], "to": period[1]},
        "locations": [
            {
                "id": loc_id,
                "kind": "building",
                "catering": False,
                "capacity": [{"from": f, "to": t, "places": n} for f, t, n in capacity],
                **dates,
            }
            for loc_id, capacity, dates in locations
        ],
    }
    doc.update(extra)
    return doc


def booo(doc):
    return calculate_booo(parse_scenario(doc), ParameterSet.load_default())


def goo_lines(result):
    return [
        (line.location, line.quantity, line.rate, line.amount)
        for line in result.lines
        if line.component == "goo"
    ]


def test_rate_switch_on_15_october_2022_gives_two_lines():
    result = booo(
        scenario(("2022-10-01", "2022-10-31"), [("L1", [("2022-10-01", "2022-10-31", 50)], {})])
    )
    assert goo_lines(result) == [
        ("L1", 14 * 50, D("100.00"), D("70000.00")),
        ("L1", 17 * 50, D("83.00"), D("70550.00")),
    ]
    first, second = result.lines
    assert (first.period.start, first.period.end) == (date(2022, 10, 1), date(2022, 10, 14))
    assert (second.period.start, second.period.end) == (date(2022, 10, 15), date(2022, 10, 31))
    assert result.total == D("140550.00")
    assert result.goo_place_days == 1550


def test_capacity_changing_mid_month_is_one_line_per_rate_period():
    result = booo(
        scenario(
            ("2024-03-01", "2024-03-31"),
            [
                ("L1", [("2024-03-01", "2024-03-15", 30), ("2024-03-16", None, 45)], {}),
            ],
        )
    )
    # 15 days × 30 + 16 days × 45 = 1170 place-days at 61.00
    assert goo_lines(result) == [("L1", 1170, D("61.00"), D("71370.00"))]
    assert [child.count for child in result.lines[0].explanation.children] == [450, 720]


def test_location_closing_stops_place_days():
    result = booo(
        scenario(
            ("2023-06-01", "2023-06-30"),
            [
                ("L1", [("2023-01-01", None, 50)], {"closed": "2023-06-10"}),
                ("L2", [("2023-01-01", None, 20)], {"opened": "2023-06-21"}),
            ],
        )
    )
    # L1: 1..10 June = 10 days; L2: 21..30 June = 10 days
    assert goo_lines(result) == [
        ("L1", 500, D("83.00"), D("41500.00")),
        ("L2", 200, D("83.00"), D("16600.00")),
    ]


def test_leap_year_february_2024_has_29_days():
    result = booo(scenario(("2024-02-01", "2024-02-29"), [("L1", [("2024-01-01", None, 10)], {})]))
    assert goo_lines(result) == [("L1", 290, D("61.00"), D("17690.00"))]


def test_zero_places_give_no_line():
    result = booo(scenario(("2024-02-01", "2024-02-29"), [("L1", [("2024-01-01", None, 0)], {})]))
    assert result.lines == [] and result.total == D("0.00")


POO_BASE = {
    "hosts": [{"id": "G1"}],
    "persons": [
        {"id": "P1", "birth_date": "1985-03-02"},
        {"id": "P2", "birth_date": "1990-01-01"},
        {"id": "P3", "birth_date": "2012-01-01"},
    ],
    "placements": [
        {"person": "P1", "location": "L1", "from": "2024-01-15", "to": None},
        {"person": "P2", "host": "G1", "from": "2024-02-01", "to": "2024-05-31"},
        {"person": "P3", "host": "G1", "from": "2024-03-31", "to": None},
    ],
    "provisions": [
        {"person": "P1", "month": "2024-03", "kind": "leefgeld"},  # GOO: not POO
        {"person": "P2", "month": "2024-03", "kind": "leefgeld"},
        {"person": "P2", "month": "2024-03", "kind": "wooncomponent"},  # still once
        {"person": "P2", "month": "2024-06", "kind": "leefgeld"},  # no longer with a host
        {"person": "P3", "month": "2024-03", "kind": "leefgeld"},  # one day with a host
    ],
}


def test_poo_person_months_need_host_and_provision():
    doc = scenario(("2024-01-01", "2024-12-31"), [("L1", [], {})], **copy.deepcopy(POO_BASE))
    result = booo(doc)
    poo = [line for line in result.lines if line.component == "poo"]
    assert [(str(line.month), line.persons, line.amount) for line in poo] == [
        ("2024-03", ("P2", "P3"), D("184.00")),
    ]
    assert result.poo_person_months == 2


def test_poo_without_provision_counts_nothing():
    doc = scenario(("2024-01-01", "2024-12-31"), [("L1", [], {})], **copy.deepcopy(POO_BASE))
    doc["provisions"] = []
    assert booo(doc).lines == []


def test_poo_rate_is_the_one_on_the_first_of_the_month():
    doc = scenario(("2023-12-15", "2024-01-31"), [("L1", [], {})], **copy.deepcopy(POO_BASE))
    doc["placements"] = [{"person": "P2", "host": "G1", "from": "2023-12-20", "to": None}]
    doc["provisions"] = [
        {"person": "P2", "month": "2023-12", "kind": "x"},
        {"person": "P2", "month": "2024-01", "kind": "x"},
    ]
    poo = [(str(line.month), line.rate) for line in booo(doc).lines]
    assert poo == [("2023-12", D("210.00")), ("2024-01", D("92.00"))]


def test_period_into_2026_names_the_missing_parameter():
    doc = scenario(("2025-12-01", "2026-01-31"), [("L1", [("2025-01-01", None, 10)], {})])
    with pytest.raises(MissingParameter) as info:
        evaluate(doc)
    assert info.value.name == "booo.goo.normbedrag_per_place_day"
    assert info.value.day == date(2026, 1, 1)
    assert "'booo.goo.normbedrag_per_place_day' on 2026-01-01" in str(info.value)


def test_poo_in_2026_names_the_poo_parameter():
    doc = scenario(("2025-12-01", "2026-01-31"), [], **copy.deepcopy(POO_BASE))
    doc["locations"] = [{"id": "L1", "kind": "building", "capacity": []}]
    doc["provisions"] = [{"person": "P3", "month": "2026-01", "kind": "x"}]
    # The BooO calculation itself names its own parameter (evaluate() would stop
    # earlier, at the leefgeld rates of the same person and day).
    with pytest.raises(MissingParameter, match="booo.poo.normbedrag_per_person_month' on 2026-01"):
        booo(doc)


def test_actual_cost_replaces_normbedrag_from_15_october_2022():
    doc = scenario(
        ("2022-10-01", "2022-10-31"),
        [("L1", [("2022-10-01", "2022-10-31", 50)], {})],
        policy={"actual_cost_goo": {"enabled": True, "reason": "hotel costs 140 per night"}},
        other_costs=[
            {
                "category": "actual_cost_goo",
                "amount": "119000.00",
                "description": "Hotel L1, 15-31 Oct 2022",
                "evidence": "invoice 88",
            }
        ],
    )
    result = booo(doc)
    assert goo_lines(result) == [("L1", 700, D("100.00"), D("70000.00"))]
    actual = result.lines[-1]
    assert actual.component == "actual_cost_goo"
    assert "hotel costs 140 per night" in actual.description
    assert result.total == D("189000.00")


def test_other_costs_and_poo_leefgeld():
    doc = scenario(
        ("2024-01-01", "2024-12-31"),
        [("L1", [], {})],
        other_costs=[
            {"category": "transition", "amount": "12500.005", "description": "x"},
        ],
    )
    with pytest.raises(Exception, match="at most two decimals"):
        booo(doc)
    doc["other_costs"][0]["amount"] = "12500.00"
    doc["other_costs"].append(
        {
            "category": "purchased_services",
            "amount": "3000.00",
            "description": "VWN",
            "month": "2024-09",
        }
    )
    doc["policy"] = {"leefgeld_paid_poo": "2450.50"}
    result = booo(doc)
    assert result.by_component() == {"transition": D("12500.00"), "poo_leefgeld": D("2450.50")}
    services = [line for line in result.lines if line.component == "purchased_services"]
    assert services[0].amount == D("3000.00") and not services[0].declared
    assert result.total == D("14950.50")
    # The leefgeld section can supply sub b instead of the policy amount.
    supplied = calculate_booo(
        parse_scenario(doc), ParameterSet.load_default(), poo_leefgeld_paid=D("100.00")
    )
    assert supplied.by_component()["poo_leefgeld"] == D("100.00")


def test_month_breakdown_adds_up_to_lines():
    doc = scenario(
        ("2022-09-20", "2023-01-10"),
        [
            ("L1", [("2022-09-01", "2022-11-07", 33), ("2022-11-08", None, 41)], {}),
            ("L2", [("2022-10-20", None, 7)], {"closed": "2022-12-24"}),
        ],
    )
    result = evaluate(doc)["booo"]
    assert list(result["by_month"]) == ["2022-09", "2022-10", "2022-11", "2022-12", "2023-01"]
    month_sum = sum(D(v) for v in result["by_month"].values())
    assert month_sum == D(result["total"])
    assert D(result["by_month"]["2022-10"]) == 14 * 33 * 100 + 17 * 33 * 83 + 12 * 7 * 83


def test_output_shape_and_explanation():
    doc = scenario(("2022-10-01", "2022-10-31"), [("L1", [("2022-10-01", None, 50)], {})])
    out = evaluate(doc, explain=True)
    booo_out = out["booo"]
    assert booo_out["goo"] == {"place_days": 1550, "amount": "140550.00"}
    assert booo_out["poo"] == {"person_months": 0, "amount": "0.00"}
    assert booo_out["total"] == "140550.00"
    line = booo_out["lines"][1]
    assert line["rate"] == "83.00" and line["amount"] == "70550.00"
    assert line["parameter"] == "booo.goo.normbedrag_per_place_day"
    assert line["reference"]["publication"].startswith("Stcrt. 2022, 27515")
    tree = booo_out["explanation"]
    assert tree["amount"] == "140550.00"
    goo = tree["children"][0]
    assert [child["amount"] for child in goo["children"]] == ["70000.00", "70550.00"]
    assert goo["children"][1]["value"] == "83.00" and goo["children"][1]["count"] == 850
    assert "explanation" not in evaluate(doc)["booo"]


def test_overridden_parameters_are_used():
    from openopvang.rules.engine.parameters import ParameterValue, Reference

    params = ParameterSet.load_default().with_overrides(
        [
            ParameterValue(
                "booo.goo.normbedrag_per_place_day",
                date(2026, 1, 1),
                "40.00",
                Reference("Stcrt. 2026, 1", "art. 2 lid 1 sub a"),
                "confirmed",
                "",
            )
        ]
    )
    doc = scenario(("2026-01-01", "2026-01-31"), [("L1", [("2025-01-01", None, 10)], {})])
    out = evaluate(doc, params=params)
    assert out["booo"]["goo"] == {"place_days": 310, "amount": "12400.00"}
    assert out["booo"]["lines"][0]["reference"]["publication"] == "Stcrt. 2026, 1"


def test_poo_counts_a_person_only_in_months_with_a_day_of_the_right_to_reception():
    # P2's departure term ended on 12 March 2024: no right from 13 March. March
    # has 1-12 March with the right: counted. April has no day with it: not
    # counted, and the (zero) April line says why. P3 is with the host on 31
    # March only, a day without a right: not counted in March.
    doc = scenario(("2024-01-01", "2024-12-31"), [("L1", [], {})], **copy.deepcopy(POO_BASE))
    gone = {
        "from": "2024-03-13",
        "to": None,
        "reason": "departure_term_ended",
        "deadline": "2024-03-12",
    }
    doc["persons"][1]["no_reception_right"] = [gone]
    doc["persons"][2]["no_reception_right"] = [
        {**gone, "from": "2024-03-31", "deadline": "2024-03-30"}
    ]
    doc["provisions"].append({"person": "P2", "month": "2024-04", "kind": "leefgeld"})
    poo = [line for line in booo(doc).lines if line.component == "poo"]
    # March: 1 person × 92.00; April: 0 persons
    assert [(str(line.month), line.persons, line.amount) for line in poo] == [
        ("2024-03", ("P2",), D("92.00")),
        ("2024-04", (), D("0.00")),
    ]
    assert [line.explanation.text.get("without_right") for line in poo] == [1, 1]


def test_poo_right_periods_that_together_cover_the_month_leave_it_out():
    doc = scenario(("2024-04-01", "2024-04-30"), [("L1", [], {})], **copy.deepcopy(POO_BASE))
    doc["persons"][1]["no_reception_right"] = [
        {"from": "2024-03-20", "to": "2024-04-10", "reason": "other", "note": "In custody."},
        {
            "from": "2024-04-11",
            "to": None,
            "reason": "departure_term_ended",
            "deadline": "2024-04-10",
        },
    ]
    doc["provisions"] = [{"person": "P2", "month": "2024-04", "kind": "leefgeld"}]
    poo = [line for line in booo(doc).lines if line.component == "poo"]
    assert [(line.persons, line.amount) for line in poo] == [((), D("0.00"))]
