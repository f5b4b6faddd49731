"""/api/v1/parameters/: the effective parameter set, read-only."""

from datetime import date

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from ..models import ParameterOverride
from ..services import current_parameters
from .serializers import ParameterSerializer


class ParameterViewSet(viewsets.ViewSet):
    """Every parameter with its dated values and legal references; `origin`
    says whether a value comes from the file or was entered by an administrator."""

    serializer_class = ParameterSerializer

    @extend_schema(
        summary="List the parameters (rates, dates, counts) with their values",
        responses={200: ParameterSerializer(many=True)},
    )
    def list(self, request):
        overrides = set(ParameterOverride.objects.values_list("name", "start"))
        described = current_parameters().describe()
        for item in described:
            for value in item["values"]:
                key = (item["name"], date.fromisoformat(value["start"]))
                value["origin"] = "database" if key in overrides else "file"
        return Response(ParameterSerializer(described, many=True).data)
