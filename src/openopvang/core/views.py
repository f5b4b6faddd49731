"""The error pages (the dashboard is registry/views/dashboard.py)."""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _

from .api.problems import NON_FIELD_NAME
from .languages import language_for

PROBLEM = "application/problem+json"


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def _problem(request, status: int, code: str, title: str) -> JsonResponse:
    """An error outside the API views (a bad request refused by a middleware,
    an unknown address under /api/) in the API's own shape (RFC 9457), with
    the members the OpenAPI file promises for that status: every problem
    names its `instance`, and a 400 says in `invalidParams` what is wrong (the
    request as a whole, as for a body that cannot be read)."""
    problem = {
        "type": f"https://openopvang.nl/problems/{code}",
        "title": title,
        "status": status,
        "detail": title,
        "code": code,
        "instance": request.get_full_path(),
    }
    if status == 400:
        problem["invalidParams"] = [{"name": NON_FIELD_NAME, "code": code, "reason": title}]
    return JsonResponse(problem, status=status, content_type=PROBLEM)


def bad_request(request, exception=None):
    """A request the platform cannot read (a NUL byte, a malformed value):
    problem+json on the API, the platform's own page elsewhere, in the
    reader's language, rendered without a request context like the 500 page."""
    # Refused before the language middleware ran (RefuseNulMiddleware): chosen here.
    try:
        language = language_for(request)
    except Exception:  # the request is what was wrong: fall back, never fail again
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        if _is_api(request):
            return _problem(request, 400, "bad_request", _("The request cannot be read."))
        return HttpResponseBadRequest(loader.get_template("400.html").render())


def permission_denied(request, exception=None):
    # The reason a predicate gave (core.permissions.require), already translated.
    reason = str(exception) if exception is not None and str(exception) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    if _is_api(request):
        return _problem(request, 404, "not_found", _("Not found."))
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: whatever broke (the database, a context processor)
    # must not break the error page too.
    return HttpResponseServerError(loader.get_template("500.html").render())
