"""Property tests for leefgeld and eigen bijdrage: splitting a stay at one place
into two adjacent placements never changes an amount; splitting the period by
month never changes an amount; no amount is negative."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from openopvang.rules.engine.dates import Month
from openopvang.rules.engine.eigen_bijdrage import calculate_eigen_bijdrage
from openopvang.rules.engine.leefgeld import calculate_leefgeld
from openopvang.rules.engine.parameters import ParameterSet
from openopvang.rules.engine.scenario import parse_scenario

PARAMS = ParameterSet.load_default()
MONTHS = [Month(2022 + (i + 3) // 12, (i + 3) % 12 + 1) for i in range(45)]  # 2022-04..2025-12
WHERE = ("L1", "L2", "G1")


@st.composite
def scenario(draw):
    month = draw(st.sampled_from(MONTHS))
    days = month.days
    size = draw(st.integers(1, 5))
    persons, placements, incomes = [], [], []
    for i in range(size):
        pid = f"P{i + 1}"
        # Ages from 0 to 70 on the 1st, birthdays often inside the month.
        birth = month.first - timedelta(days=draw(st.integers(0, 70 * 366)))
        persons.append({"id": pid, "birth_date": birth.isoformat()})
        if draw(st.integers(0, 5)) == 0:
            continue  # a member who is not placed
        start = draw(st.integers(1, days))
        end = draw(st.integers(start, days))
        placements.append(
            {
                "person": pid,
                "where": draw(st.sampled_from(WHERE)),
                "from": start,
                "to": end,
                "split": draw(st.integers(start, end)),
            }
        )
        if draw(st.integers(0, 2)) == 0:
            a = draw(st.integers(1, days))
            b = draw(st.integers(a, days))
            incomes.append(
                {
                    "person": pid,
                    "kind": "work",
                    "from": date(month.year, month.month, a).isoformat(),
                    "to": date(month.year, month.month, b).isoformat(),
                    "monthly_amount": str(draw(st.integers(1, 3000))),
                }
            )
    in_household = draw(st.booleans())
    policy = {
        "household_income_stop": draw(st.booleans()),
        "partial_month": draw(st.sampled_from(["pro_rata", "whole_month_if_present_on_first"])),
    }
    if month in (Month(2023, 2), Month(2023, 3)):
        switch = date(2023, 2, 1) + timedelta(days=draw(st.integers(0, 59)))
        policy["switch_2023_date"] = switch.isoformat()
    return month, persons, placements, incomes, in_household, policy


def build(month, persons, placements, incomes, in_household, policy, split, period=None):
    def day(n):
        return date(month.year, month.month, n).isoformat()

    rows = []
    for p in placements:
        key = "host" if p["where"].startswith("G") else "location"
        if split and p["split"] < p["to"]:
            rows.append(
                {
                    "person": p["person"],
                    key: p["where"],
                    "from": day(p["from"]),
                    "to": day(p["split"]),
                }
            )
            rows.append(
                {
                    "person": p["person"],
                    key: p["where"],
                    "from": day(p["split"] + 1),
                    "to": day(p["to"]),
                }
            )
        else:
            rows.append(
                {"person": p["person"], key: p["where"], "from": day(p["from"]), "to": day(p["to"])}
            )
    households = []
    if in_household:
        households = [
            {"id": "H1", "members": [{"person": p["id"], "from": "2022-01-01"} for p in persons]}
        ]
    first, last = period or (month.first, month.last)
    return parse_scenario(
        {
            "municipality": "GM0344",
            "period": {"from": first.isoformat(), "to": last.isoformat()},
            "locations": [
                {"id": "L1", "kind": "building", "catering": False, "capacity": []},
                {"id": "L2", "kind": "hotel", "catering": True, "capacity": []},
            ],
            "hosts": [{"id": "G1"}],
            "persons": persons,
            "households": households,
            "placements": rows,
            "incomes": incomes,
            "policy": policy,
        }
    )


def leefgeld_lines(result):
    return sorted(
        (line.household, line.person, str(line.month), line.component, line.amount, line.poo_amount)
        for line in result.lines
    )


def eigen_bijdrage_lines(result):
    return sorted((hm.household, str(hm.month), hm.amount) for hm in result.households)


@settings(max_examples=150, deadline=None)
@given(scenario())
def test_splitting_a_stay_at_one_place_changes_nothing_and_nothing_is_negative(case):
    whole = build(*case, split=False)
    split = build(*case, split=True)
    leefgeld = calculate_leefgeld(whole, PARAMS)
    assert leefgeld_lines(leefgeld) == leefgeld_lines(calculate_leefgeld(split, PARAMS))
    assert leefgeld.total == calculate_leefgeld(split, PARAMS).total
    eigen = calculate_eigen_bijdrage(whole, PARAMS)
    assert eigen_bijdrage_lines(eigen) == eigen_bijdrage_lines(
        calculate_eigen_bijdrage(split, PARAMS)
    )
    for line in leefgeld.lines:
        assert line.amount >= 0 and 0 <= line.poo_amount <= line.amount + Decimal("0.01")
    assert all(hm.amount >= 0 for hm in eigen.households)
    assert leefgeld.total >= 0 and eigen.total >= 0


# From this month the income band (a monthly rule, rooo.income.threshold_factor) applies.
INCOME_BAND_FROM = date(2025, 10, 1)


@settings(max_examples=100, deadline=None)
@given(scenario(), st.integers(1, 27))
def test_cutting_the_period_mid_month_never_pays_twice(case, cut):
    """Two consecutive periods pay what one period pays, for both conventions."""
    month = case[0]
    whole = calculate_leefgeld(build(*case, split=False), PARAMS)
    middle = date(month.year, month.month, cut)
    first = calculate_leefgeld(build(*case, split=False, period=(month.first, middle)), PARAMS)
    second = calculate_leefgeld(
        build(*case, split=False, period=(middle + timedelta(days=1), month.last)), PARAMS
    )
    # Per line the halves are rounded on their own: at most half a cent each way per line.
    tolerance = Decimal("0.01") * len(whole.lines)
    halves = first.total + second.total
    assert halves <= whole.total + tolerance  # never pays twice
    if month.first < INCOME_BAND_FROM:
        # Without the income band (a rule of the whole month) the halves add up.
        assert abs(halves - whole.total) <= tolerance
