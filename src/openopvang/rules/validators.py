"""The platform's date range as a Django validator (the range itself is
`rules.engine.dates.EARLIEST_DATE` / `LATEST_DATE`, docs/decisions/0018). In
the rules app because every layer may use it, the audit log's filters too."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .engine.dates import EARLIEST_DATE, LATEST_DATE, in_platform_range


def validate_platform_date(value) -> None:
    """A date (or the day of a datetime) within the platform's range."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not in_platform_range(day):
        raise ValidationError(
            _("Choose a date from %(first)s to %(last)s."),
            code="date_out_of_range",
            params={"first": EARLIEST_DATE.year, "last": LATEST_DATE.year},
        )
