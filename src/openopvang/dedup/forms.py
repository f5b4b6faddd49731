from django import forms
from django.utils.translation import gettext_lazy as _

from openopvang.core.mixins import DesignSystemFormMixin

from .models import MatchState, Verdict


class DecisionForm(DesignSystemFormMixin, forms.Form):
    verdict = forms.ChoiceField(
        label=_("Your decision"), choices=Verdict.choices, widget=forms.RadioSelect
    )


class StateFilterForm(DesignSystemFormMixin, forms.Form):
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("All pairs")), *MatchState.choices],
    )
