"""The retention periods of the administrator's municipality, with the
national default and the legal basis of each kind of record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from openopvang.core.mixins import add_validation_error
from openopvang.core.permissions import organisation_of, require_municipal_staff

from .. import services
from ..forms import RetentionForm
from ..models import RecordKind
from ..permissions import can_manage_privacy
from ..retention import DEFAULTS, periods_for


@login_required
@require_http_methods(["GET", "POST"])
def retention(request):
    require_municipal_staff(request.user)
    municipality = organisation_of(request.user)
    if not can_manage_privacy(request.user, municipality):
        raise PermissionDenied
    periods = periods_for(municipality)
    form = RetentionForm(request.POST or None, periods=periods)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.set_retention(
                    request.user, municipality, form.cleaned_data, request=request
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The retention periods have been saved."))
                return redirect("privacy:retention")
        status = 400
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
    return render(request, "privacy/retention.html", {"rows": rows, "form": form}, status=status)
