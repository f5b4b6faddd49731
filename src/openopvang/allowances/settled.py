"""The registry asks, before an edit of a placement or an income period, which
of the changed months have been paid (registry/settled.py): the months in
which an approved run paid this person."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openopvang.core.formatting import month as month_label
from openopvang.registry.settled import register_settled_check
from openopvang.rules.engine.dates import first_of

from .models import PaymentLine, RunStatus


@register_settled_check
def paid_months(person, start, end, record_kind) -> list[str]:
    months = sorted(
        set(
            PaymentLine.objects.filter(
                person=person,
                run__status=RunStatus.APPROVED,
                month__gte=first_of(start),
                month__lte=end,
            ).values_list("month", flat=True)
        )
    )
    if not months:
        return []
    language = get_language()
    return [
        _("The leefgeld of %(months)s has already been paid; the next payment run corrects it.")
        % {"months": ", ".join(month_label(m, language) for m in months)}
    ]
