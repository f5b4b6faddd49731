"""OpenAPI documentation of the error responses every endpoint can give, as
problem details (application/problem+json, RFC 9457), so integrators see them
without each viewset repeating them."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from openopvang.core.models import Versioned

from .problems import PROBLEM_CONTENT_TYPE
from .versioning import API_VERSION, API_VERSION_HEADER

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class ProblemSerializer(serializers.Serializer):
    type = serializers.URLField(help_text="A URI identifying the kind of problem.")
    title = serializers.CharField(help_text="A short summary of the kind of problem.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="What went wrong in this request.")
    instance = serializers.CharField(help_text="The path of the request.")
    code = serializers.CharField(help_text="A machine-readable error code.")


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField(
        help_text="The field, e.g. `start_date`, or `nonFieldErrors` for the record as a whole.",
    )
    code = serializers.CharField(help_text="A machine-readable error code.")
    reason = serializers.CharField(help_text="A message a person can act on.")


class ValidationProblemSerializer(serializers.Serializer):
    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    instance = serializers.CharField()
    code = serializers.CharField()
    invalidParams = InvalidParamSerializer(many=True)  # noqa: N815 - NL API Design Rules name


IF_MATCH_ACTIONS = {"update", "partial_update", "destroy"}
ETAG_ACTIONS = {"retrieve", "create", "update", "partial_update"}

IF_MATCH_DESCRIPTION = (
    'The ETag of the record as you read it (GET), e.g. `"3"`. The change is made only '
    "if nobody changed the record since; otherwise 412 and nothing is stored. Send it "
    "with every change: without it, a change someone else stored between your read and "
    "your write is overwritten."
)
ETAG_DESCRIPTION = (
    "The version of the record, to send back in `If-Match` with a change (optimistic concurrency)."
)


class ProblemAutoSchema(AutoSchema):
    """Adds 400/401/403/404/409/412 problem responses to every operation:
    400 for writes and filtered lists, 403 for writes, 404 for routes with an
    id, 409 for deletes of records other records may refer to (views that set
    `delete_conflicts = True`), 412 for changes of versioned records, whose
    operations also document `If-Match` and the `ETag` response header
    (docs/decisions/0014)."""

    def _versioned(self) -> bool:
        model = getattr(self.view, "model", None)
        return isinstance(model, type) and issubclass(model, Versioned)

    def _action(self) -> str | None:
        return getattr(self.view, "action", None)

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if not self._versioned():
            return parameters
        if self._action() in IF_MATCH_ACTIONS:
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    required=False,
                    description=IF_MATCH_DESCRIPTION,
                )
            )
        if self._action() in ETAG_ACTIONS:
            parameters.append(
                OpenApiParameter(
                    "ETag",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description=ETAG_DESCRIPTION,
                    response=["200", "201"],
                )
            )
        return parameters

    def _problem(self, code: str, serializer, description: str) -> dict:
        response = self._get_response_for_code(serializer, code, [PROBLEM_CONTENT_TYPE])
        response["description"] = description
        return response

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        method = self.method.upper()
        has_id = "{" in self.path
        extra = {}
        if method in UNSAFE_METHODS - {"DELETE"} or (method == "GET" and not has_id):
            extra["400"] = (
                ValidationProblemSerializer,
                "Invalid input; `invalidParams` names each field and what is wrong with it.",
            )
        extra["401"] = (
            ProblemSerializer,
            "Not logged in, or the token is invalid, expired or revoked.",
        )
        if method in UNSAFE_METHODS:
            extra["403"] = (ProblemSerializer, "Your role may not make this change.")
        if has_id:
            extra["404"] = (ProblemSerializer, "No such record in your organisation.")
        if method == "DELETE" and getattr(self.view, "delete_conflicts", False):
            extra["409"] = (ProblemSerializer, "Other records still refer to this record.")
        if self._versioned() and self._action() in IF_MATCH_ACTIONS:
            extra["412"] = (
                ProblemSerializer,
                "Someone else changed the record since the version in `If-Match` (or while "
                "this request ran): nothing was stored. Read it again and repeat the change.",
            )
        for code, (serializer, description) in extra.items():
            responses.setdefault(code, self._problem(code, serializer, description))
        return responses


# Integer bounds that only say which database produced the schema (SQLite
# reports 64-bit ranges for every integer field, PostgreSQL its column types).
_DATABASE_BOUNDS = {
    32767,
    2147483647,
    9223372036854775807,
    -32768,
    -2147483648,
    -9223372036854775808,
}


def drop_database_integer_bounds(result, generator, request, public):
    """Postprocessing hook: the committed openapi.yaml must not depend on the
    database it was generated against."""

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "integer":
                for key in ("maximum", "minimum"):
                    if node.get(key) in _DATABASE_BOUNDS:
                        del node[key]
                if node.get("format") == "int64":
                    del node["format"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result


def document_api_version_header(result, generator, request, public):
    """Postprocessing hook: every response of every operation documents the
    `API-Version` header that ApiVersionMiddleware sends (API-57)."""
    result.setdefault("components", {}).setdefault("headers", {})[API_VERSION_HEADER] = {
        "description": "The version of the API that answered, e.g. `1.0.0`.",
        "schema": {"type": "string", "example": API_VERSION},
    }
    reference = {"$ref": f"#/components/headers/{API_VERSION_HEADER}"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            for response in operation.get("responses", {}).values():
                response.setdefault("headers", {})[API_VERSION_HEADER] = dict(reference)
    return result
