from rest_framework import serializers

from ..models import Confidence


class ReferenceSerializer(serializers.Serializer):
    publication = serializers.CharField()
    article = serializers.CharField()
    url = serializers.URLField(required=False)


class ParameterValueSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField(
        allow_null=True, help_text="As written; null: until the next value."
    )
    applies_until = serializers.DateField(allow_null=True, help_text="Last day the value applies.")
    value = serializers.CharField()
    reference = ReferenceSerializer()
    confidence = serializers.ChoiceField(choices=Confidence.values)
    note = serializers.CharField(allow_blank=True)
    origin = serializers.ChoiceField(choices=["file", "database"])


class ParameterSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.DictField(child=serializers.CharField())
    unit = serializers.CharField()
    source = serializers.CharField(help_text="The YAML file that defines the parameter.")
    values = ParameterValueSerializer(many=True)
