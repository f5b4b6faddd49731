"""Tells the parameters app which payment runs a change of parameter values
touches (parameters.affected): a run covers the days from its first
recomputed month to the end of its month and reads the RooO and eigen
bijdrage parameters. A stored run keeps its figures (an approved run is
frozen); a draft recomputed now, or a later run's corrections, would use the
new values. Municipal totals only: no personal data is read."""

import calendar
import datetime

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openopvang.core.formatting import month as month_label
from openopvang.parameters.affected import record_for, register_affected_records, relevant, touching

from .models import PaymentRun

PREFIXES = ("rooo.", "eigen_bijdrage.")


def _month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@register_affected_records("allowances")
def affected_runs(spans):
    spans = relevant(spans, PREFIXES)
    if not spans:
        return []
    first = min(span.start for span in spans).replace(day=1)
    found = []
    queryset = PaymentRun.objects.filter(month__gte=first).select_related("municipality")
    for run in queryset.order_by("month", "municipality__name"):
        start = min(run.recompute_from or run.month, run.month)
        end = _month_end(run.month)
        touched = touching(spans, start, end)
        if not touched:
            continue
        found.append(
            record_for(
                kind=_("Payment run"),
                label=_("%(municipality)s — %(month)s")
                % {
                    "municipality": run.municipality.name,
                    "month": month_label(run.month, get_language()),
                },
                start=start,
                end=end,
                status=run.get_status_display(),
                spans=touched,
                document=run.parameters,
                computed_at=run.computed_at,
            )
        )
    return found
