"""Errors as RFC 9457 problem details (`application/problem+json`), as the
NL API Design Rules ask."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.exceptions import ErrorDetail
from rest_framework.response import Response
from rest_framework.views import exception_handler

from openopvang.core.services import is_stale

PROBLEM_CONTENT_TYPE = "application/problem+json"
NON_FIELD_NAME = "nonFieldErrors"


class Conflict(exceptions.APIException):
    """409: the request is valid but clashes with the current state, e.g.
    deleting a record that other records still refer to."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The request conflicts with the current state of the resource.")
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    """412: the record changed since the version the client based its change
    on (If-Match, docs/decisions/0014): nothing was stored."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "The record has been changed by someone else since the version you sent in "
        "If-Match. Read it again (GET, which gives the current ETag) and repeat your change."
    )
    default_code = "stale"


def _flatten(detail, prefix=""):
    """DRF error detail → [{"name": "field.sub", "code": ..., "reason": ...}]."""
    if isinstance(detail, dict):
        items = []
        for key, value in detail.items():
            name = key if not prefix else f"{prefix}.{key}"
            items.extend(_flatten(value, name))
        return items
    if isinstance(detail, list):
        items = []
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                items.extend(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
            else:
                items.extend(_flatten(value, prefix))
        return items
    if prefix in ("", NON_FIELD_ERRORS, "non_field_errors"):
        prefix = NON_FIELD_NAME
    return [{"name": prefix, "code": getattr(detail, "code", "invalid"), "reason": str(detail)}]


def _django_detail(error: DjangoValidationError) -> dict:
    """A Django ValidationError as DRF error details, keeping each message's code."""

    def details(errors):
        return [
            ErrorDetail(message, code=item.code or "invalid")
            for item in errors
            for message in item.messages
        ]

    if hasattr(error, "error_dict"):
        return {field: details(errors) for field, errors in error.error_dict.items()}
    return {NON_FIELD_NAME: details(error.error_list)}


def problem_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError) and is_stale(exc):
        # Someone else stored a change while this request ran (core.services.StaleRecord).
        exc = PreconditionFailed()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_detail(exc))
    elif isinstance(exc, ProtectedError):
        exc = Conflict(_("This record is still used by other records and cannot be deleted."))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    problem = {
        "type": f"https://openopvang.nl/problems/{getattr(exc, 'default_code', 'error')}",
        "title": str(getattr(exc, "default_detail", "Error")),
        "status": response.status_code,
        "instance": request.get_full_path() if request is not None else None,
    }
    if isinstance(exc, exceptions.ValidationError):
        problem["title"] = "The request contains invalid data."
        problem["invalidParams"] = _flatten(exc.detail)
        problem["code"] = "invalid"
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else None
        problem["detail"] = str(detail) if detail is not None else problem["title"]
        problem["code"] = getattr(detail, "code", getattr(exc, "default_code", "error"))
    if isinstance(exc, exceptions.ParseError):
        # Every 400 names what is wrong in `invalidParams` (the OpenAPI file's
        # ValidationProblem): for a body that cannot be read, that is the body.
        problem["invalidParams"] = [
            {"name": NON_FIELD_NAME, "code": problem["code"], "reason": problem["detail"]}
        ]
    # Extra members of a problem type (RFC 9457 §3.2), e.g. the parameter of
    # a missing_parameter problem.
    problem.update(getattr(exc, "problem_fields", None) or {})
    return Response(
        problem,
        status=response.status_code,
        headers=dict(response.items()),
        content_type=PROBLEM_CONTENT_TYPE,
    )


def problem_response(status_code: int, title: str, detail: str = "") -> Response:
    return Response(
        {"type": "about:blank", "title": title, "status": status_code, "detail": detail or title},
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
    )


__all__ = [
    "Conflict",
    "PreconditionFailed",
    "problem_exception_handler",
    "problem_response",
    "PROBLEM_CONTENT_TYPE",
    "status",
]
