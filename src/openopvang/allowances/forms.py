from django import forms
from django.utils.translation import gettext_lazy as _

from openopvang.core.forms import MonthFormField
from openopvang.core.mixins import DesignSystemFormMixin
from openopvang.core.validators import validate_platform_date
from openopvang.registry.models import Household

from .models import EigenBijdrageReduction, MunicipalPolicy


class RunForm(DesignSystemFormMixin, forms.Form):
    month = MonthFormField(label=_("Month"))
    execution_date = forms.DateField(
        label=_("Payment date"),
        required=False,
        validators=[validate_platform_date],
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
            "income_band",
            "eigen_bijdrage_floor",
            "recompute_months",
        ]


class ReductionForm(DesignSystemFormMixin, forms.ModelForm):
    month = MonthFormField(label=_("Month"))

    class Meta:
        model = EigenBijdrageReduction
        fields = ["household", "month", "amount", "reason"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = Household.objects.for_user(user)
