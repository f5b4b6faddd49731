"""The committed OpenAPI document (docs/api/openapi.yaml): generated from the
code, in English, exactly as `openopvang spectacular --lang en` writes it."""

from pathlib import Path

from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.validation import validate_schema

# src/openopvang/core/api/openapi.py → the repository root.
SCHEMA_FILE = Path(__file__).resolve().parents[4] / "docs" / "api" / "openapi.yaml"
REGENERATE_COMMAND = "openopvang check_openapi --write"


def generate_schema() -> dict:
    with translation.override("en"):
        return SchemaGenerator().get_schema(request=None, public=True)


def render_schema(*, validate: bool = True) -> bytes:
    schema = generate_schema()
    if validate:
        validate_schema(schema)
    return OpenApiYamlRenderer().render(schema, renderer_context={})


def committed_schema(path: Path = SCHEMA_FILE) -> bytes | None:
    return path.read_bytes() if path.exists() else None
