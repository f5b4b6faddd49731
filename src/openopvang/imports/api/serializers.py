from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import ImportJob


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Row number in the file (the header is row 1).")
    column = serializers.CharField(help_text="Column key, empty for the row as a whole.")
    message = serializers.CharField()


class ImportJobSerializer(serializers.ModelSerializer):
    """An import of your municipality: its status, progress and counts."""

    # Plain text with the codes listed (not a named enum: "kind" and "status"
    # enums of other resources would collide in the OpenAPI components).
    kind = serializers.CharField(read_only=True, help_text="persons")
    status = serializers.CharField(
        read_only=True, help_text="queued, validating, validated, writing, done or failed"
    )
    mode = serializers.CharField(
        read_only=True, help_text="all (all or nothing), valid (only the valid rows) or empty"
    )
    percent = serializers.IntegerField(read_only=True)
    failed = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "kind",
            "file_name",
            "status",
            "mode",
            "done",
            "count",
            "percent",
            "failed",
            "created",
            "updated",
            "skipped",
            "error",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_failed(self, job) -> int:
        return len(job.failed_rows)


class ImportJobDetailSerializer(ImportJobSerializer):
    """An import with every error by row and column."""

    errors = serializers.SerializerMethodField()

    class Meta(ImportJobSerializer.Meta):
        fields = [*ImportJobSerializer.Meta.fields, "errors"]
        read_only_fields = fields

    @extend_schema_field(ImportErrorSerializer(many=True))
    def get_errors(self, job) -> list[dict]:
        return [
            {"row": row["row"], "column": column, "message": message}
            for row in job.failed_rows
            for column, message in row["errors"]
        ]


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="An XLSX or CSV file of persons (the template's columns)."
    )


class ImportWriteSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(
        choices=["all", "valid"],
        help_text="all: every row or nothing; valid: only the valid rows, the others listed",
    )
