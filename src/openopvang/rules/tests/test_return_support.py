"""Return support (DOMAIN.md §4): hand-computed households against the IOM
amounts and the DT&V registration windows."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from openopvang.rules.engine.parameters import ParameterSet
from openopvang.rules.engine.return_support import (
    APPLIES,
    DEPARTED_TOO_LATE,
    DTV,
    IOM,
    NOT_REGISTERED,
    OUTSIDE_WINDOW,
    Traveller,
    add_months,
    return_support,
)

PARAMS = ParameterSet.load_default()
MOTHER = Traveller("1", date(1990, 5, 1))
SON = Traveller("2", date(2010, 3, 10))  # 13 in 2023
DAUGHTER_TURNING_18 = Traveller("3", date(2005, 6, 20))


def _lines(result, scheme):
    return {line.person_id: line for line in result.lines if line.scheme == scheme}


def test_iom_gives_an_adult_1800_and_a_minor_2800_with_at_most_300_cash_each():
    result = return_support([MOTHER, SON], on=date(2023, 6, 1), params=PARAMS)
    iom = _lines(result, IOM)
    assert (iom["1"].amount, iom["1"].minor) == (Decimal("1800.00"), False)
    assert (iom["2"].amount, iom["2"].minor) == (Decimal("2800.00"), True)
    assert iom["1"].cash_at_most == iom["2"].cash_at_most == Decimal("300.00")
    # 1,800 + 2,800
    assert result.total(IOM) == Decimal("4600.00")


def test_adult_or_minor_is_the_age_on_the_departure_day():
    before = return_support(
        [DAUGHTER_TURNING_18], on=date(2023, 6, 1), departure_on=date(2023, 6, 19), params=PARAMS
    )
    on_birthday = return_support(
        [DAUGHTER_TURNING_18], on=date(2023, 6, 1), departure_on=date(2023, 6, 20), params=PARAMS
    )
    assert _lines(before, IOM)["3"].amount == Decimal("2800.00")
    assert _lines(on_birthday, IOM)["3"].amount == Decimal("1800.00")


def test_without_a_birth_date_a_person_counts_as_an_adult():
    result = return_support([Traveller("9", None)], on=date(2024, 1, 1), params=PARAMS)
    assert _lines(result, IOM)["9"].amount == Decimal("1800.00")


def test_dtv_first_window_gives_5000_per_person_until_4_march_2023():
    result = return_support(
        [MOTHER, SON],
        on=date(2022, 12, 1),
        dtv_registered_on=date(2022, 11, 15),
        params=PARAMS,
    )
    dtv = _lines(result, DTV)
    assert dtv["1"].amount == dtv["2"].amount == Decimal("5000.00")
    assert dtv["1"].depart_by == date(2023, 3, 4)
    # 2 × 5,000
    assert result.total(DTV) == Decimal("10000.00")


def test_dtv_second_window_ends_on_1_february_2023():
    last_day = return_support(
        [MOTHER], on=date(2023, 2, 1), dtv_registered_on=date(2023, 2, 1), params=PARAMS
    )
    after = return_support(
        [MOTHER], on=date(2023, 2, 2), dtv_registered_on=date(2023, 2, 2), params=PARAMS
    )
    assert _lines(last_day, DTV)["1"].amount == Decimal("2000.00")
    assert _lines(after, DTV)["1"].status == OUTSIDE_WINDOW
    assert after.total(DTV) == Decimal("0.00")


def test_dtv_june_2023_registration_must_depart_within_one_month():
    on_time = return_support(
        [MOTHER],
        on=date(2023, 6, 15),
        dtv_registered_on=date(2023, 6, 15),
        departure_on=date(2023, 7, 15),
        params=PARAMS,
    )
    late = return_support(
        [MOTHER],
        on=date(2023, 6, 15),
        dtv_registered_on=date(2023, 6, 15),
        departure_on=date(2023, 7, 16),
        params=PARAMS,
    )
    assert _lines(on_time, DTV)["1"].status == APPLIES
    assert _lines(on_time, DTV)["1"].amount == Decimal("5000.00")
    assert _lines(late, DTV)["1"].status == DEPARTED_TOO_LATE
    assert _lines(late, DTV)["1"].depart_by == date(2023, 7, 15)
    assert late.total(DTV) == Decimal("0.00")


def test_dtv_july_2023_window_gives_2000_and_a_month_from_31_july_ends_31_august():
    result = return_support(
        [MOTHER], on=date(2023, 7, 31), dtv_registered_on=date(2023, 7, 31), params=PARAMS
    )
    line = _lines(result, DTV)["1"]
    assert (line.amount, line.depart_by) == (Decimal("2000.00"), date(2023, 8, 31))


def test_dtv_without_registration_says_so():
    result = return_support([MOTHER], on=date(2025, 9, 1), params=PARAMS)
    assert _lines(result, DTV)["1"].status == NOT_REGISTERED


def test_a_month_after_31_january_is_the_end_of_february():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 12, 15), 1) == date(2024, 1, 15)


@given(
    births=st.lists(st.one_of(st.none(), st.dates(date(1930, 1, 1), date(2023, 1, 1))), max_size=8),
    registered=st.one_of(st.none(), st.dates(date(2022, 10, 1), date(2023, 9, 1))),
    departure=st.one_of(st.none(), st.dates(date(2022, 11, 1), date(2023, 12, 31))),
)
def test_a_household_never_gets_more_than_the_maxima_per_person(births, registered, departure):
    travellers = [Traveller(str(i), born) for i, born in enumerate(births)]
    result = return_support(
        travellers,
        on=date(2023, 1, 1),
        dtv_registered_on=registered,
        departure_on=departure,
        params=PARAMS,
    )
    assert result.total(IOM) <= Decimal("2800.00") * len(travellers)
    assert result.total(DTV) <= Decimal("5000.00") * len(travellers)
    for line in result.lines:
        if line.scheme == IOM:
            assert line.cash_at_most <= line.amount
        if line.status != APPLIES:
            assert line.amount == 0
