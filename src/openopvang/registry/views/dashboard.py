"""The dashboard: today's registry figures for a municipality's staff. It
lives in the registry (its figures are registry selectors); the URL stays
`/` with the name `core:dashboard` (conf/dashboard_urls.py)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .. import selectors


@login_required
def dashboard(request):
    organisation = request.user.organisation
    context = {"today": timezone.localdate()}
    if organisation is not None and organisation.is_municipality:
        context["figures"] = selectors.dashboard_figures(request.user, today=context["today"])
    return render(request, "registry/dashboard.html", context)
