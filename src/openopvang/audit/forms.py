from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from openopvang.rules.validators import validate_platform_date

from .models import AuditAction

INPUT_CLASS = "utrecht-textbox utrecht-textbox--html-input"
SELECT_CLASS = "utrecht-select utrecht-select--html-select"


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=_("User"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("All users"),
        widget=forms.Select(attrs={"class": SELECT_CLASS}),
    )
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *AuditAction.choices],
        widget=forms.Select(attrs={"class": SELECT_CLASS}),
    )
    object_type = forms.ChoiceField(
        label=_("Object type"),
        required=False,
        widget=forms.Select(attrs={"class": SELECT_CLASS}),
    )
    object_id = forms.CharField(
        label=_("Object id"),
        required=False,
        max_length=64,
        help_text=_(
            "With an object type: the events of that record, including the lists and pages "
            "that showed it."
        ),
        widget=forms.TextInput(attrs={"class": INPUT_CLASS}),
    )
    subject = forms.IntegerField(
        label=_("Data subject (person id)"),
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("Every event about this person and the records that refer to them."),
        widget=forms.NumberInput(attrs={"class": INPUT_CLASS}),
    )
    date_from = forms.DateField(
        validators=[validate_platform_date],
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": INPUT_CLASS}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        validators=[validate_platform_date],
        label=_("To (inclusive)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": INPUT_CLASS}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, user, object_types: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.order_by("username")
        if not user.is_superuser:
            users = users.filter(organisation_id=user.organisation_id)
        self.fields["actor"].queryset = users
        self.fields["object_type"].choices = [
            ("", _("All object types")),
            *((value, value) for value in object_types),
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return data

    def filters(self) -> dict:
        """The valid filters; an invalid field is left out (and shown as an error)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "actor": data.get("actor"),
            "action": data.get("action") or "",
            "object_type": data.get("object_type") or "",
            "object_id": (data.get("object_id") or "").strip(),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "subject": data.get("subject"),
        }
