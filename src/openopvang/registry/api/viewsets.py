"""Registry endpoints under /api/v1/. Thin: querysets come from
`Model.objects.for_user`, changes go through core.services (audited) and
registry.services (placement rules)."""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from openopvang.audit import services as audit
from openopvang.core.api.viewsets import AuditedReadMixin, ScopedModelViewSet

from .. import selectors, services
from ..duplicates import probable_duplicates
from ..models import (
    CapacityPeriod,
    Host,
    Household,
    HouseholdMembership,
    IncomePeriod,
    Location,
    Person,
    Placement,
    Provision,
)
from . import filters, serializers


class RegistryViewSet(ScopedModelViewSet):
    """Writes go through the registry services: they check that the caller
    may change registry data of the record's municipality."""

    def save_instance(self, instance):
        return services.save_record(self.request.user, instance, request=self.request)

    def delete_instance(self, instance) -> None:
        services.delete_record(self.request.user, instance, request=self.request)


class DatedRecordViewSet(RegistryViewSet):
    """Placements and income periods: saved with the reason for a change that
    reaches money already paid or declared (services.save_dated_record)."""

    record_kind = ""
    change_reason = ""

    def perform_create(self, serializer):
        self.change_reason = serializer.validated_data.pop("change_reason", "")
        super().perform_create(serializer)

    def perform_update(self, serializer):
        self.change_reason = serializer.validated_data.pop("change_reason", "")
        super().perform_update(serializer)

    def save_instance(self, instance):
        return services.save_dated_record(
            self.request.user,
            instance,
            kind=self.record_kind,
            change_reason=self.change_reason,
            request=self.request,
        )


# Reads that build PersonSerializer's JSON from plain rows (serializers.plain_persons).
PLAIN_ACTIONS = {"list", "retrieve"}


@extend_schema_view(
    list=extend_schema(
        summary="List persons",
        description=(
            "Persons registered by your municipality. `location`, `host`, `household` and "
            "`active` refer to today."
        ),
    ),
    retrieve=extend_schema(summary="Read a person (the view is audited)"),
    destroy=extend_schema(
        summary="Delete a person registered by mistake",
        description=(
            "Only possible while no placement, membership, income period, provision or other "
            "record refers to the person; otherwise 409."
        ),
    ),
)
class PersonViewSet(AuditedReadMixin, RegistryViewSet):
    """Displaced persons registered by your municipality, with their placement today."""

    model = Person
    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter
    ordering_fields = ["family_name", "birth_date", "given_names", "created_at"]
    ordering = ["family_name", "given_names", "id"]
    delete_conflicts = True

    def scoped_queryset(self, queryset):
        if getattr(self, "action", None) in PLAIN_ACTIONS:
            return queryset  # plain_persons reads the placements and households
        today = timezone.localdate()
        return queryset.prefetch_related(
            Prefetch(
                "placements",
                queryset=Placement.objects.active_on(today)
                .select_related("location", "host")
                .order_by("-start_date", "-id"),
                to_attr="placements_today",
            ),
            Prefetch(
                "memberships",
                queryset=HouseholdMembership.objects.active_on(today),
                to_attr="memberships_today",
            ),
        )

    def list(self, request, *args, **kwargs):
        # Plain rows instead of model instances and DRF's field-by-field
        # serialisation (serializers.plain_persons: the same JSON, a test
        # compares them). Same queries as before: count, page, placements and
        # memberships of today, the audit event.
        queryset = self.filter_queryset(self.get_queryset())
        rows = queryset.values(*serializers.PERSON_ROW_FIELDS)
        page = self.paginate_queryset(rows)
        rows = list(page if page is not None else rows)
        number = self.paginator.page.number if page is not None else None
        self.audit_read([(Person._meta.label, row["id"]) for row in rows], page=number)
        data = serializers.plain_persons(rows, timezone.localdate())
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        # As the list: the same JSON as PersonSerializer, without it.
        instance = self.get_object()
        self.audit_read([instance], obj=instance)
        row = {name: getattr(instance, name) for name in serializers.PERSON_ROW_FIELDS}
        return Response(serializers.plain_persons([row], timezone.localdate())[0])

    def create(self, request, *args, **kwargs):
        # The person is saved; probable duplicates in the same municipality
        # come back as a warning beside the record (ADR 0015), not a refusal.
        response = super().create(request, *args, **kwargs)
        person = Person.objects.get(pk=response.data["id"])
        found = probable_duplicates(person)
        if found:
            audit.record_read(
                request.user,
                [d.person for d in found],
                object_type=Person._meta.label,
                request=request,
            )
        response.data["probable_duplicates"] = [
            {"id": d.person.pk, "score": d.score, "reasons": d.reasons} for d in found
        ]
        return response

    def _placement_response(self, placement, status_code):
        data = serializers.PlacementSerializer(placement, context=self.get_serializer_context())
        return Response(data.data, status=status_code)

    @extend_schema(
        summary="Check a person in at a location or with a host",
        request=serializers.CheckInSerializer,
        responses={201: serializers.PlacementSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="check-in",
        serializer_class=serializers.CheckInSerializer,
    )
    def check_in(self, request, pk=None):
        """Start a placement on `day`, at a location or with a host. The placement rules apply."""
        person = self.get_object()
        form = serializers.CheckInSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        form.is_valid(raise_exception=True)
        placement = services.check_in(request.user, person, request=request, **form.validated_data)
        return self._placement_response(placement, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Check a person out: end the current placement",
        request=serializers.CheckOutSerializer,
        responses={200: serializers.PlacementSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="check-out",
        serializer_class=serializers.CheckOutSerializer,
    )
    def check_out(self, request, pk=None):
        """End the current placement on `day`, the last night there."""
        person = self.get_object()
        form = serializers.CheckOutSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        placement = services.check_out(request.user, person, request=request, **form.validated_data)
        return self._placement_response(placement, status.HTTP_200_OK)

    @extend_schema(
        summary="Move a person: end the current placement and start a new one",
        request=serializers.MoveSerializer,
        responses={201: serializers.PlacementSerializer},
    )
    @action(detail=True, methods=["post"], serializer_class=serializers.MoveSerializer)
    def move(self, request, pk=None):
        """End the current placement the day before `day` and start a new one on `day`, in
        one transaction: both or neither."""
        person = self.get_object()
        form = serializers.MoveSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        placement = services.move(request.user, person, request=request, **form.validated_data)
        return self._placement_response(placement, status.HTTP_201_CREATED)


@extend_schema_view(
    destroy=extend_schema(
        description="Only possible while the household has no memberships; otherwise 409."
    )
)
class HouseholdViewSet(AuditedReadMixin, RegistryViewSet):
    """Households (families) and their memberships over time."""

    model = Household
    serializer_class = serializers.HouseholdSerializer
    filterset_class = filters.HouseholdFilter
    ordering_fields = ["name", "created_at"]
    ordering = ["name", "id"]
    delete_conflicts = True

    def scoped_queryset(self, queryset):
        return queryset.prefetch_related(
            Prefetch(
                "memberships", queryset=HouseholdMembership.objects.order_by("start_date", "id")
            )
        )

    def audit_shown(self, objects):
        # The memberships (prefetched) name the persons of each household.
        members = [
            ("registry.Person", m.person_id)
            for household in objects
            for m in household.memberships.all()
        ]
        return [*objects, *members]


class HouseholdMembershipViewSet(AuditedReadMixin, RegistryViewSet):
    """Who belongs to which household, from when to when (inclusive dates)."""

    model = HouseholdMembership
    serializer_class = serializers.MembershipSerializer
    filterset_class = filters.MembershipFilter
    ordering_fields = ["start_date", "end_date"]
    ordering = ["start_date", "id"]
    audit_person_attr = "person_id"


@extend_schema_view(
    destroy=extend_schema(
        description="Only possible while no placement or capacity period refers to the location; "
        "otherwise 409."
    )
)
class LocationViewSet(RegistryViewSet):
    """Municipal reception locations (GOO) with realised places and occupancy today."""

    model = Location
    serializer_class = serializers.LocationSerializer
    filterset_class = filters.LocationFilter
    ordering_fields = ["name", "city", "opened_on"]
    ordering = ["name", "id"]
    delete_conflicts = True

    def get_queryset(self):
        return selectors.location_list(self.request.user, today=timezone.localdate())


class CapacityPeriodViewSet(RegistryViewSet):
    """Realised places of a location over time; periods of one location do not overlap."""

    model = CapacityPeriod
    serializer_class = serializers.CapacityPeriodSerializer
    filterset_class = filters.CapacityPeriodFilter
    ordering_fields = ["start_date"]
    ordering = ["location_id", "start_date", "id"]


@extend_schema_view(
    destroy=extend_schema(
        description="Only possible while no placement refers to the host; otherwise 409."
    )
)
class HostViewSet(AuditedReadMixin, RegistryViewSet):
    """Private host households (POO)."""

    model = Host
    serializer_class = serializers.HostSerializer
    filterset_class = filters.HostFilter
    ordering_fields = ["name", "city", "active_from"]
    ordering = ["name", "id"]
    delete_conflicts = True

    def get_queryset(self):
        return selectors.host_list(self.request.user, today=timezone.localdate())


@extend_schema_view(
    create=extend_schema(
        description=(
            "The placement rules apply: no overlap with another placement of the person, within "
            "the location's opening dates or the host's active period, and not above the "
            "location's realised capacity unless `capacity_override` is set with a reason."
        )
    )
)
class PlacementViewSet(AuditedReadMixin, DatedRecordViewSet):
    """Where a person stays: at a location (GOO) or with a host (POO), inclusive dates."""

    model = Placement
    serializer_class = serializers.PlacementSerializer
    filterset_class = filters.PlacementFilter
    ordering_fields = ["start_date", "end_date"]
    ordering = ["-start_date", "-id"]
    audit_person_attr = "person_id"
    record_kind = "placement"

    def scoped_queryset(self, queryset):
        return queryset.select_related("location", "host")

    def save_instance(self, instance):
        return services.save_placement(
            self.request.user, instance, change_reason=self.change_reason, request=self.request
        )


class IncomePeriodViewSet(AuditedReadMixin, DatedRecordViewSet):
    """Income from work or benefits of a person over time."""

    record_kind = "income"

    model = IncomePeriod
    serializer_class = serializers.IncomePeriodSerializer
    filterset_class = filters.IncomePeriodFilter
    ordering_fields = ["start_date", "monthly_amount"]
    ordering = ["-start_date", "-id"]
    audit_person_attr = "person_id"


class ProvisionViewSet(AuditedReadMixin, RegistryViewSet):
    """Provisions given to a person in a month (RooO art. 12 lid 8-9)."""

    model = Provision
    serializer_class = serializers.ProvisionSerializer
    filterset_class = filters.ProvisionFilter
    ordering_fields = ["month"]
    ordering = ["-month", "id"]
    audit_person_attr = "person_id"
