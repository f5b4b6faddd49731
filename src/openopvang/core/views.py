"""The error pages (the dashboard is registry/views/dashboard.py)."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def permission_denied(request, exception=None):
    # The reason a predicate gave (core.permissions.require), already translated.
    reason = str(exception) if exception is not None and str(exception) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: whatever broke (the database, a context processor)
    # must not break the error page too.
    return HttpResponseServerError(loader.get_template("500.html").render())
