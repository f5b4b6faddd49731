"""The person page's leefgeld and eigen bijdrage section (registry/panels.py):
computed here, for that household only (selectors.person_allowances), shown by
templates/allowances/_person_amounts.html."""

from __future__ import annotations

from openopvang.parameters import missing
from openopvang.registry.panels import register_person_panel
from openopvang.rules.engine.errors import RulesError

from .selectors import person_allowances


@register_person_panel
def allowances_panel(request, person, day, months: int = 3) -> dict:
    user = getattr(request, "user", None)
    try:
        context = person_allowances(user, person, day, months)
    except RulesError as error:
        context = missing.rules_error_context(error, user)
    return {"template": "allowances/_person_amounts.html", "context": context}
