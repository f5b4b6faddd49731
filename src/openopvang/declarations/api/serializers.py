from rest_framework import serializers

from openopvang.core.api.fields import ScopedPrimaryKeyRelatedField
from openopvang.registry.models import Location

from ..models import AdvanceRequest, CostLine, Declaration
from ..years import validate_year


class LineSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    component = serializers.CharField()
    declared = serializers.BooleanField(
        help_text="False: listed for accountability, not claimed "
        "separately (purchased services, paid from sub a)."
    )
    date_from = serializers.CharField(source="from", allow_null=True)
    date_to = serializers.CharField(source="to", allow_null=True)
    month = serializers.CharField(allow_null=True)
    location = serializers.CharField(allow_null=True)
    persons = serializers.ListField(child=serializers.CharField())
    quantity = serializers.IntegerField(allow_null=True)
    unit = serializers.CharField(allow_null=True)
    rate = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    parameter = serializers.CharField(allow_null=True)
    reference = serializers.DictField(allow_null=True)
    description = serializers.CharField()
    source = serializers.DictField(allow_null=True)
    explanation = serializers.DictField(allow_null=True)


class ComponentSerializer(serializers.Serializer):
    component = serializers.CharField()
    label = serializers.CharField()
    article = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    listed = serializers.DecimalField(max_digits=14, decimal_places=2)
    quantity = serializers.IntegerField()


def data_payload(data) -> dict:
    return {
        "municipality": data.municipality_code,
        "year": data.year,
        "version": data.version,
        "status": data.status,
        "total": str(data.total),
        "goo_place_days": data.goo_place_days,
        "poo_person_months": data.poo_person_months,
        "components": ComponentSerializer(data.components(), many=True).data,
        "by_month": data.booo["by_month"],
        "not_by_month": data.booo.get("not_by_month"),
        "lines": LineSerializer(data.lines(), many=True).data,
    }


class DeclarationDataSerializer(serializers.Serializer):
    """A declaration's figures: the draft (computed live) or a submitted version."""

    municipality = serializers.CharField()
    year = serializers.IntegerField()
    version = serializers.IntegerField(allow_null=True)
    status = serializers.CharField(help_text="draft (computed live), submitted or corrected.")
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    goo_place_days = serializers.IntegerField()
    poo_person_months = serializers.IntegerField()
    components = ComponentSerializer(many=True)
    by_month = serializers.DictField(child=serializers.CharField())
    not_by_month = serializers.CharField()
    lines = LineSerializer(many=True)


class DeclarationSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.CharField(read_only=True)
    previous = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="The version this one corrects; null for a first declaration.",
    )

    class Meta:
        model = Declaration
        fields = [
            "id",
            "municipality",
            "year",
            "version",
            "status",
            "previous",
            "reason",
            "total",
            "submitted_at",
        ]


class DeclarationDetailSerializer(DeclarationSerializer):
    figures = serializers.SerializerMethodField()

    class Meta(DeclarationSerializer.Meta):
        fields = [*DeclarationSerializer.Meta.fields, "figures", "scenario", "parameters"]

    def get_figures(self, declaration) -> dict:
        from ..figures import DeclarationData

        return data_payload(DeclarationData.from_declaration(declaration))


class SubmitSerializer(serializers.Serializer):
    year = serializers.IntegerField(validators=[validate_year])


class CorrectSerializer(SubmitSerializer):
    reason = serializers.CharField()


class CostLineSerializer(serializers.ModelSerializer):
    location = ScopedPrimaryKeyRelatedField(model=Location, required=False, allow_null=True)

    class Meta:
        model = CostLine
        fields = [
            "id",
            "year",
            "category",
            "amount",
            "month",
            "location",
            "description",
            "evidence",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class AdvanceRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdvanceRequest
        fields = ["id", "year", "amount", "estimate", "deadline", "note", "requested_at"]
        read_only_fields = ["estimate", "deadline", "requested_at"]
