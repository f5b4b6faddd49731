"""The registry asks, before an edit of a placement, which years of it have a
submitted BooO declaration (registry/settled.py). A placement counts in the
declaration (POO person-months); an income period does not."""

from __future__ import annotations

from django.utils.translation import gettext as _

from openopvang.registry.settled import register_settled_check

from .models import Declaration


@register_settled_check
def declared_years(person, start, end, record_kind) -> list[str]:
    if record_kind != "placement":
        return []
    years = sorted(
        set(
            Declaration.objects.filter(
                municipality_id=person.municipality_id,
                year__gte=start.year,
                year__lte=end.year,
            ).values_list("year", flat=True)
        )
    )
    return [
        _(
            "The BooO declaration for %(year)s has been submitted; a change is declared "
            "through a correction."
        )
        % {"year": year}
        for year in years
    ]
