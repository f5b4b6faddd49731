"""RooO leefgeld: hand-computed cases, one or more per table period and per rule.

Every expected figure shows its arithmetic: monthly rate x days / days in the month,
rounded half-up to cents once per person, month and component.
"""

from datetime import date
from decimal import Decimal

import pytest

from openopvang.rules.engine.dates import Month
from openopvang.rules.engine.errors import MissingParameter, ScenarioError
from openopvang.rules.engine.evaluate import evaluate
from openopvang.rules.engine.leefgeld import (
    calculate_leefgeld,
    eighteenth_birthday,
    leefgeld_paid_to_poo_persons,
)
from openopvang.rules.engine.parameters import ParameterSet
from openopvang.rules.engine.scenario import Person, parse_scenario

D = Decimal
PARAMS = ParameterSet.load_default()


def doc(period, persons, placements, households=(), incomes=(), policy=None, catering=False):
    """persons: {id: birth_date}; households: {id: [person, ...]} or
    [(household, person, from, to)]; placements: (person, "L1"|"G1", from, to)."""
    if isinstance(households, dict):
        households = [(h, p, "2022-03-01", None) for h, ps in households.items() for p in ps]
    grouped: dict[str, list] = {}
    for household, person, start, end in households:
        grouped.setdefault(household, []).append({"person": person, "from": start, "to": end})
    return {
        "municipality": "GM0344",
        "period": {"from": period[0], "to": period[1]},
        "locations": [
            {"id": "L1", "kind": "building", "catering": False, "capacity": []},
            {"id": "L2", "kind": "hotel", "catering": True, "capacity": []},
        ],
        "hosts": [{"id": "G1"}],
        "persons": [{"id": p, "birth_date": b} for p, b in persons.items()],
        "households": [{"id": h, "members": m} for h, m in grouped.items()],
        "placements": [
            {
                "person": p,
                ("host" if where.startswith("G") else "location"): where,
                "from": start,
                "to": end,
            }
            for p, where, start, end in placements
        ],
        "incomes": [
            {"person": p, "kind": "work", "from": start, "to": end, "monthly_amount": amount}
            for p, start, end, amount in incomes
        ],
        "policy": policy or {},
    }


def run(document):
    return calculate_leefgeld(parse_scenario(document), PARAMS)


def lines(result, month=None):
    """{(household, person): (eetgeld, kleedgeld, wooncomponent)} for a month."""
    out = {}
    for pm in result.person_months:
        if month is None or str(pm.month) == month:
            out[(pm.household, pm.person)] = tuple(
                pm.lines[c].amount for c in ("eetgeld", "kleedgeld", "wooncomponent")
            )
    return out


ADULT, ADULT2, MINOR, MINOR2 = "1980-05-05", "1982-07-07", "2012-01-01", "2015-01-01"


# -- table of 2022-04-01 ---------------------------------------------------------------


def test_2022_single_adult_goo_whole_month():
    # 205.00 eetgeld + 55.00 kleedgeld; no wooncomponent in GOO.
    result = run(
        doc(("2022-05-01", "2022-05-31"), {"P1": ADULT}, [("P1", "L1", "2022-05-01", None)])
    )
    assert lines(result) == {("person:P1", "P1"): (D("205.00"), D("55.00"), D("0.00"))}
    assert result.total == D("260.00")


def test_2022_household_of_two_with_host_adult_and_minor_wooncomponent():
    # Adult 205.00 + 55.00 + woon adult 215.00 = 475.00;
    # minor 205.00 + 55.00 + woon minor 55.00 = 315.00 (one eetgeld amount in 2022).
    result = run(
        doc(
            ("2022-06-01", "2022-06-30"),
            {"P1": ADULT, "P2": MINOR},
            [("P1", "G1", "2022-06-01", None), ("P2", "G1", "2022-06-01", None)],
            {"H1": ["P1", "P2"]},
        )
    )
    assert lines(result) == {
        ("H1", "P1"): (D("205.00"), D("55.00"), D("215.00")),
        ("H1", "P2"): (D("205.00"), D("55.00"), D("55.00")),
    }
    assert result.total == result.poo_total == D("790.00")


def test_nothing_before_rooo_starts_and_pro_rata_in_april_2022():
    # Placed from 2022-03-15: March 2022 is before RooO (2022-04-01) -> 0.00.
    # April from the 11th: 20 of 30 days. 205.00 x 20/30 = 136.666.. -> 136.67;
    # 55.00 x 20/30 = 36.666.. -> 36.67.
    result = run(
        doc(
            ("2022-03-01", "2022-04-30"),
            {"P1": ADULT},
            [("P1", "L1", "2022-03-15", "2022-03-31"), ("P1", "L1", "2022-04-11", None)],
        )
    )
    assert lines(result, "2022-03") == {("person:P1", "P1"): (D("0"), D("0"), D("0"))}
    assert lines(result, "2022-04") == {("person:P1", "P1"): (D("136.67"), D("36.67"), D("0"))}
    march = result.to_dict(explain=True)["households"][0]["months"][0]["persons"][0]
    assert "in force from 2022-04-01" in str(march["explanation"])


def test_2022_minor_turning_18_with_host_gets_adult_wooncomponent_from_birthday():
    # Born 2004-06-16: 18 on 2022-06-16. Woon: minor 55.00 x 15 + adult 215.00 x 15,
    # / 30 = (825 + 3225) / 30 = 135.00. Eetgeld unchanged (205.00 for both).
    result = run(
        doc(
            ("2022-06-01", "2022-06-30"),
            {"P1": ADULT, "P2": "2004-06-16"},
            [("P1", "G1", "2022-06-01", None), ("P2", "G1", "2022-06-01", None)],
            {"H1": ["P1", "P2"]},
        )
    )
    assert lines(result)[("H1", "P2")] == (D("205.00"), D("55.00"), D("135.00"))


# -- table of 2023-02-01 and the switch setting -------------------------------------------

FAMILY3 = {"P1": ADULT, "P2": ADULT2, "P3": MINOR}


def family3(period, policy=None, where="L1"):
    return doc(
        period,
        FAMILY3,
        [(p, where, "2022-06-01", None) for p in FAMILY3],
        {"H1": list(FAMILY3)},
        policy=policy,
    )


def test_2023_table_household_of_three():
    # Adults 171.99 + 56.12 = 228.11 each; minor 142.57 + 56.12 = 198.69.
    # Household: 2 x 228.11 + 198.69 = 654.91.
    result = run(family3(("2023-03-01", "2023-03-31")))
    assert lines(result) == {
        ("H1", "P1"): (D("171.99"), D("56.12"), D("0.00")),
        ("H1", "P2"): (D("171.99"), D("56.12"), D("0.00")),
        ("H1", "P3"): (D("142.57"), D("56.12"), D("0.00")),
    }
    assert result.total == D("654.91")


def test_2023_table_household_of_two_and_of_five():
    # Household of 2 (adult + minor): 215.06 / 178.36; with a host, woon 93.00 each.
    two = run(
        doc(
            ("2023-03-01", "2023-03-31"),
            {"P1": ADULT, "P2": MINOR},
            [("P1", "G1", "2023-01-01", None), ("P2", "G1", "2023-01-01", None)],
            {"H1": ["P1", "P2"]},
        )
    )
    assert lines(two) == {
        ("H1", "P1"): (D("215.06"), D("56.12"), D("93.00")),
        ("H1", "P2"): (D("178.36"), D("56.12"), D("93.00")),
    }
    # Household of 5 (4+): adults 150.45, minors 124.97.
    persons = {"P1": ADULT, "P2": ADULT2, "P3": MINOR, "P4": MINOR2, "P5": "2018-01-01"}
    five = run(
        doc(
            ("2023-03-01", "2023-03-31"),
            persons,
            [(p, "L1", "2023-01-01", None) for p in persons],
            {"H1": list(persons)},
        )
    )
    assert {k[1]: v[0] for k, v in lines(five).items()} == {
        "P1": D("150.45"),
        "P2": D("150.45"),
        "P3": D("124.97"),
        "P4": D("124.97"),
        "P5": D("124.97"),
    }


def test_switch_on_2023_04_01_keeps_the_2022_table_in_february_and_march():
    # 3 x (205.00 + 55.00) = 780.00 in March 2023 with the switch on 1 April.
    late = run(family3(("2023-02-01", "2023-04-30"), {"switch_2023_date": "2023-04-01"}))
    assert set(lines(late, "2023-03").values()) == {(D("205.00"), D("55.00"), D("0.00"))}
    assert set(lines(late, "2023-02").values()) == {(D("205.00"), D("55.00"), D("0.00"))}
    assert lines(late, "2023-04")[("H1", "P3")] == (D("142.57"), D("56.12"), D("0.00"))
    # Default: the 2023 table from 1 February.
    on_time = run(family3(("2023-02-01", "2023-02-28")))
    assert lines(on_time)[("H1", "P1")] == (D("171.99"), D("56.12"), D("0.00"))
    explanation = late.person_months[0].explanation().to_dict()
    assert "continues until the municipal switch on 2023-04-01" in str(explanation)


def test_switch_mid_march_2023_mixes_both_tables():
    # Switch 2023-03-15: 14 days old table, 17 days new.
    # Adult eetgeld (205.00 x 14 + 171.99 x 17) / 31 = (2870.00 + 2923.83) / 31
    #   = 186.8977.. -> 186.90; kleedgeld (55.00 x 14 + 56.12 x 17) / 31
    #   = (770.00 + 954.04) / 31 = 55.6141.. -> 55.61.
    # Minor eetgeld (205.00 x 14 + 142.57 x 17) / 31 = (2870.00 + 2423.69) / 31
    #   = 170.7641.. -> 170.76.
    result = run(family3(("2023-03-01", "2023-03-31"), {"switch_2023_date": "2023-03-15"}))
    assert lines(result)[("H1", "P1")] == (D("186.90"), D("55.61"), D("0.00"))
    assert lines(result)[("H1", "P3")] == (D("170.76"), D("55.61"), D("0.00"))


def test_switch_date_outside_the_window_is_refused():
    with pytest.raises(ScenarioError) as info:
        run(family3(("2023-03-01", "2023-03-31"), {"switch_2023_date": "2023-04-02"}))
    assert info.value.field == "policy.switch_2023_date"


# -- table of 2023-10-01 -----------------------------------------------------------------


def test_2023_october_table_single_minor_and_household_of_two_with_host():
    # Unaccompanied minor (household of one): single-person row 242.48 + 60.71.
    # Adult in household of 2 with host: 242.48 + 60.71 + 80.91 = 384.10;
    # minor: 200.65 + 60.71 + 80.91 = 342.27.
    result = run(
        doc(
            ("2023-11-01", "2023-11-30"),
            {"P1": ADULT, "P2": MINOR, "P3": MINOR2},
            [
                ("P1", "G1", "2023-01-01", None),
                ("P2", "G1", "2023-01-01", None),
                ("P3", "L1", "2023-01-01", None),
            ],
            {"H1": ["P1", "P2"]},
        )
    )
    assert lines(result) == {
        ("H1", "P1"): (D("242.48"), D("60.71"), D("80.91")),
        ("H1", "P2"): (D("200.65"), D("60.71"), D("80.91")),
        ("person:P3", "P3"): (D("242.48"), D("60.71"), D("0.00")),
    }
    single = [pm for pm in result.person_months if pm.person == "P3"][0]
    assert (
        single.explanation().children[0].children[0].parameter == "rooo.eetgeld.adult.household_1"
    )


def test_child_turns_18_mid_month_in_household_of_three():
    # P3 born 2006-03-10 turns 18 on 2024-03-10: minor of 3 (160.64) for 9 days,
    # adult of 3 (193.98) for 22 days: (160.64 x 9 + 193.98 x 22) / 31
    #   = (1445.76 + 4267.56) / 31 = 5713.32 / 31 = 184.3006.. -> 184.30.
    persons = {"P1": ADULT, "P2": ADULT2, "P3": "2006-03-10"}
    result = run(
        doc(
            ("2024-03-01", "2024-03-31"),
            persons,
            [(p, "G1", "2024-01-01", None) for p in persons],
            {"H1": list(persons)},
        )
    )
    assert lines(result)[("H1", "P3")] == (D("184.30"), D("60.71"), D("80.91"))
    assert lines(result)[("H1", "P1")] == (D("193.98"), D("60.71"), D("80.91"))
    eetgeld = result.person_months[2].explanation().children[0]
    assert [(c.parameter, c.count) for c in eetgeld.children] == [
        ("rooo.eetgeld.minor.household_3", 9),
        ("rooo.eetgeld.adult.household_3", 22),
    ]


def test_move_from_goo_with_catering_to_host_mid_month():
    # April 2024 (30 days): L2 (catering) 1-10, host from 11th (20 days).
    # Eetgeld 242.48 x 20/30 = 161.6533.. -> 161.65 (none while catered);
    # kleedgeld 60.71 whole month; woon 80.91 x 20/30 = 53.94.
    # POO share: 161.65 + 60.71 x 20/30 (40.4733.. -> 40.47) + 53.94 = 256.06.
    result = run(
        doc(
            ("2024-04-01", "2024-04-30"),
            {"P1": ADULT},
            [("P1", "L2", "2024-01-01", "2024-04-10"), ("P1", "G1", "2024-04-11", None)],
        )
    )
    assert lines(result) == {("person:P1", "P1"): (D("161.65"), D("60.71"), D("53.94"))}
    assert leefgeld_paid_to_poo_persons(result) == {("P1", Month(2024, 4)): D("256.06")}
    assert result.poo_total == D("256.06")
    assert "catering at L2" in str(result.person_months[0].explanation().to_dict())


def test_household_size_counts_only_members_placed_that_day():
    # H1 has three members but P3 is placed only from 2024-05-17: household of 2
    # for 16 days, of 3 for 15 days. P1: (242.48 x 16 + 193.98 x 15) / 31
    #   = (3879.68 + 2909.70) / 31 = 219.0122.. -> 219.01.
    # P3 (minor): 160.64 x 15/31 = 77.7290.. -> 77.73; kleedgeld 60.71 x 15/31
    #   = 29.3758.. -> 29.38.
    persons = {"P1": ADULT, "P2": ADULT2, "P3": MINOR}
    result = run(
        doc(
            ("2024-05-01", "2024-05-31"),
            persons,
            [
                ("P1", "L1", "2024-01-01", None),
                ("P2", "L1", "2024-01-01", None),
                ("P3", "L1", "2024-05-17", None),
            ],
            {"H1": list(persons)},
        )
    )
    assert lines(result)[("H1", "P1")][0] == D("219.01")
    assert lines(result)[("H1", "P3")] == (D("77.73"), D("29.38"), D("0.00"))


def test_changing_household_mid_month_gives_a_line_under_each():
    # P2 alone (person:P2, single row 242.48) until 2024-05-15 (15 days), then in H1
    # with P1 (household of 2, adult 242.48) for 16 days.
    # Under person:P2: 242.48 x 15/31 = 117.3290.. -> 117.33; 60.71 x 15/31 -> 29.38.
    # Under H1: 242.48 x 16/31 = 125.1509.. -> 125.15; 60.71 x 16/31 = 31.3341.. -> 31.33.
    result = run(
        doc(
            ("2024-05-01", "2024-05-31"),
            {"P1": ADULT, "P2": ADULT2},
            [("P1", "L1", "2024-01-01", None), ("P2", "L1", "2024-01-01", None)],
            [("H1", "P1", "2022-03-01", None), ("H1", "P2", "2024-05-16", None)],
        )
    )
    got = lines(result)
    assert got[("person:P2", "P2")] == (D("117.33"), D("29.38"), D("0.00"))
    assert got[("H1", "P2")] == (D("125.15"), D("31.33"), D("0.00"))
    # P1: household of 1 for 15 days, of 2 for 16 days: both 242.48 -> full month.
    assert got[("H1", "P1")] == (D("242.48"), D("60.71"), D("0.00"))


# -- table of 2025-01-01 -----------------------------------------------------------------


def test_2025_table_household_of_four():
    # Adults 189.13 + 62.66 = 251.79; minors 157.61 + 62.66 = 220.27;
    # 2 x 251.79 + 2 x 220.27 = 944.12.
    persons = {"P1": ADULT, "P2": ADULT2, "P3": MINOR, "P4": MINOR2}
    result = run(
        doc(
            ("2025-02-01", "2025-02-28"),
            persons,
            [(p, "L1", "2024-01-01", None) for p in persons],
            {"H1": list(persons)},
        )
    )
    assert lines(result)[("H1", "P1")] == (D("189.13"), D("62.66"), D("0.00"))
    assert lines(result)[("H1", "P4")] == (D("157.61"), D("62.66"), D("0.00"))
    assert result.total == D("944.12")


def test_2025_table_household_of_three_with_host():
    # Adult 214.29 + 62.66 + 77.16 = 354.11; minor 178.53 + 62.66 + 77.16 = 318.35.
    result = run(family3(("2025-06-01", "2025-06-30"), where="G1"))
    assert lines(result)[("H1", "P2")] == (D("214.29"), D("62.66"), D("77.16"))
    assert lines(result)[("H1", "P3")] == (D("178.53"), D("62.66"), D("77.16"))
    assert result.total == D("1026.57")  # 2 x 354.11 + 318.35


# -- income --------------------------------------------------------------------------------

COUPLE = {"P1": ADULT, "P2": ADULT2}


def couple(period, incomes, policy=None):
    return doc(
        period,
        COUPLE,
        [(p, "L1", "2022-06-01", None) for p in COUPLE],
        {"H1": list(COUPLE)},
        incomes,
        policy,
    )


def test_2022_only_the_earner_stops():
    # Until 2023-01-31 only the person with work gets no leefgeld; P2 205.00 + 55.00.
    result = run(couple(("2022-09-01", "2022-09-30"), [("P1", "2022-09-01", None, "1500.00")]))
    assert lines(result) == {
        ("H1", "P1"): (D("0"), D("0"), D("0")),
        ("H1", "P2"): (D("205.00"), D("55.00"), D("0.00")),
    }


def test_work_from_2024_06_15_with_household_stop_policy():
    # June 2024 (30 days), paid days 1-14: eetgeld (household of 2, adult) 242.48 x 14/30
    #   = 113.1573.. -> 113.16; kleedgeld 60.71 x 14/30 = 28.3313.. -> 28.33. Both persons.
    result = run(couple(("2024-06-01", "2024-06-30"), [("P1", "2024-06-15", None, "1500.00")]))
    assert lines(result) == {
        ("H1", "P1"): (D("113.16"), D("28.33"), D("0")),
        ("H1", "P2"): (D("113.16"), D("28.33"), D("0")),
    }
    assert result.total == D("282.98")
    text = str(result.person_months[1].explanation().to_dict())
    assert "income of P1 (18+, work) from 2024-06-15" in text
    assert "municipal policy" in text


def test_work_from_2024_06_15_without_household_stop_policy():
    # Policy off: the earner P1 still stops (113.16 + 28.33 as above); P2 gets the whole
    # month: 242.48 + 60.71 = 303.19. Total 141.49 + 303.19 = 444.68.
    result = run(
        couple(
            ("2024-06-01", "2024-06-30"),
            [("P1", "2024-06-15", None, "1500.00")],
            {"household_income_stop": False},
        )
    )
    assert lines(result) == {
        ("H1", "P1"): (D("113.16"), D("28.33"), D("0")),
        ("H1", "P2"): (D("242.48"), D("60.71"), D("0")),
    }
    assert result.total == D("444.68")


def test_from_2024_07_01_the_household_stops_whatever_the_policy():
    # Work since June continues into July: from 2024-07-01 the stop is mandatory.
    result = run(
        couple(
            ("2024-07-01", "2024-07-31"),
            [("P1", "2024-06-15", None, "1500.00")],
            {"household_income_stop": False},
        )
    )
    assert result.total == D("0.00")
    assert "mandatory from 2024-07-01" in str(result.person_months[1].explanation().to_dict())


@pytest.mark.parametrize("stop", [True, False])
def test_work_from_2024_07_15_stops_the_household_mid_month(stop):
    # July 2024 (31 days), paid days 1-14: 242.48 x 14/31 = 3394.72/31 = 109.5070.. -> 109.51;
    # 60.71 x 14/31 = 849.94/31 = 27.4174.. -> 27.42. The same for both persons.
    result = run(
        couple(
            ("2024-07-01", "2024-07-31"),
            [("P1", "2024-07-15", None, "900.00")],
            {"household_income_stop": stop},
        )
    )
    assert set(lines(result).values()) == {(D("109.51"), D("27.42"), D("0"))}
    text = str(result.person_months[1].explanation().to_dict())
    assert "income of P1 (18+, work) from 2024-07-15" in text


def test_a_minor_with_income_stops_only_for_the_minor():
    # From 2024-07-01 only income of a member of 18+ stops the household. The minor
    # earner himself gets nothing; P1 (adult, household of 2): 242.48 + 60.71.
    result = run(
        doc(
            ("2024-08-01", "2024-08-31"),
            {"P1": ADULT, "P2": "2008-01-01"},
            [("P1", "L1", "2024-01-01", None), ("P2", "L1", "2024-01-01", None)],
            {"H1": ["P1", "P2"]},
            [("P2", "2024-08-01", None, "300.00")],
        )
    )
    assert lines(result) == {
        ("H1", "P1"): (D("242.48"), D("60.71"), D("0")),
        ("H1", "P2"): (D("0"), D("0"), D("0")),
    }


# -- partial months --------------------------------------------------------------------------


def test_leap_february_2024_has_29_days():
    # From 2024-02-15: 15 of 29 days. 242.48 x 15/29 = 3637.20/29 = 125.4206.. -> 125.42;
    # 60.71 x 15/29 = 910.65/29 = 31.4017.. -> 31.40.
    result = run(
        doc(("2024-02-01", "2024-02-29"), {"P1": ADULT}, [("P1", "L1", "2024-02-15", None)])
    )
    assert lines(result) == {("person:P1", "P1"): (D("125.42"), D("31.40"), D("0"))}


def test_29_february_birthday_turns_18_on_1_march_in_other_years():
    assert eighteenth_birthday(date(2004, 2, 29)) == date(2022, 3, 1)
    assert eighteenth_birthday(date(2006, 2, 28)) == date(2024, 2, 28)
    assert eighteenth_birthday(date(2008, 2, 29)) == date(2026, 3, 1)
    person = Person("P", date(2004, 2, 29))
    assert person.is_minor_on(date(2022, 2, 28)) and not person.is_minor_on(date(2022, 3, 1))


def test_whole_month_if_present_on_the_first():
    # Whole month at the situation of 1 April 2024: P1 leaves on the 10th and still gets
    # the whole month (household of 2: 242.48 + 60.71); P3 arrives on the 11th: pro rata
    # 20/30 as a single person in the pseudo household: 242.48 x 20/30 -> 161.65,
    # 60.71 x 20/30 = 40.4733.. -> 40.47. P2, who turns 18 on 2024-04-20, keeps the
    # minor rate of household 2 (200.65) the whole month.
    policy = {"partial_month": "whole_month_if_present_on_first"}
    document = doc(
        ("2024-04-01", "2024-04-30"),
        {"P1": ADULT, "P2": "2006-04-20", "P3": ADULT2},
        [
            ("P1", "L1", "2024-01-01", "2024-04-10"),
            ("P2", "L1", "2024-01-01", None),
            ("P3", "L1", "2024-04-11", None),
        ],
        {"H1": ["P1", "P2"]},
        policy=policy,
    )
    result = run(document)
    assert lines(result) == {
        ("H1", "P1"): (D("242.48"), D("60.71"), D("0")),
        ("H1", "P2"): (D("200.65"), D("60.71"), D("0")),
        ("person:P3", "P3"): (D("161.65"), D("40.47"), D("0")),
    }
    assert result.to_dict()["partial_month"] == "whole_month_if_present_on_first"
    # A period starting later in April pays P1 and P2 nothing more for April.
    document["period"] = {"from": "2024-04-15", "to": "2024-05-31"}
    later = run(document)
    assert ("H1", "P1") not in lines(later, "2024-04")
    assert lines(later, "2024-05")[("H1", "P2")] == (D("242.48"), D("60.71"), D("0"))


def test_whole_month_income_on_the_first_means_nothing_that_month():
    policy = {"partial_month": "whole_month_if_present_on_first"}
    result = run(
        couple(("2024-07-01", "2024-07-31"), [("P1", "2024-06-15", "2024-07-05", "900.00")], policy)
    )
    assert result.total == D("0.00")


# -- unknown years and output -----------------------------------------------------------------


def test_2026_raises_missing_parameter_naming_the_parameter_and_day():
    document = doc(("2025-12-01", "2026-01-31"), {"P1": ADULT}, [("P1", "L1", "2025-12-20", None)])
    with pytest.raises(MissingParameter) as info:
        run(document)
    assert (info.value.name, info.value.day) == ("rooo.eetgeld.adult.household_1", date(2026, 1, 1))
    assert "on 2026-01-01" in str(info.value)


def test_2026_with_catering_names_the_kleedgeld_parameter():
    document = doc(("2026-01-01", "2026-01-31"), {"P1": ADULT}, [("P1", "L2", "2025-12-20", None)])
    with pytest.raises(MissingParameter, match="rooo.kleedgeld.per_person_month' on 2026-01-01"):
        run(document)


def test_december_2025_alone_is_known():
    result = run(
        doc(("2025-12-01", "2025-12-31"), {"P1": ADULT}, [("P1", "L1", "2025-12-20", None)])
    )
    # 12 of 31 days: 252.18 x 12/31 = 97.6180.. -> 97.62; 62.66 x 12/31 = 24.2554.. -> 24.26.
    assert lines(result) == {("person:P1", "P1"): (D("97.62"), D("24.26"), D("0"))}


def test_evaluate_section_shape_and_poo_handoff_to_booo():
    document = doc(
        ("2024-04-01", "2024-04-30"),
        {"P1": ADULT},
        [("P1", "L2", "2024-01-01", "2024-04-10"), ("P1", "G1", "2024-04-11", None)],
    )
    out = evaluate(document, explain=True)
    section = out["leefgeld"]
    assert section["total"] == "276.30"  # 161.65 + 60.71 + 53.94
    month = section["households"][0]["months"][0]
    assert section["households"][0]["household"] == "person:P1"
    assert (month["month"], month["amount"]) == ("2024-04", "276.30")
    person = month["persons"][0]
    assert {k: person[k] for k in ("person", "eetgeld", "kleedgeld", "wooncomponent")} == {
        "person": "P1",
        "eetgeld": "161.65",
        "kleedgeld": "60.71",
        "wooncomponent": "53.94",
    }
    assert "explanation" in person
    # BooO sub b receives the POO share (no policy.leefgeld_paid_poo in the scenario).
    poo = [line for line in out["booo"]["lines"] if line["component"] == "poo_leefgeld"]
    assert [line["amount"] for line in poo] == ["256.06"]


def test_stated_leefgeld_paid_poo_wins_over_the_computed_share():
    document = doc(
        ("2024-04-01", "2024-04-30"),
        {"P1": ADULT},
        [("P1", "G1", "2024-01-01", None)],
        policy={"leefgeld_paid_poo": "100.00"},
    )
    out = evaluate(document)
    assert out["leefgeld"]["total"] == "384.10"  # 242.48 + 60.71 + 80.91
    poo = [line for line in out["booo"]["lines"] if line["component"] == "poo_leefgeld"]
    assert [line["amount"] for line in poo] == ["100.00"]


def test_not_placed_days_are_explained():
    result = run(
        doc(("2024-04-01", "2024-04-30"), {"P1": ADULT}, [("P1", "L1", "2024-04-21", None)])
    )
    text = str(result.person_months[0].explanation().to_dict())
    assert "2024-04-01..2024-04-20: 20 days without — not placed" in text
