"""Support for return to the country of origin: what a household can get and
from whom (pure Python, no Django).

Two sources, as dated parameters in ``parameters/return_support.yaml``
(DOMAIN.md §4):

- **IOM reintegration support**, for anyone who returns with IOM: at most
  ``return_support.iom.reintegration_per_adult`` per adult and
  ``…per_minor`` per minor, of which at most ``…cash_per_person`` in cash.
  Adult or minor is the age on the departure day (the planned one, else the
  day asked about); a person without a birth date counts as an adult, the
  smaller amount, so the platform never promises too much.
- **The DT&V remigration scheme** for third-country nationals who held a
  temporary Ukrainian permit, keyed on the day the person registered with
  DT&V: ``return_support.dtv.per_person`` has a value only inside the
  registration windows. Registrations in the first two windows had to depart
  by ``…depart_by``; in the later two within ``…depart_within_months`` of
  registration. A departure after that day loses the contribution.

The amounts are maxima: IOM and DT&V decide. Each line carries a code for why
it applies or not (rendered by the caller in the user's language) and the
parameter's reference.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .errors import MissingParameter
from .parameters import ParameterSet, Reference

IOM = "iom"
DTV = "dtv"

# Why a line applies, or why not.
APPLIES = "applies"
NOT_REGISTERED = "not_registered"  # DT&V: no registration date known
OUTSIDE_WINDOW = "outside_window"  # DT&V: registered on a day no scheme covered
DEPARTED_TOO_LATE = "departed_too_late"  # DT&V: the departure is after the latest day


@dataclass(frozen=True)
class Traveller:
    person_id: str
    birth_date: date | None


@dataclass(frozen=True)
class SupportLine:
    scheme: str  # IOM or DTV
    person_id: str
    minor: bool
    amount: Decimal  # the most the scheme gives this person (0 when it does not apply)
    cash_at_most: Decimal | None  # IOM: the cash part; DT&V: None
    status: str  # APPLIES, NOT_REGISTERED, OUTSIDE_WINDOW or DEPARTED_TOO_LATE
    depart_by: date | None  # DT&V: the latest departure day that keeps the contribution
    reference: Reference | None


@dataclass(frozen=True)
class ReturnSupport:
    lines: tuple[SupportLine, ...]

    def total(self, scheme: str) -> Decimal:
        return sum(
            (
                line.amount
                for line in self.lines
                if line.scheme == scheme and line.status == APPLIES
            ),
            Decimal("0.00"),
        )


def age_on(birth_date: date, day: date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _dtv_depart_by(params: ParameterSet, registered_on: date) -> date:
    try:
        return params.value("return_support.dtv.depart_by", registered_on).day
    except MissingParameter:
        months = params.value("return_support.dtv.depart_within_months", registered_on).count
        return add_months(registered_on, months)


def return_support(
    travellers: list[Traveller],
    *,
    on: date,
    params: ParameterSet,
    dtv_registered_on: date | None = None,
    departure_on: date | None = None,
) -> ReturnSupport:
    """What each traveller can get from IOM and from DT&V for a departure on
    `departure_on` (not yet planned: as if on `on`)."""
    day = departure_on or on
    adult_age = params.value("return_support.iom.adult_from_age", day).count
    adult = params.value("return_support.iom.reintegration_per_adult", day)
    minor = params.value("return_support.iom.reintegration_per_minor", day)
    cash = params.value("return_support.iom.cash_per_person", day).amount
    lines: list[SupportLine] = []
    for traveller in travellers:
        is_minor = (
            traveller.birth_date is not None and age_on(traveller.birth_date, day) < adult_age
        )
        iom = minor if is_minor else adult
        lines.append(
            SupportLine(
                IOM,
                traveller.person_id,
                is_minor,
                iom.amount,
                min(cash, iom.amount),
                APPLIES,
                None,
                iom.reference,
            )
        )
        lines.append(_dtv_line(params, traveller, is_minor, dtv_registered_on, departure_on))
    return ReturnSupport(tuple(lines))


def _dtv_line(params, traveller, is_minor, registered_on, departure_on) -> SupportLine:
    def line(status, amount=Decimal("0.00"), depart_by=None, reference=None):
        return SupportLine(
            DTV, traveller.person_id, is_minor, amount, None, status, depart_by, reference
        )

    if registered_on is None:
        return line(NOT_REGISTERED)
    try:
        value = params.value("return_support.dtv.per_person", registered_on)
    except MissingParameter:
        return line(OUTSIDE_WINDOW)
    depart_by = _dtv_depart_by(params, registered_on)
    if departure_on is not None and departure_on > depart_by:
        return line(DEPARTED_TOO_LATE, depart_by=depart_by, reference=value.reference)
    return line(APPLIES, value.amount, depart_by, value.reference)
