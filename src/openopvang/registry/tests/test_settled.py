"""The days an edit of a placement changes (registry/settled.py): the span
covers every day that is in one version and not the other, up to today, and
starts and ends on such days."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from openopvang.registry.models import Placement
from openopvang.registry.settled import changed_span

TODAY = datetime.date.today()
days = st.integers(min_value=-400, max_value=60).map(lambda n: TODAY + datetime.timedelta(days=n))


@st.composite
def ranges(draw):
    start = draw(days)
    end = draw(st.none() | days.filter(lambda d: d >= start))
    return start, end


def placement(start, end, location_id=1):
    return Placement(start_date=start, end_date=end, location_id=location_id)


def covers(record, day) -> bool:
    return record.start_date <= day and (record.end_date is None or day <= record.end_date)


@given(ranges(), ranges())
def test_the_span_covers_exactly_the_days_that_changed(first, second):
    before, after = placement(*first), placement(*second)
    span = changed_span(before, after)
    low = min(first[0], second[0])
    changed = [
        low + datetime.timedelta(days=n)
        for n in range((TODAY - low).days + 1)
        if covers(before, low + datetime.timedelta(days=n))
        != covers(after, low + datetime.timedelta(days=n))
    ]
    if not changed:
        assert span is None
    else:
        assert span == (changed[0], changed[-1])


def test_ending_an_open_stay_today_changes_no_paid_day():
    start = datetime.date(2025, 1, 1)
    assert changed_span(placement(start, None), placement(start, TODAY)) is None
    # Another location changes every day of the stay.
    assert changed_span(placement(start, None), placement(start, None, location_id=2)) == (
        start,
        TODAY,
    )
