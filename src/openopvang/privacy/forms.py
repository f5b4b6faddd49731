from django import forms
from django.utils.translation import gettext_lazy as _

from openopvang.core.mixins import DesignSystemFormMixin

from .models import RecordKind
from .retention import DEFAULTS


class RetentionForm(DesignSystemFormMixin, forms.Form):
    """One period per kind of record, in months after leaving reception."""

    def __init__(self, *args, periods: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, rule in DEFAULTS.items():
            self.fields[kind] = forms.IntegerField(
                label=RecordKind(kind).label,
                min_value=1,
                max_value=240,
                initial=periods[kind],
                help_text=_("National default %(default)s months; at least %(minimum)s.")
                % {"default": rule.months, "minimum": rule.minimum_months},
            )
