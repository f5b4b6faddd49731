"""/api/v1/declarations/, /api/v1/cost-lines/, /api/v1/advance-requests/.
Thin: reads scoped by `Model.objects.for_user`, changes through
declarations.services (finance role, audited)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from openopvang.core.api.viewsets import ScopedModelViewSet
from openopvang.core.documents import CSV, PDF, XLSX, file_response
from openopvang.core.permissions import is_finance_of
from openopvang.parameters.api import problems
from openopvang.rules.engine.errors import RulesError

from .. import documents, selectors, services
from ..figures import DeclarationData, compute
from ..models import AdvanceRequest, CostLine, Declaration
from ..years import invalid_year_message, is_valid_year
from . import serializers
from .permissions import FinanceWrites


class CannotCompute(problems.CannotCompute):
    """422: the rules cannot compute it, e.g. no parameter value is known for
    a day that needs one (parameters.api.problems renders that one)."""

    default_detail = _("The declaration cannot be computed.")


def cannot_compute(error: RulesError, request=None) -> CannotCompute:
    return problems.cannot_compute(error, request, problem_class=CannotCompute)


def _year(request) -> int:
    value = request.query_params.get("year", "")
    if not value.isdigit() or not is_valid_year(int(value)):
        raise exceptions.ValidationError({"year": [invalid_year_message()]})
    return int(value)


@extend_schema_view(
    list=extend_schema(summary="List submitted declaration versions of your municipality"),
    retrieve=extend_schema(
        summary="Read a submitted version with its lines, scenario and parameter values (frozen)"
    ),
)
class DeclarationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    isolation_model = Declaration
    permission_classes = [FinanceWrites]
    read_permission = write_permission = is_finance_of
    filterset_fields = ["year"]
    ordering_fields = ["year", "version", "submitted_at"]
    ordering = ["-year", "-version"]

    def get_queryset(self):
        return selectors.declarations(self.request.user)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.DeclarationDetailSerializer
        return serializers.DeclarationSerializer

    @extend_schema(
        summary="Compute the live draft for a year (not stored)",
        parameters=[OpenApiParameter("year", int, required=True)],
        responses={200: serializers.DeclarationDataSerializer},
    )
    @action(detail=False, methods=["get"])
    def compute(self, request):
        municipality = selectors.own_municipality(request.user)
        try:
            data = compute(municipality, _year(request))
        except RulesError as error:
            raise cannot_compute(error, request) from error
        return Response(serializers.data_payload(data))

    def _store(self, request, serializer_class, service, **extra):
        municipality = selectors.own_municipality(request.user)
        form = serializer_class(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            declaration = service(
                request.user, municipality, **form.validated_data, request=request
            )
        except RulesError as error:
            raise cannot_compute(error, request) from error
        data = serializers.DeclarationDetailSerializer(
            declaration, context={"request": request}
        ).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Submit the declaration for a year (version 1, frozen)",
        request=serializers.SubmitSerializer,
        responses={201: serializers.DeclarationDetailSerializer},
    )
    @action(detail=False, methods=["post"])
    def submit(self, request):
        return self._store(request, serializers.SubmitSerializer, services.submit)

    @extend_schema(
        summary="Submit a correction: a new version with its reason",
        request=serializers.CorrectSerializer,
        responses={201: serializers.DeclarationDetailSerializer},
    )
    @action(detail=False, methods=["post"])
    def correct(self, request):
        return self._store(request, serializers.CorrectSerializer, services.correct)

    def _export(self, request, fmt: str):
        declaration = self.get_object()
        data = DeclarationData.from_declaration(declaration)
        municipality = declaration.municipality
        if fmt == "xlsx":
            body, content_type = documents.to_xlsx(data, municipality), XLSX
        elif fmt == "pdf":
            body, content_type = documents.to_pdf(data, municipality), PDF
        else:
            body, content_type = documents.to_csv(data), CSV
        services.record_export(
            request.user,
            municipality,
            declaration.year,
            fmt,
            declaration=declaration,
            request=request,
        )
        return file_response(
            body, content_type=content_type, filename=documents.filename(data, municipality, fmt)
        )

    @extend_schema(
        summary="The version as XLSX (summary sheet plus one sheet per component)",
        responses={
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): OpenApiTypes.BINARY
        },
    )
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None):
        return self._export(request, "xlsx")

    @extend_schema(
        summary="The version as an A4 PDF report",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        return self._export(request, "pdf")

    @extend_schema(
        summary="The version's lines as CSV", responses={(200, "text/csv"): OpenApiTypes.STR}
    )
    @action(detail=True, methods=["get"])
    def csv(self, request, pk=None):
        return self._export(request, "csv")


@extend_schema_view(
    list=extend_schema(summary="List cost lines of your municipality (filter ?year=)"),
    create=extend_schema(summary="Add a cost line (finance officers)"),
)
class CostLineViewSet(ScopedModelViewSet):
    model = CostLine
    serializer_class = serializers.CostLineSerializer
    permission_classes = [FinanceWrites]
    read_permission = write_permission = is_finance_of
    filterset_fields = ["year", "category"]
    ordering_fields = ["year", "category", "month", "amount"]
    ordering = ["year", "category", "id"]

    def scoped_queryset(self, queryset):
        return queryset.select_related("location")

    def save_instance(self, instance):
        return services.save_cost_line(self.request.user, instance, request=self.request)

    def delete_instance(self, instance):
        services.delete_cost_line(self.request.user, instance, request=self.request)


@extend_schema_view(
    list=extend_schema(summary="List advance requests of your municipality"),
    create=extend_schema(summary="Request the advance (voorschot, BooO art. 5) for a year"),
)
class AdvanceRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = serializers.AdvanceRequestSerializer
    permission_classes = [FinanceWrites]
    read_permission = write_permission = is_finance_of
    filterset_fields = ["year"]
    ordering = ["-year"]

    def get_queryset(self):
        return selectors.advance_requests(self.request.user)

    def perform_create(self, serializer):
        municipality = selectors.own_municipality(self.request.user)
        advance = AdvanceRequest(municipality=municipality, **serializer.validated_data)
        try:
            advance.estimate = compute(municipality, advance.year).total
        except RulesError:
            advance.estimate = None
        services.request_advance(self.request.user, advance, request=self.request)
        serializer.instance = advance


__all__ = ["AdvanceRequestViewSet", "CostLineViewSet", "Declaration", "DeclarationViewSet"]
