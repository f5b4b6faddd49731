"""Inclusive date ranges, months and money rounding."""

from datetime import date
from decimal import Decimal

import pytest

from openopvang.rules.engine.dates import DateRange, Month, days_in_month, intersect_all
from openopvang.rules.engine.money import fmt, round_cents, to_decimal


def test_inclusive_range_counts_both_ends():
    assert DateRange(date(2024, 1, 1), date(2024, 1, 1)).days == 1
    assert DateRange(date(2024, 1, 1), date(2024, 12, 31)).days == 366
    assert DateRange(date(2023, 1, 1), date(2023, 12, 31)).days == 365


def test_end_before_start_is_refused():
    with pytest.raises(ValueError):
        DateRange(date(2024, 1, 2), date(2024, 1, 1))


def test_intersection_and_open_end():
    open_range = DateRange(date(2024, 2, 15))
    month = Month(2024, 2).range
    assert open_range.intersection(month) == DateRange(date(2024, 2, 15), date(2024, 2, 29))
    assert open_range.contains(date(2099, 1, 1))
    assert (
        DateRange(date(2024, 1, 1), date(2024, 1, 31)).intersection(
            DateRange(date(2024, 2, 1), None)
        )
        is None
    )
    # Touching ranges share their boundary day.
    assert DateRange(date(2024, 1, 1), date(2024, 1, 31)).overlaps(
        DateRange(date(2024, 1, 31), date(2024, 2, 5))
    )
    assert intersect_all(open_range, month, None) is None


def test_months_and_leap_february():
    assert days_in_month(2024, 2) == 29 and days_in_month(2023, 2) == 28
    span = DateRange(date(2023, 12, 30), date(2024, 3, 1))
    parts = list(span.split_by_month())
    assert [str(m) for m, _ in parts] == ["2023-12", "2024-01", "2024-02", "2024-03"]
    assert [p.days for _, p in parts] == [2, 31, 29, 1]
    assert Month.parse("2024-12").next() == Month(2025, 1)
    with pytest.raises(ValueError):
        Month.parse("2024-13")


def test_round_half_up_to_cents():
    assert round_cents(Decimal("0.005")) == Decimal("0.01")
    assert round_cents(Decimal("2.345")) == Decimal("2.35")
    assert round_cents(Decimal("-2.345")) == Decimal("-2.35")
    assert fmt(Decimal("70000")) == "70000.00"


def test_floats_are_refused():
    with pytest.raises(TypeError):
        to_decimal(0.1)
    assert to_decimal("83.00") == Decimal("83.00")
