import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from openopvang.core.mixins import DesignSystemFormMixin
from openopvang.registry.models import Location

DEFAULT_DAYS = 90
MAX_DAYS = 731


class PeriodForm(DesignSystemFormMixin, forms.Form):
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("To"), required=False)
    location = forms.ModelChoiceField(
        label=_("Location"),
        queryset=Location.objects.none(),
        required=False,
        empty_label=_("All locations"),
    )

    def __init__(self, *args, user, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["location"].queryset = Location.objects.for_user(user).order_by("name")

    def clean(self):
        data = super().clean()
        end = data.get("end") or self.today
        start = data.get("start") or end - datetime.timedelta(days=DEFAULT_DAYS - 1)
        if end < start:
            raise forms.ValidationError(_("The end of the period is before its start."))
        if (end - start).days >= MAX_DAYS:
            raise forms.ValidationError(_("Choose a period of at most two years."))
        data["start"], data["end"] = start, end
        return data

    def period(self):
        """(start, end, location): the valid choice, or the default period."""
        if self.is_valid():
            return (
                self.cleaned_data["start"],
                self.cleaned_data["end"],
                self.cleaned_data["location"],
            )
        end = self.today
        return end - datetime.timedelta(days=DEFAULT_DAYS - 1), end, None


class DayForm(DesignSystemFormMixin, forms.Form):
    day = forms.DateField(label=_("Day"), required=False)
