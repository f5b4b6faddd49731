"""The dashboard's casework card (registry/panels.py): overdue and due-soon
deadlines and the user's open cases; and, on a person's page, the person's
open case with its situation."""

from __future__ import annotations

from openopvang.registry.panels import register_dashboard_panel, register_person_panel

from . import selectors
from .permissions import can_work_cases


@register_dashboard_panel
def casework_panel(request, today) -> dict | None:
    user = request.user
    if not can_work_cases(user, user.organisation):
        return None
    return {
        "template": "casework/_dashboard.html",
        "context": selectors.deadline_counts(user, today),
        "order": 20,
    }


@register_person_panel
def person_case_panel(request, person, day) -> dict | None:
    user = getattr(request, "user", None)
    if not can_work_cases(user, getattr(user, "organisation", None)):
        return None
    case = selectors.open_case_of(user, person)
    if case is None and not person.is_third_country_national:
        return None
    current = selectors.current_situation(user, case) if case else None
    return {
        "template": "casework/_person_case.html",
        "context": {"case": case, "current": current, "person": person},
    }
