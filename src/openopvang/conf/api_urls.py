"""/api/v1/: the REST API (NL API Design Rules: plural nouns, JSON,
problem+json errors), its OpenAPI document and browsable docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularJSONAPIView,
    SpectacularSwaggerView,
    SpectacularYAMLAPIView,
)
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from openopvang.accounts.api import schema as _auth_schemes  # noqa: F401 - registers them
from openopvang.accounts.api.viewsets import ApiTokenViewSet
from openopvang.allowances.api.routes import register as register_allowances
from openopvang.core.api.views import api_not_found
from openopvang.declarations.api import viewsets as declarations
from openopvang.parameters.api.viewsets import ParameterViewSet
from openopvang.registry.api import viewsets as registry
from openopvang.support.api.routes import register as register_support

router = DefaultRouter(trailing_slash=True)
router.register("persons", registry.PersonViewSet, basename="person")
router.register("households", registry.HouseholdViewSet, basename="household")
router.register(
    "household-memberships", registry.HouseholdMembershipViewSet, basename="household-membership"
)
router.register("locations", registry.LocationViewSet, basename="location")
router.register("capacity-periods", registry.CapacityPeriodViewSet, basename="capacity-period")
router.register("hosts", registry.HostViewSet, basename="host")
router.register("placements", registry.PlacementViewSet, basename="placement")
router.register("income-periods", registry.IncomePeriodViewSet, basename="income-period")
router.register("provisions", registry.ProvisionViewSet, basename="provision")
router.register("tokens", ApiTokenViewSet, basename="token")
router.register("declarations", declarations.DeclarationViewSet, basename="declaration")
router.register("cost-lines", declarations.CostLineViewSet, basename="cost-line")
router.register("advance-requests", declarations.AdvanceRequestViewSet, basename="advance-request")
router.register("parameters", ParameterViewSet, basename="parameter")
register_support(router)
register_allowances(router)

# The API description is public (it holds no data); the data needs a login or token.
public = {"permission_classes": [AllowAny]}

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(**public), name="api-schema"),
    path("openapi.json", SpectacularJSONAPIView.as_view(**public), name="api-schema-json"),
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(**public), name="api-schema-yaml"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema", **public), name="api-docs"),
    path("", include(router.urls)),
    # Anything else under /api/v1/ is a problem+json 404, not the HTML page.
    re_path(r"^.*$", api_not_found),
]
