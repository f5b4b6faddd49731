"""The dashboard's cards (registry/panels.py) for declarations: for finance,
the advance deadline of this year and whether last year is declared; for the
national organisation, how many municipalities have submitted."""

from __future__ import annotations

from openopvang.accounts.models import Organisation
from openopvang.core.permissions import is_finance_of
from openopvang.registry.panels import register_dashboard_panel

from . import services
from .models import AdvanceRequest, Declaration
from .permissions import can_see_national


@register_dashboard_panel
def declaration_panel(request, today) -> dict | None:
    user = request.user
    if not is_finance_of(user, user.organisation):
        return None
    last_year = today.year - 1
    return {
        "template": "declarations/_dashboard_finance.html",
        "context": {
            "year": today.year,
            "last_year": last_year,
            "deadline": services.advance_deadline(today.year, today=today),
            "advance": AdvanceRequest.objects.for_user(user).filter(year=today.year).first(),
            "declared": Declaration.objects.for_user(user)
            .filter(year=last_year)
            .order_by("-version")
            .first(),
        },
        "order": 20,
    }


@register_dashboard_panel
def national_panel(request, today) -> dict | None:
    if not can_see_national(request.user):
        return None
    year = today.year - 1
    submitted = Declaration.objects.filter(year=year).values("municipality").distinct().count()
    municipalities = Organisation.objects.municipalities().active(today).count()
    return {
        "template": "declarations/_dashboard_national.html",
        "context": {"year": year, "submitted": submitted, "municipalities": municipalities},
        "order": 10,
    }
