"""The money follows the rights: no leefgeld on days without a right to
municipal reception (rules.engine.rights), hand-computed, and the periods a
case gives.

Rates of March 2024 (table of 2023-10-01): eetgeld adult, household of 1 or 2,
242.48; eetgeld minor, household of 2, 200.65; kleedgeld 60.71; wooncomponent
80.91 (adult and minor). March has 31 days."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openopvang.rules.engine import rights
from openopvang.rules.engine.dates import DateRange
from openopvang.rules.engine.errors import ScenarioError
from openopvang.rules.engine.evaluate import evaluate
from openopvang.rules.engine.leefgeld import calculate_leefgeld
from openopvang.rules.engine.parameters import ParameterSet
from openopvang.rules.engine.rights import CaseFacts, DepartureTerm, no_right_periods
from openopvang.rules.engine.scenario import parse_scenario, scenario_to_dict

from .test_leefgeld_properties import INCOME_BAND_FROM, build, leefgeld_lines, scenario

D = Decimal
PARAMS = ParameterSet.load_default()
ADULT, MINOR = "1980-05-05", "2012-01-01"
DEPARTED = {
    "from": "2024-03-13",
    "to": None,
    "reason": "departure_term_ended",
    "deadline": "2024-03-12",
    "situation": "no_right",
}


def doc(persons, placements, households=(), policy=None, period=("2024-03-01", "2024-03-31")):
    """persons: {id: (birth_date, [no_reception_right, ...])}; placements: (person, where)."""
    return {
        "municipality": "GM0344",
        "period": {"from": period[0], "to": period[1]},
        "locations": [{"id": "L1", "kind": "building", "catering": False, "capacity": []}],
        "hosts": [{"id": "G1"}],
        "persons": [
            {"id": p, "birth_date": b, **({"no_reception_right": n} if n else {})}
            for p, (b, n) in persons.items()
        ],
        "households": [
            {"id": "H1", "members": [{"person": p, "from": "2022-03-10"} for p in households]}
        ]
        if households
        else [],
        "placements": [
            {
                "person": p,
                ("host" if where.startswith("G") else "location"): where,
                "from": "2024-01-01",
                "to": None,
            }
            for p, where in placements
        ],
        "policy": policy or {},
    }


def amounts(result):
    return {
        (str(pm.month), pm.person): tuple(
            pm.lines[c].amount for c in ("eetgeld", "kleedgeld", "wooncomponent")
        )
        for pm in result.person_months
    }


def test_a_right_ending_mid_month_pays_1_to_12_march_only():
    # Departure term ended on 12 March: no right from 13 March; 12 of 31 days paid.
    # eetgeld 242.48 x 12 / 31 = 2909.76 / 31 = 93.8632 -> 93.86
    # kleedgeld 60.71 x 12 / 31 = 728.52 / 31 = 23.5006 -> 23.50
    # no wooncomponent at a GOO; total 93.86 + 23.50 = 117.36 (without the cut 303.19).
    result = calculate_leefgeld(
        parse_scenario(doc({"P1": (ADULT, [DEPARTED])}, [("P1", "L1")])), PARAMS
    )
    assert amounts(result) == {("2024-03", "P1"): (D("93.86"), D("23.50"), D("0.00"))}
    assert result.total == D("117.36")
    (pm,) = result.person_months
    assert pm.lines["eetgeld"].days == 12
    labels = [child.label for child in pm.explanation().children[0].children]
    assert labels[0].startswith("2024-03-01..2024-03-12: 12 days x 242.48 / 31")
    assert labels[1] == (
        "2024-03-13..2024-03-31: 19 days without — no right to reception from 2024-03-13: "
        "departure term ended on 2024-03-12 (no_right)"
    )
    without = pm.segments[1].parts[0]
    assert without.why == (
        "no_right",
        (
            ("from", "2024-03-13"),
            ("reason", "departure_term_ended"),
            ("situation", "no_right"),
            ("deadline", "2024-03-12"),
        ),
    )
    uncut = calculate_leefgeld(parse_scenario(doc({"P1": (ADULT, [])}, [("P1", "L1")])), PARAMS)
    assert uncut.total == D("303.19")  # 242.48 + 60.71


def test_the_household_keeps_its_size_and_the_others_their_leefgeld():
    # H1 with a host (POO): adult P1 without a right from 13 March, minor P2.
    # P1: eetgeld 242.48 x 12 / 31 = 93.86; kleedgeld 60.71 x 12 / 31 = 23.50;
    #     wooncomponent 80.91 x 12 / 31 = 970.92 / 31 = 31.32 (exact); 148.68 in all.
    # P2 (household of 2 all month, P1 still lives there): 200.65 + 60.71 + 80.91 = 342.27.
    result = calculate_leefgeld(
        parse_scenario(
            doc(
                {"P1": (ADULT, [DEPARTED]), "P2": (MINOR, [])},
                [("P1", "G1"), ("P2", "G1")],
                households=("P1", "P2"),
            )
        ),
        PARAMS,
    )
    assert amounts(result) == {
        ("2024-03", "P1"): (D("93.86"), D("23.50"), D("31.32")),
        ("2024-03", "P2"): (D("200.65"), D("60.71"), D("80.91")),
    }
    assert result.total == D("148.68") + D("342.27")
    assert result.poo_total == result.total


def test_a_period_in_the_middle_of_the_month():
    # No right 10-19 March: 9 + 12 = 21 days paid.
    # eetgeld 242.48 x 21 / 31 = 5092.08 / 31 = 164.2606 -> 164.26
    # kleedgeld 60.71 x 21 / 31 = 1274.91 / 31 = 41.1261 -> 41.13
    period = {"from": "2024-03-10", "to": "2024-03-19", "reason": "other", "note": "in custody"}
    result = calculate_leefgeld(
        parse_scenario(doc({"P1": (ADULT, [period])}, [("P1", "L1")])), PARAMS
    )
    assert amounts(result) == {("2024-03", "P1"): (D("164.26"), D("41.13"), D("0.00"))}


def test_whole_month_rule_pays_only_the_days_with_the_right():
    # Situation of the 1st, but only for 1-12 March: the same 93.86 + 23.50 as pro rata.
    policy = {"partial_month": "whole_month_if_present_on_first"}
    result = calculate_leefgeld(
        parse_scenario(doc({"P1": (ADULT, [DEPARTED])}, [("P1", "L1")], policy=policy)), PARAMS
    )
    assert amounts(result) == {("2024-03", "P1"): (D("93.86"), D("23.50"), D("0.00"))}
    assert all(segment.whole_month for segment in result.person_months[0].segments)


def test_the_months_before_are_paid_in_full():
    # February 2024 (29 days) in full: 242.48 + 60.71; March as above.
    result = calculate_leefgeld(
        parse_scenario(
            doc({"P1": (ADULT, [DEPARTED])}, [("P1", "L1")], period=("2024-02-01", "2024-03-31"))
        ),
        PARAMS,
    )
    assert amounts(result) == {
        ("2024-02", "P1"): (D("242.48"), D("60.71"), D("0.00")),
        ("2024-03", "P1"): (D("93.86"), D("23.50"), D("0.00")),
    }


def test_evaluate_explains_it():
    out = evaluate(doc({"P1": (ADULT, [DEPARTED])}, [("P1", "L1")]), explain=True)
    assert out["leefgeld"]["total"] == "117.36"
    text = str(out["leefgeld"]["households"][0]["months"][0]["persons"][0]["explanation"])
    assert "no right to reception from 2024-03-13: departure term ended on 2024-03-12" in text


# -- the scenario field ------------------------------------------------------------------


def test_round_trip_keeps_the_periods():
    scenario = parse_scenario(doc({"P1": (ADULT, [DEPARTED])}, [("P1", "L1")]))
    assert scenario.persons[0].no_reception_right[0].range == DateRange(date(2024, 3, 13), None)
    assert parse_scenario(scenario_to_dict(scenario)) == scenario
    assert scenario_to_dict(scenario)["persons"][0]["no_reception_right"] == [DEPARTED]


@pytest.mark.parametrize(
    ("periods", "field"),
    [
        ([{**DEPARTED, "reason": "gone"}], "persons[0].no_reception_right[0].reason"),
        ([{**DEPARTED, "deadline": None}], "persons[0].no_reception_right[0].deadline"),
        ([{"from": "2024-03-01", "reason": "other"}], "persons[0].no_reception_right[0].note"),
        ([{**DEPARTED, "to": "2024-03-01"}], "persons[0].no_reception_right[0].to"),
        ([{**DEPARTED, "why": "x"}], "persons[0].no_reception_right[0].why"),
        (
            [DEPARTED, {"from": "2024-04-01", "reason": "case_closed", "closure": "housed"}],
            "persons[0].no_reception_right[1]",
        ),
    ],
)
def test_bad_periods_name_the_field(periods, field):
    with pytest.raises(ScenarioError) as error:
        parse_scenario(doc({"P1": (ADULT, periods)}, [("P1", "L1")]))
    assert error.value.field == field


# -- from a case to periods ------------------------------------------------------------


def d(text):
    return date.fromisoformat(text)


def term(deadline, replaced=None, situation="no_right"):
    return DepartureTerm(
        situation, d("2024-02-13"), deadline and d(deadline), replaced and d(replaced)
    )


def test_no_right_from_the_day_after_the_departure_deadline():
    (period,) = no_right_periods([CaseFacts(d("2024-01-10"), departures=(term("2024-03-12"),))])
    assert period.range == DateRange(d("2024-03-13"), None)
    assert period.reason == rights.DEPARTURE_TERM_ENDED and period.deadline == d("2024-03-12")


def test_a_stopped_clock_or_a_situation_that_keeps_the_right_gives_no_period():
    assert no_right_periods([CaseFacts(d("2024-01-10"), departures=(term(None),))]) == []
    keeps = term("2024-03-12", situation="rejected_appeal")
    assert no_right_periods([CaseFacts(d("2024-01-10"), departures=(keeps,))]) == []


def test_a_later_situation_ends_the_period():
    # Asylum application recorded from 20 March: the right is back that day.
    (period,) = no_right_periods(
        [CaseFacts(d("2024-01-10"), departures=(term("2024-03-12", "2024-03-20"),))]
    )
    assert period.range == DateRange(d("2024-03-13"), d("2024-03-19"))
    # Replaced before the term ended: no period.
    assert (
        no_right_periods(
            [CaseFacts(d("2024-01-10"), departures=(term("2024-03-12", "2024-03-05"),))]
        )
        == []
    )


def test_a_closed_case_ends_the_right_the_next_day_until_a_new_case():
    cases = [
        CaseFacts(
            d("2024-01-10"), d("2024-03-25"), "transferred_coa", departures=(term("2024-03-12"),)
        ),
        CaseFacts(d("2024-06-01")),
    ]
    periods = no_right_periods(cases)
    assert [(p.range, p.reason, p.closure) for p in periods] == [
        (DateRange(d("2024-03-13"), d("2024-03-25")), rights.DEPARTURE_TERM_ENDED, ""),
        (DateRange(d("2024-03-26"), d("2024-05-31")), rights.CASE_CLOSED, "transferred_coa"),
    ]
    assert (
        periods[1].text() == "no right to reception from 2024-03-26: case closed: transferred_coa"
    )


def test_every_situation_has_a_rule_with_a_source():
    situations = {
        "protected",
        "asylum_pending",
        "asylum_granted",
        "rejected_appeal",
        "rejected_no_appeal",
        "withdrawn",
        "other_permit",
        "no_right",
    }
    assert {rule.situation for rule in rights.RIGHT_RULES} == situations
    assert all(rule.source for rule in rights.RIGHT_RULES)
    ending = {r.situation for r in rights.RIGHT_RULES if r.leefgeld == rights.UNTIL_DEPARTURE_TERM}
    assert ending == {"rejected_no_appeal", "withdrawn", "no_right"}


# -- property ---------------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(scenario(), st.data())
def test_a_right_cut_never_pays_more_and_no_cut_changes_nothing(case, data):
    month = case[0]
    base = build(*case, split=False)
    cuts = {}
    for person in base.persons:
        if data.draw(st.booleans()):
            a = data.draw(st.integers(1, month.days))
            b = data.draw(st.one_of(st.none(), st.integers(a, month.days)))
            span = DateRange(
                date(month.year, month.month, a), b and date(month.year, month.month, b)
            )
            cuts[person.id] = (rights.NoRight(span, rights.OTHER, note="cut"),)
    cut = dataclasses.replace(
        base,
        persons=tuple(
            dataclasses.replace(p, no_reception_right=cuts.get(p.id, ())) for p in base.persons
        ),
    )
    before = calculate_leefgeld(base, PARAMS)
    after = calculate_leefgeld(cut, PARAMS)
    assert after.total <= before.total
    assert after.poo_total <= before.poo_total
    if month.first < INCOME_BAND_FROM:  # the band spreads a household's cut over its lines
        was = {line[:4]: line[4] for line in leefgeld_lines(before)}
        for line in leefgeld_lines(after):
            assert line[4] <= was.get(line[:4], D(0))
    # Periods outside the month cut nothing.
    outside = dataclasses.replace(
        base,
        persons=tuple(
            dataclasses.replace(
                p,
                no_reception_right=(
                    rights.NoRight(
                        DateRange(date(2021, 1, 1), date(2021, 12, 31)), rights.OTHER, note="x"
                    ),
                ),
            )
            for p in base.persons
        ),
    )
    assert leefgeld_lines(calculate_leefgeld(outside, PARAMS)) == leefgeld_lines(before)
    if not cuts:
        assert leefgeld_lines(after) == leefgeld_lines(before)


def test_the_cli_explains_the_example(capsys):
    from pathlib import Path

    from openopvang.rules.engine.evaluate import main

    example = (
        Path(__file__).resolve().parents[4]
        / "docs"
        / "examples"
        / "leefgeld-2024-departure-term-ended.json"
    )
    assert main([str(example), "--explain", "--section", "leefgeld"]) == 0
    out = capsys.readouterr().out
    assert "no right to reception from 2024-03-13: departure term ended on 2024-03-12" in out
