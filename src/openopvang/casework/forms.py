"""Forms of the casework pages. The rules live on the models and services;
the forms only shape the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openopvang.core.mixins import DesignSystemFormMixin
from openopvang.registry.models import Location

from . import selectors
from .models import (
    BlockerKind,
    ClosureReason,
    DeadlineKind,
    DecisionKind,
    DepartureKind,
    SituationCode,
)

REFERENCE_HELP = _("E.g. RvS 23 April 2025, ECLI:NL:RVS:2025:1836, or the IND decision number.")


class _UserLabelChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class SituationFields(forms.Form):
    code = forms.ChoiceField(label=_("Situation"), choices=SituationCode.choices)
    start_date = forms.DateField(
        label=_("Since"), help_text=_("The day the decision or ruling took effect or was served.")
    )
    decision_reference = forms.CharField(
        label=_("Decision or ruling"), max_length=200, required=False, help_text=REFERENCE_HELP
    )
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}))


class SituationForm(DesignSystemFormMixin, SituationFields):
    """Record a change of situation on one case."""


class CaseOpenForm(DesignSystemFormMixin, SituationFields):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    opened_on = forms.DateField(label=_("Opened on"))
    caseworker = _UserLabelChoice(
        label=_("Caseworker"), queryset=None, required=False, empty_label=_("Not assigned")
    )
    field_order = ["person", "opened_on", "caseworker", "code", "start_date"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = selectors.persons_without_open_case(user)
        self.fields["caseworker"].queryset = selectors.caseworkers(user.organisation)
        self.fields["code"].label = _("First situation")
        self.order_fields(self.field_order)


class CloseForm(DesignSystemFormMixin, forms.Form):
    closed_on = forms.DateField(label=_("Closed on"))
    closure_reason = forms.ChoiceField(label=_("Closure reason"), choices=ClosureReason.choices)
    closure_note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SuspensionForm(DesignSystemFormMixin, forms.Form):
    start_date = forms.DateField(label=_("Clock stops on"))
    end_date = forms.DateField(
        label=_("Clock runs again after"),
        required=False,
        help_text=_("The last day of the suspension. Empty: until you end it."),
    )
    decision_reference = forms.CharField(
        label=_("Decision or ruling"), max_length=200, required=False, help_text=REFERENCE_HELP
    )
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}))


class EndSuspensionForm(DesignSystemFormMixin, forms.Form):
    end_date = forms.DateField(label=_("Last day of the suspension"))


class ExtensionForm(DesignSystemFormMixin, forms.Form):
    days = forms.IntegerField(label=_("Days added"), min_value=1, max_value=365)
    decision_reference = forms.CharField(
        label=_("Decision or ruling"), max_length=200, required=False, help_text=REFERENCE_HELP
    )
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}))


def _caseworker_choices(user):
    return [
        ("", _("Everyone")),
        ("me", _("My cases")),
        ("none", _("Not assigned")),
    ] + [
        (str(worker.pk), worker.get_full_name() or worker.get_username())
        for worker in selectors.caseworkers(user.organisation)
    ]


class CaseSearchForm(DesignSystemFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, help_text=_("Name, BSN or decision reference.")
    )
    caseworker = forms.ChoiceField(label=_("Caseworker"), required=False)
    situation = forms.ChoiceField(
        label=_("Situation"),
        required=False,
        choices=[("", _("All situations")), *SituationCode.choices],
    )
    due = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[("", _("Any")), ("overdue", _("Overdue")), ("soon", _("Due within 7 days"))],
    )
    location = forms.ModelChoiceField(
        label=_("Location today"), required=False, queryset=None, empty_label=_("All locations")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("Open cases")), ("closed", _("Closed cases")), ("all", _("All"))],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["caseworker"].choices = _caseworker_choices(user)
        self.fields["location"].queryset = Location.objects.for_user(user)


class DeadlineFilterForm(DesignSystemFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All open deadlines")),
            ("overdue", _("Overdue")),
            ("soon", _("Due within 7 days")),
            ("stopped", _("Clock stopped")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *DeadlineKind.choices]
    )
    caseworker = forms.ChoiceField(label=_("Caseworker"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].choices = _caseworker_choices(user)


BULK_SITUATION, BULK_ASSIGN, BULK_LETTER = "situation", "assign", "letter"


class BulkSelectForm(forms.Form):
    """The work list's selection: which cases, which action."""

    cases = forms.ModelMultipleChoiceField(
        queryset=None, error_messages={"required": _("Select at least one case.")}
    )
    action = forms.ChoiceField(
        choices=[
            (BULK_SITUATION, _("Record a situation change")),
            (BULK_ASSIGN, _("Assign to a caseworker")),
            (BULK_LETTER, _("Send a letter")),
        ]
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = selectors.open_cases(user)


class BulkSituationForm(DesignSystemFormMixin, SituationFields):
    """The one change (and decision reference) recorded for every selected case."""


class BulkAssignForm(DesignSystemFormMixin, forms.Form):
    caseworker = _UserLabelChoice(label=_("Caseworker"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = selectors.caseworkers(user.organisation)


# --- the way out: COA transfer, departure, eviction ---------------------------------------

NOTE = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
WHY = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}))


class TransferRequestForm(DesignSystemFormMixin, forms.Form):
    requested_on = forms.DateField(label=_("Requested on"))
    note = NOTE


class TransferOfferForm(DesignSystemFormMixin, forms.Form):
    offered_on = forms.DateField(label=_("Place offered on"))
    coa_location = forms.CharField(label=_("COA location"), max_length=200)


class TransferCompleteForm(DesignSystemFormMixin, forms.Form):
    transferred_on = forms.DateField(
        label=_("Transferred on"),
        help_text=_("The last day in municipal reception; the case closes on it."),
    )


class CancelForm(DesignSystemFormMixin, forms.Form):
    note = WHY


class BlockerForm(DesignSystemFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Blocker"), choices=BlockerKind.choices)
    start_date = forms.DateField(label=_("From"))
    end_date = forms.DateField(label=_("To"), required=False, help_text=_("Empty: until ended."))
    note = NOTE


class EndBlockerForm(DesignSystemFormMixin, forms.Form):
    end_date = forms.DateField(label=_("Last day of the blocker"))


class DepartureForm(DesignSystemFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Departs"), choices=DepartureKind.choices)
    planned_on = forms.DateField(label=_("Planned for"))
    dtv_registered_on = forms.DateField(
        label=_("Registered with DT&V on"),
        required=False,
        help_text=_("Decides which DT&V return contribution applies."),
    )
    note = NOTE


class DepartedForm(DesignSystemFormMixin, forms.Form):
    departed_on = forms.DateField(
        label=_("Departed on"),
        help_text=_("The last day in municipal reception; the case closes on it."),
    )


class EvictionStepForm(DesignSystemFormMixin, forms.Form):
    done_on = forms.DateField(label=_("Done on"))
    reference = forms.CharField(
        label=_("Reference"),
        max_length=200,
        required=False,
        help_text=_("E.g. the letter's date and number, or the DT&V or police contact."),
    )
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))


# --- decisions ----------------------------------------------------------------------------


class DecisionCorrectionForm(DesignSystemFormMixin, forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=200, help_text=REFERENCE_HELP)
    decided_on = forms.DateField(label=_("Decided on"))
    summary = forms.CharField(label=_("What was decided"), widget=forms.Textarea(attrs={"rows": 4}))


class DecisionForm(DecisionCorrectionForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=DecisionKind.choices,
        help_text=_("A municipal decision takes effect once a second officer approves it."),
    )
    field_order = ["kind", "reference", "decided_on", "summary"]


class ApproveForm(DesignSystemFormMixin, forms.Form):
    """Nothing to fill in: the page shows the decision, the button approves it."""


class WithdrawForm(DesignSystemFormMixin, forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"))
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}))
