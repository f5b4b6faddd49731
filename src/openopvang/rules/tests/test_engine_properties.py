"""Property tests: splitting a period never changes the total; place-days are
bounded by capacity."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from openopvang.rules.engine.booo import calculate_booo
from openopvang.rules.engine.dates import Month
from openopvang.rules.engine.parameters import ParameterSet, ParameterValue, Reference
from openopvang.rules.engine.scenario import parse_scenario

FIRST, LAST = date(2022, 3, 1), date(2025, 12, 31)
SPAN = (LAST - FIRST).days
PARAMS = ParameterSet.load_default()


def day(offset: int) -> str:
    return (FIRST + timedelta(days=offset)).isoformat()


@st.composite
def location(draw, index: int):
    """Back-to-back or gapped capacity periods that never overlap."""
    capacity, offset = [], draw(st.integers(0, SPAN))
    for _ in range(draw(st.integers(0, 4))):
        if offset > SPAN:
            break
        length = draw(st.integers(1, 400))
        end = offset + length - 1
        open_end = end >= SPAN or draw(st.integers(0, 4)) == 0
        capacity.append(
            {
                "from": day(offset),
                "to": None if open_end else day(min(end, SPAN)),
                "places": draw(st.integers(0, 500)),
            }
        )
        if open_end:
            break
        offset = end + 1 + draw(st.integers(0, 60))
    loc = {"id": f"L{index}", "kind": "building", "catering": False, "capacity": capacity}
    if draw(st.booleans()):
        loc["closed"] = day(draw(st.integers(0, SPAN)))
    return loc


@st.composite
def scenario_and_split(draw):
    start = draw(st.integers(0, SPAN - 1))
    end = draw(st.integers(start + 1, SPAN))
    middle = draw(st.integers(start, end - 1))
    locations = [draw(location(i)) for i in range(draw(st.integers(1, 3)))]
    return locations, start, middle, end


def goo_total(locations, start: int, end: int):
    doc = {
        "municipality": "GM0344",
        "period": {"from": day(start), "to": day(end)},
        "locations": locations,
    }
    return calculate_booo(parse_scenario(doc), PARAMS)


@settings(max_examples=150, deadline=None)
@given(scenario_and_split())
def test_splitting_the_period_keeps_the_goo_total(case):
    locations, start, middle, end = case
    whole = goo_total(locations, start, end)
    first, second = goo_total(locations, start, middle), goo_total(locations, middle + 1, end)
    assert whole.total == first.total + second.total
    assert whole.goo_place_days == first.goo_place_days + second.goo_place_days
    months, rest = whole.by_month()
    assert sum(months.values(), Decimal(0)) + rest == whole.total


@settings(max_examples=150, deadline=None)
@given(scenario_and_split())
def test_place_days_never_exceed_max_capacity_times_days(case):
    locations, start, _, end = case
    result = goo_total(locations, start, end)
    days = end - start + 1
    for loc in locations:
        max_places = max((c["places"] for c in loc["capacity"]), default=0)
        used = sum(line.quantity for line in result.lines if line.location == loc["id"])
        assert 0 <= used <= max_places * days


@st.composite
def poo_case(draw):
    persons = [f"P{i}" for i in range(draw(st.integers(1, 4)))]
    placements, provisions = [], []
    for person in persons:
        start = draw(st.integers(0, SPAN - 1))
        end = draw(st.integers(start, SPAN))
        placements.append({"person": person, "host": "G1", "from": day(start), "to": day(end)})
        for offset in draw(st.lists(st.integers(0, SPAN), max_size=6)):
            provisions.append(
                {
                    "person": person,
                    "month": str(Month.of(FIRST + timedelta(offset))),
                    "kind": "leefgeld",
                }
            )
    start = draw(st.integers(0, SPAN - 40))
    end = draw(st.integers(start + 35, SPAN))
    # Split on a month end: a POO month then belongs wholly to one part.
    split = Month.of(FIRST + timedelta(draw(st.integers(start, end - 32)))).last
    return persons, placements, provisions, start, (split - FIRST).days, end


@settings(max_examples=100, deadline=None)
@given(poo_case())
def test_splitting_at_a_month_end_keeps_the_poo_total(case):
    persons, placements, provisions, start, middle, end = case

    def run(a, b):
        doc = {
            "municipality": "GM0344",
            "period": {"from": day(a), "to": day(b)},
            "hosts": [{"id": "G1"}],
            "persons": [{"id": p, "birth_date": "1990-01-01"} for p in persons],
            "placements": placements,
            "provisions": provisions,
        }
        return calculate_booo(parse_scenario(doc), PARAMS)

    whole, first, second = run(start, end), run(start, middle), run(middle + 1, end)
    assert whole.total == first.total + second.total
    assert whole.poo_person_months == first.poo_person_months + second.poo_person_months


# -- parameter coverage ---------------------------------------------------------------

_GOO = "booo.goo.normbedrag_per_place_day"
_REF = Reference("Stcrt. 2026, 1", "BooO art. 2 lid 1 sub a")


@given(
    start=st.dates(min_value=date(2022, 3, 1), max_value=date(2027, 12, 31)),
    length=st.one_of(st.none(), st.integers(min_value=0, max_value=800)),
)
def test_a_day_reported_as_lost_had_a_value_before_and_has_none_after(start, length):
    before = ParameterSet.load_default()
    end = None if length is None else start + timedelta(days=length)
    after = before.with_overrides([ParameterValue(_GOO, start, "50.00", _REF, end=end)])
    lost = before.newly_uncovered(after, _GOO)
    for lost_start, lost_end in lost:
        for day in {lost_start, lost_end or lost_start}:
            assert before.parameter(_GOO).at(day) is not None
            assert after.parameter(_GOO).at(day) is None
    if end is None:  # an open-ended value inherits the end of the value it splits
        assert lost == []
