"""/api/v1/payment-runs/, /api/v1/allowance-policies/, /api/v1/eigen-bijdrage/,
/api/v1/eigen-bijdrage-reductions/. Reads scoped by `Model.objects.for_user`;
changes through allowances.services (finance role, audited, four eyes)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from openopvang.core.api.viewsets import ScopedModelViewSet
from openopvang.core.documents import PDF, XLSX, file_response
from openopvang.core.permissions import is_finance_of
from openopvang.parameters.api import problems
from openopvang.rules.engine.dates import parse_month
from openopvang.rules.engine.errors import RulesError

from .. import documents, selectors, services
from ..collection import collection_list
from ..models import EigenBijdrageReduction, MunicipalPolicy, PaymentRun
from . import serializers


class CannotCompute(problems.CannotCompute):
    """422: the rules cannot compute it, e.g. no parameter value is known for
    a day that needs one (parameters.api.problems renders that one)."""

    default_detail = _("The amounts cannot be computed.")


def cannot_compute(error: RulesError, request=None) -> CannotCompute:
    return problems.cannot_compute(error, request, problem_class=CannotCompute)


class NotFoundBeforeRefusal:
    """On a route about one record, an id the caller cannot see answers 404
    before any refusal for the caller's role (403), as if it did not exist: the
    answer never tells whether another municipality has the record."""

    def check_permissions(self, request):
        lookup = self.lookup_url_kwarg or self.lookup_field
        user = getattr(request, "user", None)
        if (
            lookup in self.kwargs
            and request.method not in SAFE_METHODS
            and getattr(user, "is_authenticated", False)
        ):
            value = str(self.kwargs[lookup])
            if not value.isdigit() or not self.get_queryset().filter(pk=value).exists():
                raise Http404
        super().check_permissions(request)


MONTH = OpenApiParameter("month", str, required=True, description="YYYY-MM, e.g. 2025-03")


def _month(request):
    try:
        return parse_month(request.query_params.get("month", ""))
    except ValueError:
        raise exceptions.ValidationError(
            {"month": ["Give the month, e.g. ?month=2025-03."]}
        ) from None


@extend_schema_view(
    list=extend_schema(summary="List payment runs of your municipality"),
    retrieve=extend_schema(summary="Read a run with its payments and lines"),
)
class PaymentRunViewSet(
    NotFoundBeforeRefusal,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Leefgeld payment runs: draft (recomputable) → prepared → approved (frozen)."""

    read_permission = write_permission = is_finance_of
    isolation_model = PaymentRun
    filterset_fields = ["status"]
    ordering_fields = ["month", "id"]
    ordering = ["-month", "-id"]

    def get_queryset(self):
        queryset = selectors.payment_runs(self.request.user)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("items__lines")
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.PaymentRunDetailSerializer
        if self.action == "create":
            return serializers.PaymentRunCreateSerializer
        return serializers.PaymentRunSerializer

    def _detail(self, run, code=status.HTTP_200_OK):
        run = self.get_queryset().prefetch_related("items__lines").get(pk=run.pk)
        return Response(
            serializers.PaymentRunDetailSerializer(run, context={"request": self.request}).data,
            status=code,
        )

    @extend_schema(
        summary="Compute a draft run for a month (finance officers)",
        request=serializers.PaymentRunCreateSerializer,
        responses={201: serializers.PaymentRunDetailSerializer},
    )
    def create(self, request):
        selectors.own_municipality(request.user)
        form = serializers.PaymentRunCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            run = services.create_run(
                request.user,
                form.validated_data["month"],
                execution_date=form.validated_data.get("execution_date"),
                request=request,
            )
        except RulesError as error:
            raise cannot_compute(error, request) from error
        return self._detail(run, status.HTTP_201_CREATED)

    def retrieve(self, request, *args, **kwargs):
        from openopvang.audit import services as audit

        run = self.get_object()
        items = list(run.items.all())
        # The items carry payee names and IBANs: one audited read per view.
        audit.record_read(
            request.user,
            [
                *(("registry.Household", item.household_id) for item in items),
                *(("registry.Person", item.payee_id) for item in items),
            ],
            obj=run,
            request=request,
        )
        return Response(self.get_serializer(run).data)

    @extend_schema(summary="Delete an open (not approved) run")
    def destroy(self, request, *args, **kwargs):
        services.delete_run(request.user, self.get_object(), request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Recompute an open run from the registry as it is now",
        request=None,
        responses={200: serializers.PaymentRunDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def recompute(self, request, pk=None):
        try:
            run = services.recompute_run(request.user, self.get_object(), request=request)
        except RulesError as error:
            raise cannot_compute(error, request) from error
        return self._detail(run)

    @extend_schema(
        summary="Prepare a draft run for approval",
        request=None,
        responses={200: serializers.PaymentRunDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def prepare(self, request, pk=None):
        return self._detail(services.prepare_run(request.user, self.get_object(), request=request))

    @extend_schema(
        summary="Approve a prepared run (another finance officer than the one who "
        "prepared it); freezes it",
        request=None,
        responses={200: serializers.PaymentRunDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._detail(services.approve_run(request.user, self.get_object(), request=request))

    def _export(self, request, fmt: str):
        run = self.get_object()
        if fmt == "sepa":
            body, content_type, extension = documents.to_sepa(run), "application/xml", "xml"
        elif fmt == "xlsx":
            body, content_type, extension = documents.run_to_xlsx(run), XLSX, "xlsx"
        else:
            body, content_type, extension = documents.run_to_pdf(run), PDF, "pdf"
        services.record_export(request.user, run, fmt, request=request)
        return file_response(
            body, content_type=content_type, filename=documents.filename(run, extension)
        )

    @extend_schema(
        summary="SEPA credit transfer file (pain.001.001.03) of an approved run",
        responses={(200, "application/xml"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"])
    def sepa(self, request, pk=None):
        return self._export(request, "sepa")

    @extend_schema(summary="Payment list as XLSX", responses={(200, XLSX): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None):
        return self._export(request, "xlsx")

    @extend_schema(
        summary="Payment list as PDF", responses={(200, "application/pdf"): OpenApiTypes.BINARY}
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        return self._export(request, "pdf")


@extend_schema_view(
    list=extend_schema(summary="Your municipality's allowance policy (one item)"),
    retrieve=extend_schema(summary="Read the allowance policy"),
    update=extend_schema(summary="Change the allowance policy (finance officers)"),
    partial_update=extend_schema(summary="Change part of the allowance policy"),
)
class PolicyViewSet(
    NotFoundBeforeRefusal,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The municipality's choices where the RooO leaves room; they become the
    scenario `policy` of every run. The list always holds exactly one item
    (the defaults until changed)."""

    serializer_class = serializers.PolicySerializer
    read_permission = write_permission = is_finance_of
    pagination_class = None

    def get_queryset(self):
        user = self.request.user
        organisation = getattr(user, "organisation", None)
        if organisation is not None and organisation.is_municipality:
            services.ensure_policy(user, organisation, request=self.request)
        return MunicipalPolicy.objects.for_user(user)

    def perform_update(self, serializer):
        instance = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(instance, name, value)
        services.save_policy(self.request.user, instance, request=self.request)


@extend_schema_view(
    list=extend_schema(summary="Maatwerk reductions of the eigen bijdrage (filter ?month=)"),
    create=extend_schema(summary="Add a maatwerk reduction for a household and month"),
)
class ReductionViewSet(NotFoundBeforeRefusal, ScopedModelViewSet):
    """Maatwerk: a household pays less eigen bijdrage in one month, with the reason."""

    model = EigenBijdrageReduction
    serializer_class = serializers.ReductionSerializer
    read_permission = write_permission = is_finance_of
    ordering = ["-month", "id"]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def scoped_queryset(self, queryset):
        month = self.request.query_params.get("month")
        if month:
            try:
                queryset = queryset.filter(month=parse_month(month))
            except ValueError:
                raise exceptions.ValidationError(
                    {"month": ["Give the month as YYYY-MM."]}
                ) from None
        return queryset.select_related("household")

    def save_instance(self, instance):
        return services.save_reduction(self.request.user, instance, request=self.request)

    def delete_instance(self, instance):
        services.delete_reduction(self.request.user, instance, request=self.request)


class EigenBijdrageViewSet(viewsets.GenericViewSet):
    """The eigen bijdrage collection list of a month, per household, with reasons."""

    read_permission = is_finance_of
    serializer_class = serializers.CollectionListSerializer
    pagination_class = None
    filter_backends = []

    def _compute(self, request):
        municipality = selectors.own_municipality(request.user)
        month = _month(request)
        try:
            rows, total = collection_list(municipality, month)
        except RulesError as error:
            raise cannot_compute(error, request) from error
        return municipality, month, rows, total

    @extend_schema(
        summary="Collection list of a month",
        parameters=[MONTH],
        responses={200: serializers.CollectionListSerializer},
    )
    def list(self, request):
        municipality, month, rows, total = self._compute(request)
        from openopvang.audit import services as audit

        audit.record_read(
            request.user,
            [("registry.Household", row.household_id) for row in rows],
            obj=municipality,
            request=request,
            extra={"month": month.strftime("%Y-%m")},
        )
        return Response(
            serializers.CollectionListSerializer(
                {"month": month.strftime("%Y-%m"), "total": total, "households": rows}
            ).data
        )

    @extend_schema(
        summary="Collection list as XLSX",
        parameters=[MONTH],
        responses={(200, XLSX): OpenApiTypes.BINARY},
    )
    @action(detail=False, methods=["get"])
    def xlsx(self, request):
        municipality, month, rows, total = self._compute(request)
        services.record_export(
            request.user,
            municipality,
            "eigen-bijdrage-xlsx",
            request=request,
            month=month.strftime("%Y-%m"),
        )
        return file_response(
            documents.collection_to_xlsx(municipality, month, rows, total),
            content_type=XLSX,
            filename=documents.collection_filename(municipality, month, "xlsx"),
        )

    @extend_schema(
        summary="Collection list as PDF",
        parameters=[MONTH],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    @action(detail=False, methods=["get"])
    def pdf(self, request):
        municipality, month, rows, total = self._compute(request)
        services.record_export(
            request.user,
            municipality,
            "eigen-bijdrage-pdf",
            request=request,
            month=month.strftime("%Y-%m"),
        )
        return file_response(
            documents.collection_to_pdf(municipality, month, rows, total),
            content_type=PDF,
            filename=documents.collection_filename(municipality, month, "pdf"),
        )
