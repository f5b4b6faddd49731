"""Eigen bijdrage (GOO, persons 18+ with income, at most two per household):
hand-computed cases. Rounded half-up once per household and month."""

from datetime import date
from decimal import Decimal

import pytest

from openopvang.rules.engine.dates import Month
from openopvang.rules.engine.eigen_bijdrage import Reduction, calculate_eigen_bijdrage
from openopvang.rules.engine.errors import MissingParameter
from openopvang.rules.engine.evaluate import evaluate
from openopvang.rules.engine.parameters import ParameterSet
from openopvang.rules.engine.scenario import parse_scenario

from .test_leefgeld import ADULT, ADULT2, doc

D = Decimal
PARAMS = ParameterSet.load_default()
ADULT3 = "1975-03-03"


def run(document, reductions=()):
    return calculate_eigen_bijdrage(parse_scenario(document), PARAMS, reductions)


def amounts(result):
    return {(hm.household, str(hm.month)): hm.amount for hm in result.households}


def trio(period, incomes, where="L1"):
    persons = {"P1": ADULT, "P2": ADULT2, "P3": ADULT3}
    return doc(
        period,
        persons,
        [(p, where, "2024-01-01", None) for p in persons],
        {"H1": list(persons)},
        incomes,
    )


def test_nothing_before_2024_07_01():
    result = run(
        doc(
            ("2024-06-01", "2024-07-31"),
            {"P1": ADULT},
            [("P1", "L1", "2024-01-01", None)],
            incomes=[("P1", "2024-01-01", None, "1500.00")],
        )
    )
    # June: not in force (0.00, explained); July: 105.00.
    assert amounts(result) == {
        ("person:P1", "2024-06"): D("0.00"),
        ("person:P1", "2024-07"): D("105.00"),
    }
    assert "in force from 2024-07-01" in str(result.households[0].explanation().to_dict())


def test_single_earner_without_and_with_catering():
    # L1 (no catering): 105.00. L2 (catering): 105.00 + 242.48 = 347.48.
    for where, expected in (("L1", "105.00"), ("L2", "347.48")):
        result = run(
            doc(
                ("2024-09-01", "2024-09-30"),
                {"P1": ADULT},
                [("P1", where, "2024-01-01", None)],
                incomes=[("P1", "2024-01-01", None, "1500.00")],
            )
        )
        assert result.total == D(expected), where


def test_catering_part_of_the_month_is_pro_rata():
    # September 2024 (30 days): L1 1-16, L2 (catering) 17-30 = 14 days.
    # (105.00 x 30 + 242.48 x 14) / 30 = (3150.00 + 3394.72) / 30 = 218.1573.. -> 218.16.
    result = run(
        doc(
            ("2024-09-01", "2024-09-30"),
            {"P1": ADULT},
            [("P1", "L1", "2024-01-01", "2024-09-16"), ("P1", "L2", "2024-09-17", None)],
            incomes=[("P1", "2024-01-01", None, "1500.00")],
        )
    )
    assert result.total == D("218.16")


def test_two_persons_rounded_once_per_household_month():
    # P1 and P2 as above: 2 x 6544.72 / 30 = 13089.44 / 30 = 436.3146.. -> 436.31
    # (rounding each person first would give 2 x 218.16 = 436.32).
    persons = {"P1": ADULT, "P2": ADULT2}
    placements = [
        (p, loc, start, end)
        for p in persons
        for loc, start, end in (("L1", "2024-01-01", "2024-09-16"), ("L2", "2024-09-17", None))
    ]
    result = run(
        doc(
            ("2024-09-01", "2024-09-30"),
            persons,
            placements,
            {"H1": list(persons)},
            [(p, "2024-01-01", None, "1500.00") for p in persons],
        )
    )
    assert amounts(result) == {("H1", "2024-09"): D("436.31")}


def test_three_earners_only_the_two_highest_incomes_are_charged():
    # P1 2000.00, P2 1500.00, P3 1800.00: P1 and P3 charged, 2 x 105.00 = 210.00.
    result = run(
        trio(
            ("2024-09-01", "2024-09-30"),
            [
                ("P1", "2024-01-01", None, "2000.00"),
                ("P2", "2024-01-01", None, "1500.00"),
                ("P3", "2024-01-01", None, "1800.00"),
            ],
        )
    )
    assert amounts(result) == {("H1", "2024-09"): D("210.00")}
    assert result.households[0].charged == ["P1", "P3"]
    assert "at most 2 persons per household: P1, P3 charged" in str(
        result.households[0].explanation().to_dict()
    )


def test_three_earners_tie_goes_to_the_person_listed_first():
    result = run(
        trio(
            ("2024-09-01", "2024-09-30"),
            [(p, "2024-01-01", None, "1500.00") for p in ("P3", "P2", "P1")],
        )
    )
    assert result.households[0].charged == ["P1", "P2"]
    assert result.total == D("210.00")


def test_2025_october_two_adults_with_catering_reach_the_documented_maximum():
    # 2 x (244.22 + 252.18) = 992.80, also with a third earner.
    result = run(
        trio(
            ("2025-10-01", "2025-10-31"),
            [(p, "2024-01-01", None, "1500.00") for p in ("P1", "P2", "P3")],
            where="L2",
        )
    )
    assert result.total == D("992.80")


def test_2025_october_arrival_mid_month():
    # From 2025-10-11 at L2: 21 of 31 days. (244.22 + 252.18) x 21 / 31 = 496.40 x 21 / 31
    #   = 10424.40 / 31 = 336.2709.. -> 336.27.
    result = run(
        doc(
            ("2025-10-01", "2025-10-31"),
            {"P1": ADULT},
            [("P1", "L2", "2025-10-11", None)],
            incomes=[("P1", "2024-01-01", None, "1500.00")],
        )
    )
    assert result.total == D("336.27")


def test_turning_18_with_income_is_charged_from_the_birthday():
    # Born 2006-09-11: 18 on 2024-09-11, charged 20 of 30 days: 105.00 x 20/30 = 70.00.
    result = run(
        doc(
            ("2024-09-01", "2024-09-30"),
            {"P1": "2006-09-11"},
            [("P1", "L1", "2024-01-01", None)],
            incomes=[("P1", "2024-01-01", None, "600.00")],
        )
    )
    assert result.total == D("70.00")


def test_host_placement_and_persons_without_income_are_not_charged():
    result = run(
        doc(
            ("2024-09-01", "2024-09-30"),
            {"P1": ADULT, "P2": ADULT2},
            [("P1", "G1", "2024-01-01", None), ("P2", "L1", "2024-01-01", None)],
            {"H1": ["P1", "P2"]},
            [("P1", "2024-01-01", None, "1500.00")],
        )
    )
    assert result.households == []


def test_maatwerk_reduction_never_below_zero():
    document = doc(
        ("2024-09-01", "2024-10-31"),
        {"P1": ADULT},
        [("P1", "L2", "2024-01-01", None)],
        incomes=[("P1", "2024-01-01", None, "1500.00")],
    )
    result = run(
        document,
        [
            Reduction("person:P1", Month(2024, 9), D("50.00"), "payment problems"),
            Reduction("person:P1", Month(2024, 10), D("400.00"), "debt counselling"),
        ],
    )
    # 347.48 - 50.00 = 297.48; 347.48 - 400.00 -> 0.00.
    assert amounts(result) == {
        ("person:P1", "2024-09"): D("297.48"),
        ("person:P1", "2024-10"): D("0.00"),
    }
    assert result.to_dict()["households"][0]["months"][0]["reason"] == "payment problems"


def test_2026_raises_missing_parameter():
    document = doc(
        ("2025-12-01", "2026-01-31"),
        {"P1": ADULT},
        [("P1", "L1", "2025-01-01", None)],
        incomes=[("P1", "2025-01-01", None, "1500.00")],
    )
    with pytest.raises(MissingParameter) as info:
        run(document)
    assert (info.value.name, info.value.day) == (
        "eigen_bijdrage.per_person_month",
        date(2026, 1, 1),
    )


def test_evaluate_section():
    document = trio(
        ("2024-09-01", "2024-09-30"),
        [
            ("P1", "2024-01-01", None, "2000.00"),
            ("P2", "2024-01-01", None, "1500.00"),
            ("P3", "2024-01-01", None, "1800.00"),
        ],
        where="L2",
    )
    out = evaluate(document, explain=True)["eigen_bijdrage"]
    # 2 x (105.00 + 242.48) = 694.96
    assert out["total"] == "694.96"
    assert out["households"][0]["household"] == "H1"
    month = out["households"][0]["months"][0]
    assert (month["month"], month["amount"], month["charged"]) == (
        "2024-09",
        "694.96",
        ["P1", "P3"],
    )
    assert "explanation" in month
