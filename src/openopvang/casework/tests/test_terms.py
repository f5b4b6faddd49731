"""Terms and working days, hand-computed against the calendar, and the
arithmetic of suspensions, extensions and the Algemene termijnenwet as
properties over many terms (hypothesis)."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from openopvang.casework import terms

D = datetime.date
CAL, WEEKS, WORK = terms.CALENDAR_DAYS, terms.WEEKS, terms.WORKING_DAYS


def departure(start, **kwargs):
    rule = terms.rules_for(terms.DEPARTURE, start)[terms.LEGAL]
    return terms.compute_term(start, rule.length, rule.unit, atw=rule.atw, **kwargs)


# --- the holidays of the Algemene termijnenwet ------------------------------------------


def test_the_atw_holidays_of_2025():
    assert terms.atw_holidays(2025) == {
        D(2025, 1, 1): "Nieuwjaarsdag",
        D(2025, 4, 21): "Tweede paasdag",
        D(2025, 4, 26): "Koningsdag",
        D(2025, 5, 5): "Bevrijdingsdag",
        D(2025, 5, 29): "Hemelvaartsdag",
        D(2025, 6, 9): "Tweede pinksterdag",
        D(2025, 12, 25): "Eerste kerstdag",
        D(2025, 12, 26): "Tweede kerstdag",
    }


def test_liberation_day_counts_every_year_and_good_friday_never():
    assert terms.holiday_name(D(2024, 5, 5)) == "Bevrijdingsdag"  # not a lustrum year
    assert terms.holiday_name(D(2026, 5, 5)) == "Bevrijdingsdag"
    assert terms.is_working_day(D(2025, 4, 18))  # Goede Vrijdag is not in the Atw
    assert not terms.is_working_day(D(2026, 4, 27))  # Koningsdag on a Monday


# --- hand-computed terms -------------------------------------------------------------


def test_the_rvs_return_decisions_of_march_2024_ran_until_2_april():
    result = departure(D(2024, 3, 5))
    assert (result.end, result.moved) == (D(2024, 4, 2), ())


def test_a_term_ending_on_christmas_moves_past_both_christmas_days():
    result = departure(D(2024, 11, 27))  # Wednesday + 28 days = Wednesday 25 December
    assert result.raw_end == D(2024, 12, 25)
    assert result.end == D(2024, 12, 27)
    assert [(m.day, m.reason) for m in result.moved] == [
        (D(2024, 12, 25), "Eerste kerstdag"),
        (D(2024, 12, 26), "Tweede kerstdag"),
    ]


def test_a_term_ending_on_kings_day_moves_to_the_next_day():
    result = departure(D(2026, 3, 30))  # + 28 days = Monday 27 April 2026
    assert result.end == D(2026, 4, 28)
    assert [(m.day, m.reason) for m in result.moved] == [(D(2026, 4, 27), "Koningsdag")]


def test_kings_day_on_a_saturday_then_sunday():
    result = departure(D(2025, 3, 29))  # + 28 days = Saturday 26 April 2025 (Koningsdag)
    assert result.end == D(2025, 4, 28)
    assert [m.reason for m in result.moved] == ["Koningsdag", "sunday"]


def test_working_days_from_a_friday_before_liberation_day():
    # Served Friday 2 May 2025; Monday 5 May is Bevrijdingsdag: 6, 7, 8, 9, 12 May.
    assert terms.add_working_days(D(2025, 5, 2), 5) == D(2025, 5, 12)


def test_working_days_over_easter():
    # Goede Vrijdag counts; Saturday, Sunday and Tweede Paasdag do not.
    assert terms.add_working_days(D(2025, 4, 17), 3) == D(2025, 4, 23)


def test_working_days_over_christmas():
    # Friday 19 Dec 2025: 22, 23, 24, (25, 26 holidays, weekend) 29, 30 December.
    assert terms.add_working_days(D(2025, 12, 19), 5) == D(2025, 12, 30)


def test_a_suspension_of_ten_days_in_the_middle_of_the_term():
    plain = departure(D(2025, 4, 1))
    assert plain.end == D(2025, 4, 29)
    suspended = departure(
        D(2025, 4, 1), suspensions=[terms.Suspension(D(2025, 4, 10), D(2025, 4, 19))]
    )
    assert (suspended.suspended_days, suspended.end) == (10, D(2025, 5, 9))


def test_an_open_suspension_leaves_the_term_without_an_end():
    result = departure(D(2025, 4, 1), suspensions=[terms.Suspension(D(2025, 4, 10))])
    assert (result.end, result.stopped_since) == (None, D(2025, 4, 10))


def test_a_suspension_after_the_term_changes_nothing():
    result = departure(D(2024, 3, 5), suspensions=[terms.Suspension(D(2024, 4, 3), D(2024, 4, 9))])
    assert (result.end, result.suspended_days) == (D(2024, 4, 2), 0)


def test_an_extension_of_fourteen_days():
    result = departure(D(2024, 3, 5), extension_days=14)
    assert result.end == D(2024, 4, 16)


def test_28_days_before_july_2025_and_four_weeks_from_july():
    before = terms.rules_for(terms.DEPARTURE, D(2025, 6, 30))[terms.LEGAL]
    after = terms.rules_for(terms.DEPARTURE, D(2025, 7, 1))[terms.LEGAL]
    assert (before.length, before.unit) == (28, CAL)
    assert (after.length, after.unit) == (4, WEEKS)
    assert departure(D(2025, 6, 30)).end == D(2025, 7, 28)
    assert departure(D(2025, 7, 1)).end == D(2025, 7, 29)


def test_a_term_ending_on_leap_day():
    assert departure(D(2024, 2, 1)).end == D(2024, 2, 29)


def test_the_coa_transfer_target_of_2023():
    rule = terms.rules_for(terms.COA_TRANSFER, D(2023, 7, 24))[terms.TARGET]
    result = terms.compute_term(D(2023, 7, 24), rule.length, rule.unit, atw=rule.atw)
    assert result.end == D(2023, 10, 16)  # week of 24 July to week of 16 October


# --- properties ----------------------------------------------------------------------

days = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))
lengths = st.integers(min_value=1, max_value=90)


@settings(max_examples=300, deadline=None)
@given(start=days, length=lengths)
def test_a_calendar_term_without_suspension_ends_length_days_later(start, length):
    result = terms.compute_term(start, length, CAL, atw=False)
    assert result.end == start + datetime.timedelta(days=length)


@settings(max_examples=300, deadline=None)
@given(start=days, length=lengths, offset=st.integers(0, 89), span=st.integers(1, 40))
def test_a_suspension_inside_the_term_moves_the_end_by_its_days(start, length, offset, span):
    offset = offset % length  # the suspension starts on a day the term counts
    s_start = start + datetime.timedelta(days=1 + offset)
    s_end = s_start + datetime.timedelta(days=span - 1)
    plain = terms.compute_term(start, length, CAL, atw=False)
    moved = terms.compute_term(
        start, length, CAL, atw=False, suspensions=[terms.Suspension(s_start, s_end)]
    )
    assert moved.suspended_days == span
    assert moved.raw_end == plain.raw_end + datetime.timedelta(days=span)


@settings(max_examples=300, deadline=None)
@given(start=days, length=st.integers(1, 60))
def test_a_working_day_term_counts_exactly_its_working_days(start, length):
    end = terms.add_working_days(start, length)
    assert terms.is_working_day(end)
    span = (end - start).days
    counted = sum(
        terms.is_working_day(start + datetime.timedelta(days=n)) for n in range(1, span + 1)
    )
    assert counted == length


@settings(max_examples=300, deadline=None)
@given(start=days, length=lengths, unit=st.sampled_from([CAL, WEEKS]))
def test_the_atw_end_is_the_first_working_day_on_or_after_the_raw_end(start, length, unit):
    result = terms.compute_term(start, length, unit, atw=True)
    assert terms.is_working_day(result.end)
    assert result.end >= result.raw_end
    assert [m.day for m in result.moved] == [
        result.raw_end + datetime.timedelta(days=n)
        for n in range((result.end - result.raw_end).days)
    ]
    assert all(not terms.is_working_day(m.day) and m.reason for m in result.moved)


@settings(max_examples=200, deadline=None)
@given(start=days, length=lengths, extra=st.integers(1, 60), unit=st.sampled_from([CAL, WORK]))
def test_an_extension_counts_like_a_longer_term(start, length, extra, unit):
    extended = terms.compute_term(start, length, unit, atw=True, extension_days=extra)
    longer = terms.compute_term(start, length + extra, unit, atw=True)
    assert extended.end == longer.end
