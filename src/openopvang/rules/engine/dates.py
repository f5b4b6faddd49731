"""Date ranges and months.

Convention (the only place it is written down): every range is **inclusive** at
both ends, ``[start, end]``. ``end=None`` means open-ended. A range of one day
has ``start == end`` and ``days == 1``. Ranges come from scenario documents and
parameters the same way, so no ``+1``/``-1`` arithmetic is needed elsewhere
except where a boundary is derived from the *next* start (``next.start - 1 day``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)

# The platform's date range, written down once (docs/decisions/0018): no day the
# platform reasons about (a month asked for, a filter, an execution date, a
# period) lies outside it. Wide enough for any birth date and any plan ahead,
# narrow enough that "next month" or "end of year" never leaves what Python's
# date and the database can hold.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2099, 12, 31)


def in_platform_range(day: date) -> bool:
    return EARLIEST_DATE <= day <= LATEST_DATE


_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, written ``YYYY-MM``."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        match = _MONTH_RE.match(text) if isinstance(text, str) else None
        if not match:
            raise ValueError(f"not a month (YYYY-MM) {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, self.days)

    @property
    def days(self) -> int:
        return days_in_month(self.year, self.month)

    @property
    def range(self) -> DateRange:
        return DateRange(self.first, self.last)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class DateRange:
    """Inclusive range ``[start, end]``; ``end=None`` is open-ended."""

    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} before start {self.start}")

    @property
    def is_open(self) -> bool:
        return self.end is None

    @property
    def last(self) -> date:
        """The last day of a closed range (such as a scenario's period and its
        parts); ValueError for an open-ended one."""
        if self.end is None:
            raise ValueError(f"the open-ended range {self} has no last day")
        return self.end

    @property
    def days(self) -> int:
        """Number of days, both ends included. Only for closed ranges."""
        if self.end is None:
            raise ValueError("an open-ended range has no day count")
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: DateRange) -> bool:
        return self.intersection(other) is not None

    def intersection(self, other: DateRange) -> DateRange | None:
        start = max(self.start, other.start)
        ends = [e for e in (self.end, other.end) if e is not None]
        end = min(ends) if ends else None
        if end is not None and end < start:
            return None
        return DateRange(start, end)

    def iter_days(self) -> Iterator[date]:
        day, end = self.start, self._closed_end()
        while day <= end:
            yield day
            day += ONE_DAY

    def months(self) -> Iterator[Month]:
        """Every month the range touches, in order."""
        month, last = Month.of(self.start), Month.of(self._closed_end())
        while month <= last:
            yield month
            month = month.next()

    def split_by_month(self) -> Iterator[tuple[Month, DateRange]]:
        """The range cut at month boundaries: (month, part of the range in it)."""
        start, end = self.start, self._closed_end()
        while start <= end:
            month = Month(start.year, start.month)
            part_end = min(date(start.year, start.month, month.days), end)
            yield month, DateRange(start, part_end)
            start = part_end + ONE_DAY

    def _closed_end(self) -> date:
        if self.end is None:
            raise ValueError("cannot iterate an open-ended range")
        return self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat() if self.end else ''}"


def intersect_all(*ranges: DateRange | None) -> DateRange | None:
    """Intersection of all ranges; None if any is None or they do not overlap."""
    if not ranges or ranges[0] is None:
        return None
    result = ranges[0]
    for current in ranges[1:]:
        if current is None:
            return None
        overlap = result.intersection(current)
        if overlap is None:
            return None
        result = overlap
    return result


# -- months as first days (what the Django side stores in DateFields) ------------------


def first_of(day: date) -> date:
    """The first day of the month of ``day``."""
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after (or before) the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def last_of(day: date) -> date:
    """The last day of the month of ``day``."""
    return date(day.year, day.month, days_in_month(day.year, day.month))


def parse_month(text: str) -> date:
    """'2025-03' → 2025-03-01; ValueError with a readable message otherwise."""
    try:
        first = Month.parse((text or "").strip()).first
    except ValueError:
        raise ValueError(f"not a month (YYYY-MM): {text!r}") from None
    if not in_platform_range(first):
        raise ValueError(f"month outside {EARLIEST_DATE:%Y}-{LATEST_DATE:%Y}: {text!r}")
    return first
