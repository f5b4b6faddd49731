from django import forms
from django.utils.translation import gettext_lazy as _

from openopvang.core.forms import MonthFormField
from openopvang.core.mixins import DesignSystemFormMixin
from openopvang.registry.models import Location

from .models import AdvanceRequest, CostCategory, CostLine, YearSettings
from .years import validate_year


class CostLineForm(DesignSystemFormMixin, forms.ModelForm):
    month = MonthFormField(
        label=_("Month"),
        required=False,
        help_text=_("Optional: the month the cost belongs to (YYYY-MM)."),
    )

    class Meta:
        model = CostLine
        fields = ["category", "amount", "month", "location", "description", "evidence"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.for_user(user).order_by("name")
        if self.instance.category != CostCategory.ACTUAL_HOTEL_SHIP_CATERING:
            # Not offered for new lines (decision 0010); a stored line keeps it.
            self.fields["category"].choices = [
                choice
                for choice in self.fields["category"].choices
                if choice[0] != CostCategory.ACTUAL_HOTEL_SHIP_CATERING
            ]


class YearSettingsForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = YearSettings
        fields = ["actual_cost_goo", "actual_cost_reason"]
        widgets = {"actual_cost_reason": forms.Textarea(attrs={"rows": 3})}


class AdvanceRequestForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = AdvanceRequest
        fields = ["amount", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class CorrectionForm(DesignSystemFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 3})
    )


class YearForm(forms.Form):
    year = forms.IntegerField(validators=[validate_year])
