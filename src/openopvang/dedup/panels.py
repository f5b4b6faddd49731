"""The dashboard card (pairs waiting for the municipality's decision) and,
on a person's page, the other municipalities where the person is probably
registered too (registry/panels.py)."""

from __future__ import annotations

from openopvang.core.permissions import organisation_of
from openopvang.registry.panels import register_dashboard_panel, register_person_panel

from . import selectors
from .permissions import can_see_duplicates


@register_dashboard_panel
def duplicates_panel(request, today) -> dict | None:
    if not can_see_duplicates(request.user):
        return None
    waiting = selectors.open_count(request.user)
    if not waiting:
        return None
    return {"template": "dedup/_dashboard.html", "context": {"waiting": waiting}, "order": 30}


@register_person_panel
def person_duplicates_panel(request, person, day) -> dict | None:
    user = getattr(request, "user", None)
    if not can_see_duplicates(user):
        return None
    pairs = selectors.for_person(user, person)
    if not pairs:
        return None
    organisation = organisation_of(user)
    for pair in pairs:
        pair.own, pair.other = pair.own_and_other(organisation)
    return {"template": "dedup/_person.html", "context": {"pairs": pairs}}
