"""The person page's leefgeld and eigen bijdrage section (registry/panels.py):
computed here, for that household only (selectors.person_allowances), shown by
templates/allowances/_person_amounts.html; and the dashboard's card of open
payment runs."""

from __future__ import annotations

from openopvang.core.permissions import is_finance_of
from openopvang.parameters import missing
from openopvang.registry.panels import register_dashboard_panel, register_person_panel
from openopvang.rules.engine.errors import RulesError

from .models import OPEN_STATUSES, PaymentRun
from .permissions import can_approve_run
from .selectors import person_allowances


@register_person_panel
def allowances_panel(request, person, day, months: int = 3) -> dict:
    user = getattr(request, "user", None)
    try:
        context = person_allowances(user, person, day, months)
    except RulesError as error:
        context = missing.rules_error_context(error, user)
    return {"template": "allowances/_person_amounts.html", "context": context}


@register_dashboard_panel
def payment_runs_panel(request, today) -> dict | None:
    """For finance: the runs still open (a prepared run waits for a second
    finance officer) and whether this month's leefgeld has a run yet."""
    user = request.user
    if not is_finance_of(user, user.organisation):
        return None
    runs = PaymentRun.objects.for_user(user)
    month = today.replace(day=1)
    open_runs = [
        {"run": run, "may_approve": can_approve_run(user, run)}
        for run in runs.filter(status__in=OPEN_STATUSES).select_related("prepared_by")
    ]
    return {
        "template": "allowances/_dashboard_runs.html",
        "context": {
            "open_runs": open_runs,
            "month": month,
            "has_run_this_month": runs.filter(month=month).exists(),
        },
        "order": 10,
    }
