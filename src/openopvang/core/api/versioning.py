"""The version of the REST API, in one place: the OpenAPI document's
`info.version`, the major version in the base URL (`/api/v1`) and the
`API-Version` header every API response carries (NL API Design Rules API-57)."""

API_VERSION = "1.0.0"
API_MAJOR = API_VERSION.split(".", 1)[0]
API_BASE_PATH = f"/api/v{API_MAJOR}"
API_VERSION_HEADER = "API-Version"
