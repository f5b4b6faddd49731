from rest_framework import serializers

from ..models import Case, Deadline, Situation


class SituationSerializer(serializers.ModelSerializer):
    """One entry of a case's situation history (never changed; a later entry follows it)."""

    class Meta:
        model = Situation
        fields = [
            "id",
            "case",
            "code",
            "start_date",
            "decision_reference",
            "reason",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = fields


class DeadlineSerializer(serializers.ModelSerializer):
    """A deadline derived from a situation: legal deadline and target date
    computed from the term rules, suspensions and extensions."""

    class Meta:
        model = Deadline
        fields = [
            "id",
            "case",
            "situation",
            "kind",
            "start_date",
            "legal_deadline",
            "target_date",
            "due_date",
            "reminder_date",
            "clock_stopped",
            "closed_on",
        ]
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer):
    """The casework of one person, with the current situation."""

    current_situation = serializers.CharField(
        source="current_code",
        read_only=True,
        allow_null=True,
        help_text="Code of the current situation.",
    )
    current_since = serializers.DateField(read_only=True, allow_null=True)
    next_due = serializers.DateField(
        read_only=True, allow_null=True, help_text="The earliest open deadline."
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "person",
            "caseworker",
            "opened_on",
            "closed_on",
            "closure_reason",
            "current_situation",
            "current_since",
            "next_due",
        ]
        read_only_fields = fields
