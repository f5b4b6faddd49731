from rest_framework import serializers

from ..models import LetterTemplate, SentLetter, TemplateText, TemplateVersion


class TemplateTextSerializer(serializers.ModelSerializer):
    language = serializers.CharField(read_only=True, help_text="ISO 639-1 code: nl, en, uk, ru, ar")

    class Meta:
        model = TemplateText
        fields = ["language", "subject", "body"]


class TemplateVersionSerializer(serializers.ModelSerializer):
    texts = TemplateTextSerializer(many=True, read_only=True)

    class Meta:
        model = TemplateVersion
        fields = ["number", "note", "created_at", "texts"]


class LetterTemplateSerializer(serializers.ModelSerializer):
    """A letter template of your municipality with its current version's texts."""

    current = serializers.SerializerMethodField()

    class Meta:
        model = LetterTemplate
        fields = ["id", "letter_type", "created_at", "current"]

    def get_current(self, template) -> TemplateVersionSerializer:
        version = template.current
        return TemplateVersionSerializer(version).data if version else None


class SentLetterSerializer(serializers.ModelSerializer):
    """A letter made for a person: type, template version, language, channel."""

    version = serializers.IntegerField(source="version.number", read_only=True)
    language = serializers.CharField(read_only=True, help_text="ISO 639-1 code: nl, en, uk, ru, ar")

    class Meta:
        model = SentLetter
        fields = [
            "id",
            "person",
            "letter_type",
            "version",
            "language",
            "channel",
            "subject",
            "batch",
            "sent_at",
            "sent_by",
        ]
        read_only_fields = fields
