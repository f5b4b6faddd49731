from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from openopvang.core.api.fields import ScopedPrimaryKeyRelatedField
from openopvang.core.validators import validate_platform_date
from openopvang.registry.models import Household
from openopvang.rules.engine.dates import parse_month

from ..models import EigenBijdrageReduction, MunicipalPolicy, PaymentItem, PaymentLine, PaymentRun
from ..reasons import render_explanation, render_reason


class MonthField(serializers.CharField):
    """A month as "YYYY-MM"."""

    def to_internal_value(self, data):
        try:
            return parse_month(super().to_internal_value(data))
        except ValueError:
            raise serializers.ValidationError("Give the month as YYYY-MM, e.g. 2025-03.") from None

    def to_representation(self, value):
        return value.strftime("%Y-%m")


REASON_SCHEMA = {
    "type": "object",
    "nullable": True,
    "properties": {
        "code": {"type": "string", "description": "Machine key of the reason."},
        "text": {"type": "string", "description": "The reason in the request's language."},
    },
    "required": ["code", "text"],
    "additionalProperties": True,
}


@extend_schema_field(REASON_SCHEMA)
class ReasonField(serializers.Field):
    """A stored reason code as {"code": ..., <parameters>, "text": rendered in the
    request's language}; null when there is none."""

    def to_representation(self, value):
        if not value:
            return None
        data = dict(value) if isinstance(value, dict) else {"code": "text", "text": value}
        data["text"] = render_reason(value)
        return data


@extend_schema_field({"type": "array", "items": REASON_SCHEMA})
class ExplanationField(serializers.Field):
    """The explanation codes with the rendered text of each."""

    def to_representation(self, value):
        return [ReasonField().to_representation(item) for item in value or ()]


class PaymentLineSerializer(serializers.ModelSerializer):
    month = MonthField()
    reason = ReasonField(read_only=True)
    explanation = ExplanationField(read_only=True)
    explanation_text = serializers.SerializerMethodField()

    class Meta:
        model = PaymentLine
        fields = [
            "id",
            "household_ref",
            "person",
            "person_ref",
            "month",
            "component",
            "kind",
            "amount",
            "computed",
            "previously_paid",
            "poo_amount",
            "days",
            "reason",
            "explanation",
            "explanation_text",
        ]

    def get_explanation_text(self, line) -> list[str]:
        return render_explanation(line.explanation)


class PaymentItemSerializer(serializers.ModelSerializer):
    lines = PaymentLineSerializer(many=True, read_only=True)
    reason = ReasonField(read_only=True)
    payee_note = ReasonField(read_only=True)

    class Meta:
        model = PaymentItem
        fields = [
            "id",
            "household_ref",
            "household",
            "household_name",
            "payee",
            "payee_name",
            "iban",
            "method",
            "reason",
            "payee_note",
            "collector_name",
            "amount",
            "end_to_end_id",
            "remittance",
            "lines",
        ]


class PaymentRunSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    month = MonthField(read_only=True)
    # Null until someone prepares or approves the run.
    prepared_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="Login of the officer who prepared the run; null until then.",
    )
    approved_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="Login of the second officer, who approved the run; null until then.",
    )

    class Meta:
        model = PaymentRun
        fields = [
            "id",
            "municipality",
            "month",
            "status",
            "execution_date",
            "recompute_from",
            "total",
            "sepa_total",
            "cash_total",
            "computed_at",
            "prepared_by",
            "prepared_at",
            "approved_by",
            "approved_at",
        ]


class PaymentRunDetailSerializer(PaymentRunSerializer):
    items = PaymentItemSerializer(many=True, read_only=True)

    class Meta(PaymentRunSerializer.Meta):
        fields = PaymentRunSerializer.Meta.fields + ["policy", "items"]


class PaymentRunCreateSerializer(serializers.Serializer):
    month = MonthField(help_text="The month to pay, YYYY-MM.")
    execution_date = serializers.DateField(
        required=False,
        allow_null=True,
        validators=[validate_platform_date],
        help_text="Requested execution date in the SEPA file; default the 1st of the month "
        "or today, whichever is later.",
    )


class PolicySerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = MunicipalPolicy
        fields = [
            "id",
            "municipality",
            "household_income_stop",
            "partial_month",
            "switch_2023_date",
            "income_band",
            "eigen_bijdrage_floor",
            "recompute_months",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]


class ReductionSerializer(serializers.ModelSerializer):
    household = ScopedPrimaryKeyRelatedField(model=Household)
    month = MonthField()

    class Meta:
        model = EigenBijdrageReduction
        fields = ["id", "household", "month", "amount", "reason", "created_at"]
        read_only_fields = ["created_at"]


class ExplanationLineSerializer(serializers.Serializer):
    depth = serializers.IntegerField()
    text = serializers.CharField()


class CollectionRowSerializer(serializers.Serializer):
    household_ref = serializers.CharField()
    household = serializers.IntegerField(source="household_id", allow_null=True)
    name = serializers.CharField()
    charged = serializers.ListField(child=serializers.CharField())
    computed = serializers.DecimalField(source="gross", max_digits=12, decimal_places=2)
    reduction = serializers.DecimalField(max_digits=12, decimal_places=2)
    reduction_reason = serializers.CharField()
    floor_cap = serializers.DecimalField(
        source="cap", max_digits=12, decimal_places=2, allow_null=True
    )
    floor_note = serializers.CharField(source="cap_note")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    explanation = serializers.SerializerMethodField()

    def get_explanation(self, row) -> list[str]:
        return ["  " * depth + label for depth, label in row.explanation]


# One object per month (the view is the viewset's `list`, which the schema
# would otherwise document as an array).
@extend_schema_serializer(many=False)
class CollectionListSerializer(serializers.Serializer):
    month = serializers.CharField()
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    households = CollectionRowSerializer(many=True)
