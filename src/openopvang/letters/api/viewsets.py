"""/api/v1/letter-templates/ and /api/v1/sent-letters/: read only in this
slice, for the municipality's staff; reads of letters are audited."""

from rest_framework import viewsets

from openopvang.core.api.viewsets import AuditedReadMixin

from ..models import LetterTemplate, SentLetter
from ..permissions import can_send_letters
from . import filters, serializers


class LetterTemplateViewSet(viewsets.ReadOnlyModelViewSet):
    """Letter templates of your municipality (a text per language, versioned)."""

    model = LetterTemplate
    read_permission = can_send_letters
    serializer_class = serializers.LetterTemplateSerializer
    filterset_class = filters.LetterTemplateFilter

    def get_queryset(self):
        return LetterTemplate.objects.for_user(self.request.user).order_by("letter_type", "id")


class SentLetterViewSet(AuditedReadMixin, viewsets.ReadOnlyModelViewSet):
    """Letters made for your municipality's persons (filter by person)."""

    model = SentLetter
    read_permission = can_send_letters
    serializer_class = serializers.SentLetterSerializer
    filterset_class = filters.SentLetterFilter
    audit_person_attr = "person_id"

    def get_queryset(self):
        return (
            SentLetter.objects.for_user(self.request.user)
            .select_related("version")
            .order_by("-sent_at", "-id")
        )
