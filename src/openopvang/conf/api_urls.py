"""/api/v1/: the REST API (NL API Design Rules: plural nouns, JSON,
problem+json errors), its OpenAPI document and browsable docs."""

from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularJSONAPIView,
    SpectacularSwaggerView,
    SpectacularYAMLAPIView,
)
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from openopvang.accounts.api import routes as accounts
from openopvang.allowances.api import routes as allowances
from openopvang.casework.api import routes as casework
from openopvang.core.api.views import api_not_found
from openopvang.declarations.api import routes as declarations
from openopvang.dedup.api import routes as dedup
from openopvang.help.api import routes as help_api
from openopvang.imports.api import routes as imports
from openopvang.letters.api import routes as letters
from openopvang.parameters.api import routes as parameters
from openopvang.registry.api import routes as registry
from openopvang.reports.api import routes as reports
from openopvang.support.api import routes as support

# Each app registers its resources (plural nouns) in its api/routes.py; the
# order here is the order of the OpenAPI document.
router = DefaultRouter(trailing_slash=True)
for app in (
    registry,
    accounts,
    declarations,
    parameters,
    support,
    allowances,
    casework,
    reports,
    letters,
    imports,
    dedup,
    help_api,
):
    app.register(router)

# The API description is public (it holds no data); the data needs a login or token.
public = {"permission_classes": [AllowAny]}

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(**public), name="api-schema"),
    path("openapi.json", SpectacularJSONAPIView.as_view(**public), name="api-schema-json"),
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(**public), name="api-schema-yaml"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema", **public), name="api-docs"),
    # The docs are a page for people, who type the address without the slash;
    # resources keep answering a problem (clients should use the exact path).
    path("docs", RedirectView.as_view(pattern_name="api-docs", permanent=True)),
    path("", include(router.urls)),
    # Anything else under /api/v1/ is a problem+json 404, not the HTML page.
    re_path(r"^.*$", api_not_found),
]
