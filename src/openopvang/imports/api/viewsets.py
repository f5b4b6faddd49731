"""/api/v1/import-jobs/: the imports of your municipality, read only in this
slice (status, progress, errors by row and column), for the registry editors.
Reading an import's errors is an audited read (the rows hold personal data)."""

from rest_framework import viewsets

from openopvang.core.api.viewsets import AuditedReadMixin
from openopvang.core.permissions import can_edit_registry

from ..models import ImportJob
from . import serializers


class ImportJobViewSet(AuditedReadMixin, viewsets.ReadOnlyModelViewSet):
    """Imports of your municipality, newest first."""

    model = ImportJob
    read_permission = can_edit_registry
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
