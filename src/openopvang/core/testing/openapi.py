"""Check an API response against docs/api/openapi.yaml the way the fuzz stage
does (scripts/fuzz-api: schemathesis, `response_schema_conformance`), so a
schema mismatch it found stays found as a regular test."""

from functools import cache

import requests
import schemathesis
from schemathesis.core.transport import Response

from openopvang.core.api.openapi import SCHEMA_FILE


@cache
def _schema():
    return schemathesis.openapi.from_path(str(SCHEMA_FILE))


def assert_matches_openapi(response, path: str, method: str = "GET") -> None:
    """Raise (with schemathesis's explanation) unless `response`, a test-client
    response, matches the OpenAPI file for the operation `method path`.
    `path` is as in the file, without /api/v1: "/payment-runs/{id}/"."""
    request = requests.Request(method=method, url="http://testserver/api/v1" + path).prepare()
    converted = Response(
        status_code=response.status_code,
        headers={name.lower(): [value] for name, value in response.items()},
        content=response.content,
        request=request,
        elapsed=0.0,
        verify=False,
    )
    _schema()[path][method.upper()].validate_response(converted)
