"""The retention periods of the administrator's municipality, with the
national default and the legal basis of each kind of record."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from openopvang.core.permissions import organisation_of, require_municipal_staff

from ..models import RecordKind
from ..permissions import can_manage_privacy
from ..retention import DEFAULTS, periods_for


@login_required
@require_GET
def retention(request):
    require_municipal_staff(request.user)
    municipality = organisation_of(request.user)
    if not can_manage_privacy(request.user, municipality):
        raise PermissionDenied
    periods = periods_for(municipality)
    rows = [
        {
            "kind": RecordKind(kind).label,
            "months": periods[kind],
            "default": rule.months,
            "legal_basis": rule.legal_basis,
            "why": rule.why,
        }
        for kind, rule in DEFAULTS.items()
    ]
    return render(request, "privacy/retention.html", {"rows": rows})
