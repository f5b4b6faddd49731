"""Which years a declaration can be about: from the year the grant became
spendable (parameter ``booo.grant.spendable_from``, 1 March 2022) up to next
year. One answer for the pages, forms, API, models and services."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from openopvang.rules.engine import law
from openopvang.rules.engine.parameters import ParameterSet


def _params(params: ParameterSet | None) -> ParameterSet:
    if params is not None:
        return params
    from openopvang.parameters.services import current_parameters

    return current_parameters()


def grant_start(params: ParameterSet | None = None) -> datetime.date:
    """The first day of the grant with the effective parameters (file values
    and administrators' values)."""
    return law.grant_start(_params(params))


def valid_years(today: datetime.date | None = None, params: ParameterSet | None = None) -> range:
    """The years a declaration can be made for: the grant's first year up to
    and including next year."""
    today = today or timezone.localdate()
    return range(grant_start(params).year, today.year + 2)


def is_valid_year(year, today: datetime.date | None = None) -> bool:
    return isinstance(year, int) and year in valid_years(today)


def year_period(
    year: int, params: ParameterSet | None = None
) -> tuple[datetime.date, datetime.date]:
    """The calendar year, inclusive; the first year starts on the day the
    grant became spendable (no rate exists before it)."""
    return max(datetime.date(year, 1, 1), grant_start(params)), datetime.date(year, 12, 31)


def invalid_year_message(today: datetime.date | None = None) -> str:
    years = valid_years(today)
    return _("Choose a year from %(first)s to %(last)s.") % {
        "first": years[0],
        "last": years[-1],
    }


def validate_year(value) -> None:
    """Model-field validator: the same years as everywhere else."""
    if not is_valid_year(value):
        raise ValidationError(invalid_year_message(), code="invalid_year")
