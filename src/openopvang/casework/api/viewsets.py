"""/api/v1/cases/, /api/v1/case-situations/, /api/v1/case-deadlines/: read
only in this slice, for the municipality's caseworkers, coordinators and
administrators; every read is audited (case data is sensitive)."""

from rest_framework import viewsets

from openopvang.core.api.viewsets import AuditedReadMixin

from .. import selectors
from ..models import Case, Deadline, Situation
from ..permissions import can_work_cases
from . import filters, serializers


class CaseworkReadViewSet(AuditedReadMixin, viewsets.ReadOnlyModelViewSet):
    model = None
    read_permission = can_work_cases

    def get_queryset(self):
        return self.model.objects.for_user(self.request.user)

    def audit_shown(self, objects) -> list:
        # A situation or deadline is about the case's person: name them too.
        shown = super().audit_shown(objects)
        return shown + [
            ("registry.Person", obj.case.person_id) for obj in objects if hasattr(obj, "case")
        ]


class CaseViewSet(CaseworkReadViewSet):
    """Cases of your municipality, with each one's current situation and next deadline."""

    model = Case
    serializer_class = serializers.CaseSerializer
    filterset_class = filters.CaseFilter
    ordering_fields = ["opened_on", "next_due"]
    ordering = ["-opened_on", "-id"]
    audit_person_attr = "person_id"

    def get_queryset(self):
        return selectors.with_current(super().get_queryset())


class SituationViewSet(CaseworkReadViewSet):
    """The situation history of your municipality's cases."""

    model = Situation
    serializer_class = serializers.SituationSerializer
    filterset_class = filters.SituationFilter
    ordering = ["case", "start_date", "id"]


class DeadlineViewSet(CaseworkReadViewSet):
    """Deadlines derived from the cases' situations (never typed by hand)."""

    model = Deadline
    serializer_class = serializers.DeadlineSerializer
    filterset_class = filters.DeadlineFilter
    ordering_fields = ["due_date"]
    ordering = ["due_date", "id"]
