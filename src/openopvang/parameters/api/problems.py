"""The API answer for a parameter without a value for a day: 422 problem+json
with code ``missing_parameter``, the parameter and days as fields and the
explanation of parameters/missing.py in the request's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status

from openopvang.rules.engine.errors import MissingParameter, RulesError

from ..missing import missing_parameter


class CannotCompute(exceptions.APIException):
    """422: the request is fine but the rules cannot compute it."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _("The amounts cannot be computed.")
    default_code = "cannot_compute"

    def __init__(self, detail=None, code=None, fields: dict | None = None):
        super().__init__(detail, code)
        # Merged into the problem document by core.api.problems.
        self.problem_fields = fields or {}


def cannot_compute(
    error: RulesError, request=None, *, problem_class: type[CannotCompute] = CannotCompute
) -> CannotCompute:
    """``error`` as a 422 problem; a missing parameter names the parameter,
    the first day without a value, the day needed and the last known source."""
    if not isinstance(error, MissingParameter):
        return problem_class(str(error), code="cannot_compute")
    context = missing_parameter(error, getattr(request, "user", None))
    reference = context["reference"]
    fields = {
        "parameter": context["name"],
        "parameterDescription": context["description"],
        "day": context["day"].isoformat(),
        "firstDayWithoutValue": context["gap_start"].isoformat(),
        "lastKnownSource": reference.to_dict() if reference is not None else None,
    }
    if context["add_url"]:
        fields["addValueUrl"] = context["add_url"]
    return problem_class(context["message"], code="missing_parameter", fields=fields)
