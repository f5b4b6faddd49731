"""Thin serializers: validation of shape here, rules and changes in services."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from openopvang.accounts.models import Organisation
from openopvang.registry.models import Person

from .. import selectors
from ..models import (
    Attendance,
    Enrolment,
    Invoice,
    InvoiceLine,
    Language,
    Offer,
    OfferLine,
    Order,
    OrderLine,
    Service,
    ServiceText,
    Session,
)


class ServiceTextSerializer(serializers.ModelSerializer):
    language = serializers.ChoiceField(choices=Language.choices)

    class Meta:
        model = ServiceText
        fields = ["language", "title", "description", "public_text"]


class ServiceSerializer(serializers.ModelSerializer):
    provider = serializers.SlugRelatedField(slug_field="code", read_only=True)
    texts = ServiceTextSerializer(many=True)

    class Meta:
        model = Service
        fields = [
            "id",
            "provider",
            "code",
            "kind",
            "target_group",
            "unit",
            "standard_price",
            "capacity_per_group",
            "duration",
            "active",
            "texts",
        ]
        # Uniqueness per provider is checked by the service (provider is set there).
        validators: list = []

    def validate_texts(self, value):
        # A change (PATCH) does not require the fields of the texts; the
        # language is what a text is stored under, so it is always needed.
        if any("language" not in text for text in value):
            raise serializers.ValidationError(_("Give the language of each text."), code="required")
        languages = [text["language"] for text in value]
        if len(languages) != len(set(languages)):
            raise serializers.ValidationError("Give each language at most once.")
        if not value:
            raise serializers.ValidationError("Give a title in at least one language.")
        return value


class MunicipalityField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(
            slug_field="code", queryset=Organisation.objects.municipalities(), **kwargs
        )

    def to_internal_value(self, data):
        # No code has a NUL byte, and PostgreSQL refuses one in a query.
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


class OfferLineSerializer(serializers.ModelSerializer):
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.all())
    amount = serializers.DecimalField(max_digits=11, decimal_places=2, read_only=True)

    class Meta:
        model = OfferLine
        fields = ["id", "service", "units", "unit_price", "period_start", "period_end", "amount"]


class OfferSerializer(serializers.ModelSerializer):
    ngo = serializers.SlugRelatedField(slug_field="code", read_only=True)
    municipality = MunicipalityField()
    lines = OfferLineSerializer(many=True, required=False)
    total = serializers.DecimalField(max_digits=11, decimal_places=2, read_only=True)
    order = serializers.SerializerMethodField()

    class Meta:
        model = Offer
        fields = [
            "id",
            "ngo",
            "municipality",
            "title",
            "notes",
            "status",
            "sent_at",
            "decided_at",
            "decline_reason",
            "lines",
            "total",
            "order",
        ]
        read_only_fields = ["status", "sent_at", "decided_at", "decline_reason"]

    def get_order(self, offer) -> int | None:
        order = getattr(offer, "order", None) if offer.status == "accepted" else None
        return order.pk if order else None


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField()


class DisputeSerializer(serializers.Serializer):
    reason = serializers.CharField()


class OrderLineSerializer(serializers.ModelSerializer):
    service_title = serializers.SerializerMethodField()
    unit = serializers.CharField(source="service.unit", read_only=True)
    amount = serializers.DecimalField(max_digits=11, decimal_places=2, read_only=True)
    units_used = serializers.SerializerMethodField()
    units_left = serializers.SerializerMethodField()
    amount_used = serializers.SerializerMethodField()

    class Meta:
        model = OrderLine
        fields = [
            "id",
            "service",
            "service_title",
            "unit",
            "units",
            "unit_price",
            "period_start",
            "period_end",
            "amount",
            "units_used",
            "units_left",
            "amount_used",
        ]
        read_only_fields = fields

    def _usage(self, line):
        from ..services import line_usage

        cache = self.context.setdefault("_usage", {})
        if line.pk not in cache:
            cache[line.pk] = line_usage(line)
        return cache[line.pk]

    def get_service_title(self, line) -> str:
        return line.service.title()

    def get_units_used(self, line) -> str:
        return str(self._usage(line)["units_used"])

    def get_units_left(self, line) -> str:
        return str(self._usage(line)["units_left"])

    def get_amount_used(self, line) -> str:
        return str(self._usage(line)["amount_used"])


class OrderSerializer(serializers.ModelSerializer):
    ngo = serializers.SlugRelatedField(slug_field="code", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    lines = OrderLineSerializer(many=True, read_only=True)
    budget_used = serializers.SerializerMethodField()

    class Meta:
        model = Order
        fields = [
            "id",
            "number",
            "offer",
            "ngo",
            "municipality",
            "title",
            "budget",
            "budget_used",
            "lines",
            "created_at",
        ]
        read_only_fields = fields

    def get_budget_used(self, order) -> str:
        from ..services import order_usage

        return str(order_usage(order)["budget_used"])


class ParticipantSerializer(serializers.Serializer):
    """The only person fields the support pages and API show: never BSN,
    income, IBAN, notes or birth date."""

    id = serializers.IntegerField()
    given_names = serializers.CharField()
    family_name = serializers.CharField()
    given_names_cyrillic = serializers.CharField()
    family_name_cyrillic = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    phone = serializers.CharField()
    email = serializers.CharField()
    household_size = serializers.IntegerField()


class PersonSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")
    name_cyrillic = serializers.CharField(source="full_name_cyrillic")


class EnrolmentSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none(), write_only=True)
    participant = PersonSummarySerializer(source="person", read_only=True)
    order_line = serializers.PrimaryKeyRelatedField(queryset=OrderLine.objects.none())
    order = serializers.IntegerField(source="order_line.order_id", read_only=True)
    confirm_outside_target_group = serializers.BooleanField(
        write_only=True,
        default=False,
        help_text="Enrol even when the person's age on the enrolment date is outside the "
        "service's target group (refused with 400 `confirm_outside_target_group` otherwise).",
    )

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "order",
            "order_line",
            "person",
            "participant",
            "enrolled_on",
            "ended_on",
            "confirm_outside_target_group",
            "outside_target_group_confirmed",
        ]
        read_only_fields = ["ended_on", "outside_target_group_confirmed"]
        validators: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["person"].queryset = selectors.person_choices(request.user)
            self.fields["order_line"].queryset = selectors.order_lines_for(request.user)


class EndEnrolmentSerializer(serializers.Serializer):
    ended_on = serializers.DateField()


class ScopedEnrolmentField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return Enrolment.objects.none()
        return selectors.enrolments_for(request.user)


class AttendanceSerializer(serializers.ModelSerializer):
    enrolment = ScopedEnrolmentField()
    participant = PersonSummarySerializer(source="enrolment.person", read_only=True)

    class Meta:
        model = Attendance
        fields = ["enrolment", "participant", "hours"]


class DeliverySerializer(serializers.ModelSerializer):
    order_line = serializers.PrimaryKeyRelatedField(queryset=OrderLine.objects.none())
    attendance = AttendanceSerializer(source="attendances", many=True, required=False)
    confirm_exceeding = serializers.BooleanField(
        write_only=True,
        default=False,
        help_text="Register even when the ordered units or budget would be exceeded.",
    )
    amount = serializers.DecimalField(max_digits=11, decimal_places=2, read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "order_line",
            "date",
            "hours",
            "description",
            "units",
            "amount",
            "attendance",
            "confirm_exceeding",
            "over_order_confirmed",
            "created_at",
        ]
        read_only_fields = ["units", "over_order_confirmed", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["order_line"].queryset = selectors.order_lines_for(request.user)


class InvoiceLineSerializer(serializers.ModelSerializer):
    sessions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = InvoiceLine
        fields = [
            "id",
            "order_line",
            "description",
            "units",
            "unit_price",
            "amount",
            "status",
            "dispute_reason",
            "decided_at",
            "sessions",
        ]
        read_only_fields = fields


class InvoiceSerializer(serializers.ModelSerializer):
    order = serializers.PrimaryKeyRelatedField(queryset=Order.objects.none())
    month = serializers.DateField(help_text="Any day of the invoiced month.")
    interim = serializers.BooleanField(
        default=False,
        help_text="An interim invoice (tussentijdse factuur) for a month that has not ended "
        "yet; without it such a month is refused with 400.",
    )
    invoice_date = serializers.DateField(read_only=True, help_text="The day it was sent.")
    due_date = serializers.DateField(read_only=True, help_text="The end of the payment term.")
    lines = InvoiceLineSerializer(many=True, read_only=True)
    approved_total = serializers.DecimalField(max_digits=11, decimal_places=2, read_only=True)

    class Meta:
        model = Invoice
        fields = [
            "id",
            "number",
            "order",
            "month",
            "interim",
            "invoice_date",
            "due_date",
            "status",
            "total",
            "approved_total",
            "sent_at",
            "created_at",
            "lines",
        ]
        read_only_fields = ["number", "status", "total", "sent_at", "created_at"]
        validators: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["order"].queryset = selectors.orders_for(request.user)
