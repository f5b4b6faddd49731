"""The dashboard and the error pages."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone

from openopvang.registry import selectors as registry_selectors


@login_required
def dashboard(request):
    organisation = request.user.organisation
    context = {"today": timezone.localdate()}
    if organisation is not None and organisation.is_municipality:
        context["figures"] = registry_selectors.dashboard_figures(
            request.user, today=context["today"]
        )
    return render(request, "core/dashboard.html", context)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: whatever broke (the database, a context processor)
    # must not break the error page too.
    return HttpResponseServerError(loader.get_template("500.html").render())
