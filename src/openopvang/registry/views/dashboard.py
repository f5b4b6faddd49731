"""The dashboard: today's registry figures for a municipality's staff. It
lives in the registry (its figures are registry selectors); the URL stays
`/` with the name `core:dashboard` (conf/dashboard_urls.py)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .. import selectors
from ..panels import dashboard_panels


@login_required
def dashboard(request):
    """Every role lands here: the work waiting for this user (cards other
    apps register, registry/panels.py), then a municipality's figures."""
    organisation = request.user.organisation
    context = {"today": timezone.localdate()}
    context["panels"] = dashboard_panels(request, context["today"])
    if organisation is not None and organisation.is_municipality:
        context["figures"] = selectors.dashboard_figures(request.user, today=context["today"])
    return render(request, "registry/dashboard.html", context)
