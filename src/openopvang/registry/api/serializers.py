"""Registry resources as JSON. Serializers only translate: rules live in the
models' clean() and in registry.services, and run when the viewset saves."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from openopvang.core.api.fields import ScopedPrimaryKeyRelatedField

from .. import validators
from ..models import (
    CapacityPeriod,
    DepartureReason,
    Host,
    Household,
    HouseholdMembership,
    IncomePeriod,
    Location,
    Person,
    Placement,
    Provision,
)
from ..services import current_placement


class RegistrySerializer(serializers.ModelSerializer):
    # Related ids are looked up in the caller's organisation only, and the
    # model's own validation (full_clean, constraints) gives the errors, so a
    # record is judged the same way in the web UI and the API. (A comment, not
    # a docstring: docstrings become descriptions in the OpenAPI document.)

    serializer_related_field = ScopedPrimaryKeyRelatedField

    class Meta:
        validators = []


def _place_or_host(attrs, instance):
    location = attrs.get("location", getattr(instance, "location", None))
    host = attrs.get("host", getattr(instance, "host", None))
    if (location is None) == (host is None):
        message = _("Give either a location (GOO) or a host (POO), not both.")
        field = "host" if location is not None else "location"
        raise serializers.ValidationError({field: message})


def change_reason_field():
    return serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=500,
        help_text=(
            "Why the record changes. Required (422 without it) when the change reaches a "
            "month whose leefgeld was paid by an approved run or a year whose BooO declaration "
            "was submitted; the correction shows it."
        ),
    )


# --- placements -------------------------------------------------------------


class PlacementSummarySerializer(serializers.ModelSerializer):
    """Where a person is, in a person's representation."""

    kind = serializers.SerializerMethodField(help_text="`goo` (location) or `poo` (host).")
    place_name = serializers.SerializerMethodField()

    class Meta:
        model = Placement
        fields = ["id", "kind", "location", "host", "place_name", "start_date", "end_date"]
        read_only_fields = fields

    def get_kind(self, placement) -> str:
        return "goo" if placement.is_goo else "poo"

    def get_place_name(self, placement) -> str:
        return str(placement.place)


def placement_summary(placement) -> dict:
    """The PlacementSummarySerializer representation as a plain dict: a list page
    builds one per person, and a nested serializer per row doubled the CPU time
    of the person list (benchmarks/RESULTS.md)."""
    return {
        "id": placement.pk,
        "kind": "goo" if placement.is_goo else "poo",
        "location": placement.location_id,
        "host": placement.host_id,
        "place_name": str(placement.place),
        "start_date": placement.start_date.isoformat(),
        "end_date": placement.end_date.isoformat() if placement.end_date else None,
    }


class PlacementSerializer(RegistrySerializer):
    """A stay at a location (GOO) or with a host (POO), [start_date, end_date] inclusive;
    end_date empty means open-ended."""

    kind = serializers.SerializerMethodField(help_text="`goo` (location) or `poo` (host).")
    place_name = serializers.SerializerMethodField()
    change_reason = change_reason_field()

    class Meta(RegistrySerializer.Meta):
        model = Placement
        fields = [
            "id",
            "person",
            "location",
            "host",
            "kind",
            "place_name",
            "start_date",
            "end_date",
            "capacity_override",
            "override_reason",
            "departure_reason",
            "change_reason",
        ]
        # Set by the check-out action only.
        read_only_fields = ["departure_reason"]

    def get_kind(self, placement) -> str:
        return "goo" if placement.is_goo else "poo"

    def get_place_name(self, placement) -> str:
        return str(placement.place)

    def validate(self, attrs):
        _place_or_host(attrs, self.instance)
        return attrs


# --- persons ----------------------------------------------------------------


class PersonSerializer(RegistrySerializer):
    """A displaced person. Names in Latin and Cyrillic script; `current_placement` and
    `household_ids` describe today."""

    languages = serializers.ListField(
        child=serializers.CharField(max_length=3),
        required=False,
        help_text='ISO 639-1 codes, most preferred first, e.g. ["uk", "en"].',
    )
    is_third_country_national = serializers.BooleanField(read_only=True)
    current_placement = serializers.SerializerMethodField(
        help_text="The placement today, or null.",
    )
    household_ids = serializers.SerializerMethodField(
        help_text="Households the person is a member of today.",
    )

    class Meta(RegistrySerializer.Meta):
        model = Person
        fields = [
            "id",
            "given_names",
            "family_name",
            "given_names_cyrillic",
            "family_name_cyrillic",
            "birth_date",
            "sex",
            "nationality",
            "is_third_country_national",
            "bsn",
            "languages",
            "phone",
            "email",
            "iban",
            "notes",
            "current_placement",
            "household_ids",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(PlacementSummarySerializer(allow_null=True))
    def get_current_placement(self, person):
        placements = getattr(person, "placements_today", None)
        if placements is None:  # not prefetched (e.g. a serializer used elsewhere)
            placement = current_placement(person, timezone.localdate())
        else:
            placement = placements[0] if placements else None
        return placement_summary(placement) if placement else None

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_household_ids(self, person) -> list[int]:
        memberships = getattr(person, "memberships_today", None)
        if memberships is None:
            memberships = person.memberships.active_on(timezone.localdate())
        return sorted({membership.household_id for membership in memberships})

    def validate_nationality(self, value):
        return (value or "").strip().upper()

    def validate_bsn(self, value):
        value = validators.normalise_bsn(value)
        if not value:
            return value
        request = self.context.get("request")
        others = Person.objects.for_user(request.user).filter(bsn=value)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise serializers.ValidationError(
                _("Another person in this municipality has this BSN."),
                code="unique",
            )
        return value

    def validate_iban(self, value):
        return validators.normalise_iban(value)


# --- households -------------------------------------------------------------


class MembershipSerializer(RegistrySerializer):
    """A person's membership of a household, [start_date, end_date] inclusive."""

    class Meta(RegistrySerializer.Meta):
        model = HouseholdMembership
        fields = ["id", "household", "person", "role", "start_date", "end_date"]


class NestedMembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = HouseholdMembership
        fields = ["id", "person", "role", "start_date", "end_date"]
        read_only_fields = fields


class HouseholdSerializer(RegistrySerializer):
    """A household; `payee` is the adult member to whom allowances are paid."""

    memberships = NestedMembershipSerializer(
        many=True,
        read_only=True,
        help_text="All memberships, past and present; change them at /household-memberships/.",
    )

    class Meta(RegistrySerializer.Meta):
        model = Household
        fields = ["id", "name", "payee", "notes", "memberships", "created_at"]


# --- locations and hosts ----------------------------------------------------


class LocationSerializer(RegistrySerializer):
    """A municipal reception location (GOO)."""

    places_today = serializers.SerializerMethodField(
        help_text="Realised places today (0 when closed or without a capacity period).",
    )
    occupied_today = serializers.SerializerMethodField(help_text="Persons placed here today.")

    class Meta(RegistrySerializer.Meta):
        model = Location
        fields = [
            "id",
            "name",
            "address",
            "postcode",
            "city",
            "kind",
            "catering",
            "opened_on",
            "closed_on",
            "notes",
            "places_today",
            "occupied_today",
        ]

    def get_places_today(self, location) -> int:
        return getattr(location, "places_today", None) or 0

    def get_occupied_today(self, location) -> int:
        return getattr(location, "occupied_today", None) or 0


class CapacityPeriodSerializer(RegistrySerializer):
    """Realised places at a location during a period (occupied or not)."""

    class Meta(RegistrySerializer.Meta):
        model = CapacityPeriod
        fields = ["id", "location", "start_date", "end_date", "places"]


class HostSerializer(RegistrySerializer):
    """A private host household (POO)."""

    guests_today = serializers.SerializerMethodField(
        help_text="Persons staying with this host today.",
    )

    class Meta(RegistrySerializer.Meta):
        model = Host
        fields = [
            "id",
            "name",
            "address",
            "postcode",
            "city",
            "contact_name",
            "phone",
            "email",
            "active_from",
            "active_to",
            "notes",
            "guests_today",
        ]

    def get_guests_today(self, host) -> int:
        return getattr(host, "guests_today", None) or 0


# --- income and provisions --------------------------------------------------


class IncomePeriodSerializer(RegistrySerializer):
    """Income of a person; `monthly_amount` in euros as a decimal string."""

    change_reason = change_reason_field()

    class Meta(RegistrySerializer.Meta):
        model = IncomePeriod
        fields = [
            "id",
            "person",
            "kind",
            "monthly_amount",
            "start_date",
            "end_date",
            "change_reason",
        ]


class ProvisionSerializer(RegistrySerializer):
    """A provision given to a person in a month."""

    class Meta(RegistrySerializer.Meta):
        model = Provision
        fields = ["id", "person", "month", "kind", "description"]
        extra_kwargs = {"month": {"help_text": "Any day of the month; stored as the first day."}}


# --- person actions ---------------------------------------------------------


class CheckInSerializer(serializers.Serializer):
    """Give either `location` or `host`."""

    day = serializers.DateField(help_text="The first night at the new place.")
    location = ScopedPrimaryKeyRelatedField(model=Location, required=False, allow_null=True)
    host = ScopedPrimaryKeyRelatedField(model=Host, required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    capacity_override = serializers.BooleanField(required=False, default=False)
    override_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300
    )

    def validate(self, attrs):
        _place_or_host(attrs, None)
        return attrs


class MoveSerializer(CheckInSerializer):
    day = serializers.DateField(
        help_text="The first night at the new place; the current placement ends the day before.",
    )
    end_date = None


class CheckOutSerializer(serializers.Serializer):
    day = serializers.DateField(help_text="The last night at the current place.")
    departure_reason = serializers.ChoiceField(
        choices=DepartureReason.choices, required=False, allow_null=True, default=None
    )
