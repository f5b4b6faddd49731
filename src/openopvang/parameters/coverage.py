"""A change of parameter values must not leave days without a value that had
one: a mid-year value with an end date once left September–December 2025
without a normbedrag and broke every 2025 declaration. Checked for a single
value (services.save_override) and for a whole file (loading.preview)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openopvang.core.formatting import long_date
from openopvang.rules.engine.parameters import ParameterSet


def coverage_errors(before: ParameterSet, after: ParameterSet, names: Iterable[str]) -> list[str]:
    """One message per period a parameter of `names` would lose its value for."""
    language = get_language()
    errors = []
    for name in sorted(set(names)):
        for start, end in before.newly_uncovered(after, name):
            if end is None:
                text = _(
                    "%(name)s would have no value from %(start)s on, where it has one now. "
                    "Leave the end date empty, or add the value that follows first."
                )
            else:
                text = _(
                    "%(name)s would have no value from %(start)s to %(end)s, where it has "
                    "one now. Leave the end date empty, or add the value for that period first."
                )
            errors.append(
                text
                % {
                    "name": name,
                    "start": long_date(start, language),
                    "end": long_date(end, language) if end else "",
                }
            )
    return errors
