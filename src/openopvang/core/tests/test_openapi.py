"""The committed OpenAPI document matches the code, and the docs work offline."""

import yaml

from openopvang.core.api.openapi import (
    REGENERATE_COMMAND,
    SCHEMA_FILE,
    committed_schema,
    generate_schema,
    render_schema,
)


def test_committed_openapi_document_is_current(db):
    current = render_schema()
    assert committed_schema() == current, (
        f"docs/api/openapi.yaml is stale: run `{REGENERATE_COMMAND}` "
        f"(or `openopvang spectacular --lang en --validate --file {SCHEMA_FILE}`) and commit it."
    )


def test_every_operation_documents_problem_responses(db):
    schema = generate_schema()
    assert {"Problem", "ValidationProblem", "InvalidParam"} <= set(schema["components"]["schemas"])
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "401" in responses, (method, path)
            assert list(responses["401"]["content"]) == ["application/problem+json"]
            if "{" in path:
                assert "404" in responses, (method, path)
            if method in ("post", "put", "patch"):
                assert {"400", "403"} <= set(responses), (method, path)
    assert "409" in schema["paths"]["/persons/{id}/"]["delete"]["responses"]


def test_schema_endpoints_are_public(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Open Opvang API"
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert "/persons/" in yaml.safe_load(response.content)["paths"]


def test_swagger_ui_loads_its_assets_from_our_own_origin(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html


def test_the_docs_address_without_the_slash_leads_to_the_docs(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 301 and response["Location"] == "/api/v1/docs/"
    # A resource without its slash stays a problem that names the right address.
    problem = client.get("/api/v1/persons").json()
    assert problem["status"] == 404 and "/api/v1/persons/" in problem["detail"]
