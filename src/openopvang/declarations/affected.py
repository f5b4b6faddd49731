"""Tells the parameters app which submitted declarations a change of
parameter values touches (parameters.affected): a declaration covers its
calendar year and reads the BooO parameters. The stored declaration keeps its
figures; a correction computed now would use the new values. Municipal
aggregates only: no personal data is read."""

import datetime

from django.utils.translation import gettext as _

from openopvang.parameters.affected import record_for, register_affected_records, relevant, touching

from .models import Declaration

PREFIXES = ("booo.",)


@register_affected_records("declarations")
def affected_declarations(spans):
    spans = relevant(spans, PREFIXES)
    if not spans:
        return []
    first = min(span.start for span in spans).year
    ends = [span.end for span in spans]
    queryset = Declaration.objects.filter(year__gte=first)
    if None not in ends:
        queryset = queryset.filter(year__lte=max(ends).year)
    found = []
    for declaration in queryset.select_related("municipality").order_by(
        "year", "municipality__name", "version"
    ):
        start = datetime.date(declaration.year, 1, 1)
        end = datetime.date(declaration.year, 12, 31)
        touched = touching(spans, start, end)
        if not touched:
            continue
        found.append(
            record_for(
                kind=_("Declaration"),
                label=_("%(municipality)s — %(year)s, version %(version)s")
                % {
                    "municipality": declaration.municipality.name,
                    "year": declaration.year,
                    "version": declaration.version,
                },
                start=start,
                end=end,
                status=_("submitted") if declaration.version == 1 else _("corrected"),
                spans=touched,
                document=declaration.parameters,
                computed_at=declaration.submitted_at,
            )
        )
    return found
