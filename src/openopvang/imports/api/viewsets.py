"""/api/v1/import-jobs/: the imports of your municipality for the registry
editors, through the same services as the pages: upload a file (checked in
the background), follow its progress and read every error by row and column,
download the failed rows, write it (all or nothing, or only the valid rows),
and the template and the export in the same columns. Reading an import's
errors is an audited read (the rows hold personal data)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from openopvang.core.api.parsers import DepthLimitedJSONParser
from openopvang.core.api.viewsets import AuditedReadMixin
from openopvang.core.documents import XLSX, file_response
from openopvang.core.permissions import can_edit_registry

from .. import documents, services
from ..models import ImportJob
from . import serializers

FILE = OpenApiResponse(OpenApiTypes.BINARY, description="The file (XLSX or CSV).")


class ImportJobViewSet(AuditedReadMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Imports of your municipality, newest first."""

    model = ImportJob
    read_permission = can_edit_registry
    write_permission = can_edit_registry
    # A file upload is multipart; everything else JSON.
    parser_classes = [DepthLimitedJSONParser, MultiPartParser]
    serializer_class = serializers.ImportJobSerializer
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return ImportJob.objects.for_user(self.request.user).order_by("-created_at", "-id")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ImportJobDetailSerializer
        return serializers.ImportJobSerializer

    def audit_shown(self, objects) -> list:
        shown = list(objects)
        if self.action == "retrieve":
            shown += [
                ("registry.Person", row["person"])
                for obj in objects
                for row in obj.rows
                if row.get("person")
            ]
        return shown

    @extend_schema(
        request={"multipart/form-data": serializers.ImportUploadSerializer},
        responses={202: serializers.ImportJobSerializer},
    )
    def create(self, request, *args, **kwargs):
        """Upload an XLSX or CSV file of persons. The answer comes at once
        (202); the file is checked in the background: follow `status` and
        `percent`, then read the errors on the import itself."""
        upload = serializers.ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        job = services.start_import(request.user, name=file.name, data=file.read(), request=request)
        return Response(serializers.ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        request=serializers.ImportWriteSerializer,
        responses={202: serializers.ImportJobSerializer},
    )
    @action(detail=True, methods=["post"])
    def write(self, request, pk=None):
        """Write a checked import: `all` writes every row or, if any row has
        an error, nothing; `valid` writes only the valid rows (chosen
        explicitly). The writing runs in the background (202)."""
        job = self.get_object()
        data = serializers.ImportWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.start_write(
            request.user, job, mode=data.validated_data["mode"], request=request
        )
        return Response(serializers.ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={(200, XLSX): FILE})
    @action(detail=True, methods=["get"], url_path="failed-rows")
    def failed_rows(self, request, pk=None):
        """The rows that failed the check, with an error column, as XLSX."""
        body, filename = services.failed_rows_file(request.user, self.get_object(), request=request)
        return file_response(body, content_type=XLSX, filename=filename)

    @extend_schema(responses={(200, XLSX): FILE})
    @action(detail=False, methods=["get"])
    def template(self, request):
        """The empty template, with every column described."""
        return file_response(
            documents.template_xlsx(), content_type=XLSX, filename="persons-template.xlsx"
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("type", str, enum=["xlsx", "csv"], description="xlsx (default) or csv")
        ],
        responses={(200, "*/*"): FILE},
    )
    @action(detail=False, methods=["get"])
    def export(self, request):
        """Every person of your municipality in the columns of the import
        (audited as an export)."""
        file_format = "csv" if request.query_params.get("type") == "csv" else "xlsx"
        body, content_type, filename = services.export_file(
            request.user, file_format=file_format, request=request
        )
        return file_response(body, content_type=content_type, filename=filename)
