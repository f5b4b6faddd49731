import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from ..models import (
    LANGUAGE_CHOICES,
    Channel,
    LetterBatch,
    LetterTemplate,
    SentLetter,
    TemplateText,
    TemplateVersion,
)
from ..types import all_types, get_type


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
            "delivery",
            "failure",
            "subject",
            "batch",
            "sent_at",
            "sent_by",
        ]
        read_only_fields = fields


# -- writes ------------------------------------------------------------------------------

NOT_YOURS = gettext_lazy("Not a person of your municipality.")
NO_TEXT = gettext_lazy("This version has no text in that language.")


def not_yours(ids) -> str:
    return _("Not persons of your municipality: %(ids)s.") % {
        "ids": ", ".join(str(pk) for pk in ids)
    }


def _type_code(value: str) -> str:
    if get_type(value) is None:
        raise serializers.ValidationError(
            _("Unknown letter type. Known: %(known)s.")
            % {"known": ", ".join(t.code for t in all_types())}
        )
    return value


class TemplateTextWriteSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, help_text="nl, en, uk, ru or ar")
    subject = serializers.CharField(max_length=200, allow_blank=True)
    body = serializers.CharField(allow_blank=True)


class LetterTemplateWriteSerializer(serializers.Serializer):
    """A new version of your municipality's template of a letter type (the
    template is made when there is none yet): a subject and text per language,
    Dutch required; every placeholder is checked when it is saved."""

    letter_type = serializers.CharField(max_length=40)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    texts = TemplateTextWriteSerializer(many=True, allow_empty=False)

    def validate_letter_type(self, value):
        return _type_code(value)

    def validate_texts(self, value):
        languages = [text["language"] for text in value]
        if len(set(languages)) != len(languages):
            raise serializers.ValidationError(_("Give each language once."))
        return value


def parse_asked(letter_type, given: dict) -> dict:
    """The values a letter type asks for (a day "YYYY-MM-DD", a month "YYYY-MM"),
    all required; ValidationError keyed by the value's name."""
    given = given or {}
    asked, errors = {}, {}
    for ask in letter_type.asks:
        raw = str(given.get(ask.name) or "").strip()
        try:
            if ask.kind == "month":
                day = datetime.date.fromisoformat(raw if len(raw) > 7 else f"{raw}-01")
                asked[ask.name] = day.replace(day=1)
            else:
                asked[ask.name] = datetime.date.fromisoformat(raw)
        except ValueError:
            errors[ask.name] = [
                _("Give the month as YYYY-MM.")
                if ask.kind == "month"
                else _("Give the day as YYYY-MM-DD.")
            ]
    unknown = sorted(set(given) - {ask.name for ask in letter_type.asks})
    for name in unknown:
        errors[name] = [_("This letter does not ask for this value.")]
    if errors:
        raise serializers.ValidationError({"asked": errors})
    return asked


class LetterRequestSerializer(serializers.Serializer):
    """One letter for one person of your municipality."""

    person = serializers.IntegerField(help_text="The person's id")
    letter_type = serializers.CharField(max_length=40)
    language = serializers.ChoiceField(
        choices=LANGUAGE_CHOICES,
        required=False,
        allow_blank=True,
        help_text="Empty: the person's own language (else Dutch)",
    )
    asked = serializers.DictField(
        child=serializers.CharField(),
        required=False,
        default=dict,
        help_text='The values the letter type asks for, e.g. {"month": "2025-11"} or '
        '{"reception_ends_on": "2027-01-05"}',
    )
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.PRINT)

    def validate_letter_type(self, value):
        return _type_code(value)

    def validate(self, data):
        data["asked"] = parse_asked(get_type(data["letter_type"]), data.get("asked"))
        return data


class LetterPreviewSerializer(LetterRequestSerializer):
    """A letter for one person as it would be sent (PDF), not kept."""

    channel = None


class LetterBatchWriteSerializer(serializers.Serializer):
    """Letters of one type for persons of your municipality, made in the background."""

    letter_type = serializers.CharField(max_length=40)
    persons = serializers.ListField(
        child=serializers.IntegerField(),
        allow_empty=False,
        max_length=20000,
        help_text="Person ids, in the order of the print run",
    )
    asked = serializers.DictField(
        child=serializers.CharField(),
        required=False,
        default=dict,
        help_text="The values the letter type asks for, one for the whole batch",
    )
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.PRINT)

    def validate_letter_type(self, value):
        return _type_code(value)

    def validate(self, data):
        data["asked"] = parse_asked(get_type(data["letter_type"]), data.get("asked"))
        return data


class BatchErrorSerializer(serializers.Serializer):
    person = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    reason = serializers.CharField()


class LetterBatchSerializer(serializers.ModelSerializer):
    """A batch's progress: letters done of the count, the persons whose letter
    could not be made (with why), and whether its files can be downloaded."""

    percent = serializers.IntegerField(read_only=True)
    errors = BatchErrorSerializer(many=True, read_only=True)
    files = serializers.SerializerMethodField()

    class Meta:
        model = LetterBatch
        fields = [
            "id",
            "letter_type",
            "channel",
            "status",
            "count",
            "done",
            "percent",
            "errors",
            "cancel_requested",
            "asked",
            "created_at",
            "finished_at",
            "created_by",
            "files",
        ]
        read_only_fields = fields

    def get_files(self, batch) -> list[str]:
        """The downloads ready: "pdf" (the print run) and "zip" (a PDF per letter)."""
        return ["pdf", "zip"] if batch.is_finished and batch.has_files else []
