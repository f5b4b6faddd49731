from django import forms
from django.utils.translation import gettext_lazy as _

from openopvang.core.mixins import DesignSystemFormMixin
from openopvang.registry.models import Household
from openopvang.rules.engine.dates import parse_month

from .models import EigenBijdrageReduction, MunicipalPolicy


class MonthField(forms.CharField):
    """A month as YYYY-MM (the browser's month picker sends exactly that)."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2025-03"})

    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_month(value)
        except ValueError:
            raise forms.ValidationError(_("Give the month as YYYY-MM, e.g. 2025-03.")) from None


class RunForm(DesignSystemFormMixin, forms.Form):
    month = MonthField(label=_("Month"))
    execution_date = forms.DateField(
        label=_("Payment date"),
        required=False,
        help_text=_(
            "Requested execution date in the SEPA file; empty: the 1st of the month, "
            "or today if that has passed."
        ),
    )


class PolicyForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = MunicipalPolicy
        fields = [
            "household_income_stop",
            "partial_month",
            "switch_2023_date",
            "eigen_bijdrage_floor",
            "recompute_months",
        ]


class ReductionForm(DesignSystemFormMixin, forms.ModelForm):
    month = MonthField(label=_("Month"))

    class Meta:
        model = EigenBijdrageReduction
        fields = ["household", "month", "amount", "reason"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = Household.objects.for_user(user)
