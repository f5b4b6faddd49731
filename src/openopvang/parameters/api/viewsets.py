"""/api/v1/parameters/: the effective parameter set, read-only and public.

Public on purpose: the parameters are national amounts, dates and their legal
sources, with no personal data (who entered a value is not part of the
answer), and municipalities and auditors without an account must be able to
check which values and sources a figure used. The same list is the page
/public/parameters/."""

from datetime import date

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from ..models import ParameterOverride
from ..services import current_parameters
from .serializers import ParameterSerializer


class ParameterViewSet(viewsets.ViewSet):
    """Every parameter with its dated values and legal references; `origin`
    says whether a value comes from the file or was entered by an administrator."""

    serializer_class = ParameterSerializer
    permission_classes = [AllowAny]

    @extend_schema(
        summary="List the parameters (rates, dates, counts) with their values (public)",
        parameters=[
            OpenApiParameter(
                "regulation",
                str,
                required=False,
                description="Only the parameters of one regulation file, e.g. booo, rooo.",
            )
        ],
        responses={200: ParameterSerializer(many=True)},
    )
    def list(self, request):
        overrides = set(ParameterOverride.objects.values_list("name", "start"))
        described = current_parameters().describe()
        regulation = request.query_params.get("regulation")
        if regulation:
            described = [d for d in described if d["source"] == f"{regulation}.yaml"]
        for item in described:
            for value in item["values"]:
                key = (item["name"], date.fromisoformat(value["start"]))
                value["origin"] = "database" if key in overrides else "file"
        return Response(ParameterSerializer(described, many=True).data)
