from django.http import JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from .problems import PROBLEM_CONTENT_TYPE


def api_not_found(request, *args, **kwargs):
    """Unknown paths under /api/v1/ answer in problem+json, like the rest of the API."""
    detail = _("There is no API endpoint at this address.")
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not api_not_found:
            detail = _("There is no API endpoint at this address; did you mean %(path)s?") % {
                "path": request.path + "/"
            }
    return JsonResponse(
        {
            "type": "https://openopvang.nl/problems/not_found",
            "title": _("Not found."),
            "status": 404,
            "detail": detail,
            "instance": request.get_full_path(),
            "code": "not_found",
        },
        status=404,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
