"""Registry resources as JSON. Serializers only translate: rules live in the
models' clean() and in registry.services, and run when the viewset saves."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from openopvang.core.api.fields import ScopedPrimaryKeyRelatedField

from .. import validators
from ..models import (
    UKRAINE,
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


# The person list, plain: a page of 50 persons as `values()` rows turned into
# PersonSerializer's JSON by hand. Building 50 model instances and running
# DRF's field-by-field to_representation was most of the list's CPU time
# (benchmarks/RESULTS.md, "Person list API"); a test compares every field of
# both for the same rows, so the two cannot drift apart.

PERSON_ROW_FIELDS = (
    "id",
    "given_names",
    "family_name",
    "given_names_cyrillic",
    "family_name_cyrillic",
    "birth_date",
    "sex",
    "nationality",
    "bsn",
    "languages",
    "phone",
    "email",
    "iban",
    "notes",
    "created_at",
    "updated_at",
)
_PLACEMENT_ROW_FIELDS = (
    "id",
    "person_id",
    "location_id",
    "host_id",
    "location__name",
    "host__name",
    "start_date",
    "end_date",
)
# The same conversion (to the current time zone, ISO 8601, "Z" for UTC) as
# the serializer's DateTimeField.
_DATETIME = serializers.DateTimeField()


def _plain_placement(row) -> dict:
    end_date = row["end_date"]
    return {
        "id": row["id"],
        "kind": "goo" if row["location_id"] is not None else "poo",
        "location": row["location_id"],
        "host": row["host_id"],
        "place_name": str(
            row["location__name"] if row["location_id"] is not None else row["host__name"]
        ),
        "start_date": row["start_date"].isoformat(),
        "end_date": end_date.isoformat() if end_date else None,
    }


def plain_persons(rows: list[dict], day) -> list[dict]:
    """PersonSerializer's representation of `rows` (`values(*PERSON_ROW_FIELDS)`
    of persons the caller may see), with their placement and households on
    `day`: two queries whatever the number of rows."""
    ids = [row["id"] for row in rows]
    placements = {}
    households: dict[int, set[int]] = {}
    if ids:
        # Newest first, the first one per person wins: as the serializer's prefetch.
        for row in (
            Placement.objects.filter(person_id__in=ids)
            .active_on(day)
            .order_by("-start_date", "-id")
            .values(*_PLACEMENT_ROW_FIELDS)
        ):
            placements.setdefault(row["person_id"], row)
        for person_id, household_id in (
            HouseholdMembership.objects.filter(person_id__in=ids)
            .active_on(day)
            .values_list("person_id", "household_id")
        ):
            households.setdefault(person_id, set()).add(household_id)
    to_datetime = _DATETIME.to_representation
    result = []
    for row in rows:
        placement = placements.get(row["id"])
        languages = row["languages"]
        result.append(
            {
                "id": row["id"],
                "given_names": row["given_names"],
                "family_name": row["family_name"],
                "given_names_cyrillic": row["given_names_cyrillic"],
                "family_name_cyrillic": row["family_name_cyrillic"],
                "birth_date": row["birth_date"].isoformat(),
                "sex": row["sex"],
                "nationality": row["nationality"],
                "is_third_country_national": row["nationality"] != UKRAINE,
                "bsn": row["bsn"],
                "languages": [None if code is None else str(code) for code in languages]
                if languages is not None
                else None,
                "phone": row["phone"],
                "email": row["email"],
                "iban": row["iban"],
                "notes": row["notes"],
                "current_placement": _plain_placement(placement) if placement else None,
                "household_ids": sorted(households.get(row["id"], ())),
                "created_at": to_datetime(row["created_at"]),
                "updated_at": to_datetime(row["updated_at"]),
            }
        )
    return result


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
