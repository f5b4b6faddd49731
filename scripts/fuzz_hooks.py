"""Schemathesis hooks for scripts/fuzz-api (loaded through SCHEMATHESIS_HOOKS).

The fuzz learns token ids from `GET /tokens/` and would revoke the very token
it runs with (`POST /tokens/{id}/revoke/`); every answer after that is a 401
and tests nothing. Requests for the tokens named in FUZZ_KEEP_TOKEN_IDS go to
id 0 instead (a 404), so revoking is fuzzed on every other token.
"""

import os

import schemathesis

KEEP = {value for value in os.environ.get("FUZZ_KEEP_TOKEN_IDS", "").split(",") if value}


@schemathesis.hook
def before_call(context, case, kwargs):
    if not case.operation.path.startswith("/tokens/{id}"):
        return
    if case.path_parameters and str(case.path_parameters.get("id")) in KEEP:
        case.path_parameters["id"] = 0
