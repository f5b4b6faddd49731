"""/api/v1/help-topics/, /help-organisations/, /consultation-hours/: the
content of the public help pages, read-only and public (no login), like
/api/v1/parameters/. Nothing personal: the organisations' own contact
details, the topics' texts, and the upcoming consultation hours with the
number of free places (never who booked). The location or meeting link of
an hour is left out: it is given to those who booked."""

from django.db.models import Count, Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from ..models import Agency, BookingStatus, ConsultationHour, Topic
from .serializers import ConsultationHourSerializer, OrganisationSerializer, TopicSerializer


class _Public:
    permission_classes = [AllowAny]
    isolation_public = True  # national, public content; no personal data


@extend_schema_view(
    list=extend_schema(summary="List the organisations to contact (public)"),
    retrieve=extend_schema(summary="Read an organisation to contact (public)"),
)
class OrganisationViewSet(_Public, viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    queryset = Agency.objects.order_by("name", "id")
    filterset_fields = ["code"]
    ordering_fields = ["name", "code"]


@extend_schema_view(
    list=extend_schema(summary="List the help topics with their texts per language (public)"),
    retrieve=extend_schema(summary="Read a help topic (public)"),
)
class TopicViewSet(_Public, viewsets.ReadOnlyModelViewSet):
    serializer_class = TopicSerializer
    queryset = (
        Topic.objects.select_related("agency")
        .prefetch_related("texts")
        .order_by("audience", "position", "code")
    )
    filterset_fields = ["audience", "code"]
    ordering_fields = ["position", "code", "updated_at"]


@extend_schema_view(
    list=extend_schema(
        summary="List the upcoming consultation hours with their free places (public)",
        parameters=[
            OpenApiParameter(
                "language",
                str,
                required=False,
                description="Only hours held in this language, e.g. uk.",
            )
        ],
    ),
    retrieve=extend_schema(summary="Read an upcoming consultation hour (public)"),
)
class ConsultationHourViewSet(_Public, viewsets.ReadOnlyModelViewSet):
    serializer_class = ConsultationHourSerializer
    filterset_fields = ["mode"]
    ordering_fields = ["starts_at"]

    def get_queryset(self):
        booked = Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED))
        found = (
            ConsultationHour.objects.published()
            .select_related("ngo", "topic")
            .annotate(booked=booked)
            .order_by("starts_at", "id")
        )
        language = self.request.query_params.get("language", "").strip()
        if language:
            found = found.filter(languages__icontains=language)
        return found

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        for hour in page if page is not None else []:
            hour.places_left = max(0, hour.capacity - hour.booked)
        return page

    def get_object(self):
        hour = super().get_object()
        hour.places_left = max(0, hour.capacity - hour.booked)
        return hour
