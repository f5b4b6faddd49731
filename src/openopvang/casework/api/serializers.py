"""The casework API's representations, and the inputs of its writes. The
writes go through casework.services, as the web forms do: the serializers
only shape the input; the rules are in the services and the models."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from openopvang.core.api.fields import ScopedPrimaryKeyRelatedField
from openopvang.registry.models import Person

from .. import selectors
from ..models import (
    BlockerKind,
    Case,
    ClosureReason,
    Deadline,
    Decision,
    DecisionKind,
    Departure,
    DepartureKind,
    EvictionStep,
    EvictionStepCode,
    Extension,
    Situation,
    SituationCode,
    Suspension,
    Transfer,
    TransferBlocker,
)


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


class SituationCreateSerializer(serializers.Serializer):
    """A change of situation from `start_date`, after the case's current one:
    the deadlines of the situation before stop applying that day, the new
    situation's deadlines are derived."""

    case = ScopedPrimaryKeyRelatedField(model=Case)
    code = serializers.ChoiceField(choices=SituationCode.choices)
    start_date = serializers.DateField(
        help_text="The day the decision or ruling took effect or was served."
    )
    reason = serializers.CharField(help_text="Why the situation changed.")
    decision_reference = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="E.g. RvS 23 April 2025, ECLI:NL:RVS:2025:1836, or the IND decision number.",
    )


class SuspensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Suspension
        fields = ["id", "start_date", "end_date", "reason", "decision_reference", "recorded_by"]
        read_only_fields = fields


class ExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Extension
        fields = ["id", "days", "reason", "decision_reference", "recorded_by", "recorded_at"]
        read_only_fields = fields


class DeadlineSerializer(serializers.ModelSerializer):
    """A deadline derived from a situation: legal deadline and target date
    computed from the term rules, suspensions and extensions."""

    suspensions = SuspensionSerializer(many=True, read_only=True)
    extensions = ExtensionSerializer(many=True, read_only=True)

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
            "suspensions",
            "extensions",
        ]
        read_only_fields = fields


class TaskSerializer(DeadlineSerializer):
    """A deadline that asks for action now, with why: `overdue`, `due_soon`
    (within 7 days) or `reminder` (past its reminder day)."""

    status = serializers.SerializerMethodField()
    person = serializers.IntegerField(source="case.person_id", read_only=True)

    class Meta(DeadlineSerializer.Meta):
        fields = [*DeadlineSerializer.Meta.fields, "person", "status"]
        read_only_fields = fields

    def get_status(self, deadline) -> str:
        today = self.context["today"]
        if deadline.due_date and deadline.due_date < today:
            return "overdue"
        if deadline.due_date and deadline.due_date <= selectors.due_soon_until(today):
            return "due_soon"
        return "reminder"


class SuspendSerializer(serializers.Serializer):
    """Stop the clock from `start_date`, to `end_date` or, without it, until
    the suspension is ended (`end-suspension`)."""

    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    reason = serializers.CharField()
    decision_reference = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class EndSuspensionSerializer(serializers.Serializer):
    end_date = serializers.DateField(help_text="The last day the clock stood still.")


class ExtendSerializer(serializers.Serializer):
    days = serializers.IntegerField(min_value=1, max_value=365)
    reason = serializers.CharField()
    decision_reference = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


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


@extend_schema_field(OpenApiTypes.INT)
class _CaseworkerField(serializers.PrimaryKeyRelatedField):
    """A caseworker, coordinator or administrator of the caller's municipality."""

    def get_queryset(self):
        request = self.context.get("request")
        return selectors.caseworkers(getattr(request.user, "organisation", None))


class CaseOpenSerializer(serializers.Serializer):
    """A case for a person of your municipality without an open case, with its
    first situation."""

    person = ScopedPrimaryKeyRelatedField(model=Person)
    opened_on = serializers.DateField()
    caseworker = _CaseworkerField(required=False, allow_null=True, default=None)
    code = serializers.ChoiceField(choices=SituationCode.choices, help_text="First situation.")
    start_date = serializers.DateField(help_text="The first situation's start.")
    reason = serializers.CharField()
    decision_reference = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class CaseAssignSerializer(serializers.Serializer):
    """Assign the case to a caseworker (null: to nobody)."""

    caseworker = _CaseworkerField(allow_null=True)


class CaseCloseSerializer(serializers.Serializer):
    closed_on = serializers.DateField(help_text="The person's last day in municipal reception.")
    closure_reason = serializers.ChoiceField(choices=ClosureReason.choices)
    closure_note = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionSerializer(serializers.ModelSerializer):
    """A decision (besluit) or ruling on a case, with its history: a
    correction is a new decision that `corrects` the old one; a municipal
    decision is `awaiting_approval` until a second officer approves it."""

    corrected_by = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "case",
            "kind",
            "reference",
            "decided_on",
            "summary",
            "status",
            "corrects",
            "corrected_by",
            "recorded_by",
            "recorded_at",
            "approved_by",
            "approved_at",
            "withdrawn_on",
            "withdrawal_reason",
        ]
        read_only_fields = fields


class DecisionCreateSerializer(serializers.Serializer):
    case = ScopedPrimaryKeyRelatedField(model=Case)
    kind = serializers.ChoiceField(choices=DecisionKind.choices)
    reference = serializers.CharField(max_length=200)
    decided_on = serializers.DateField()
    summary = serializers.CharField()


class DecisionCorrectSerializer(serializers.Serializer):
    reference = serializers.CharField(max_length=200)
    decided_on = serializers.DateField()
    summary = serializers.CharField()


class DecisionWithdrawSerializer(serializers.Serializer):
    withdrawn_on = serializers.DateField()
    reason = serializers.CharField()


# --- leaving municipal reception: COA transfer, departure, eviction steps ----------


class TransferSerializer(serializers.ModelSerializer):
    """A COA transfer: requested, a place offered, transferred (or cancelled)."""

    class Meta:
        model = Transfer
        fields = [
            "id",
            "case",
            "status",
            "requested_on",
            "offered_on",
            "coa_location",
            "transferred_on",
            "note",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = fields


class TransferCreateSerializer(serializers.Serializer):
    case = ScopedPrimaryKeyRelatedField(model=Case)
    requested_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TransferOfferSerializer(serializers.Serializer):
    offered_on = serializers.DateField()
    coa_location = serializers.CharField(max_length=200)


class TransferCompleteSerializer(serializers.Serializer):
    transferred_on = serializers.DateField(
        help_text="The person's last day in municipal reception; refused on a day a blocker holds."
    )


class CancelSerializer(serializers.Serializer):
    note = serializers.CharField(help_text="Why it is cancelled.")


class TransferBlockerSerializer(serializers.ModelSerializer):
    """What stops a COA transfer for a while (hospital, custody)."""

    class Meta:
        model = TransferBlocker
        fields = ["id", "case", "kind", "start_date", "end_date", "note", "recorded_at"]
        read_only_fields = fields


class TransferBlockerCreateSerializer(serializers.Serializer):
    case = ScopedPrimaryKeyRelatedField(model=Case)
    kind = serializers.ChoiceField(choices=BlockerKind.choices)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EndDateSerializer(serializers.Serializer):
    end_date = serializers.DateField()


class DepartureSerializer(serializers.ModelSerializer):
    """A departure: planned (voluntary, with IOM, with DT&V), departed or cancelled."""

    class Meta:
        model = Departure
        fields = [
            "id",
            "case",
            "status",
            "kind",
            "planned_on",
            "dtv_registered_on",
            "departed_on",
            "note",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = fields


class DepartureCreateSerializer(serializers.Serializer):
    case = ScopedPrimaryKeyRelatedField(model=Case)
    kind = serializers.ChoiceField(choices=DepartureKind.choices)
    planned_on = serializers.DateField()
    dtv_registered_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DepartureRecordSerializer(serializers.Serializer):
    departed_on = serializers.DateField(help_text="The person's last day in municipal reception.")


class EvictionStepSerializer(serializers.ModelSerializer):
    """One step of the eviction checklist, in the order the VNG advice gives."""

    class Meta:
        model = EvictionStep
        fields = [
            "id",
            "case",
            "step",
            "done_on",
            "reference",
            "note",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = fields


class EvictionStepCreateSerializer(serializers.Serializer):
    case = ScopedPrimaryKeyRelatedField(model=Case)
    step = serializers.ChoiceField(
        choices=EvictionStepCode.choices, help_text="Only the next step of the checklist."
    )
    done_on = serializers.DateField()
    note = serializers.CharField()
    reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
