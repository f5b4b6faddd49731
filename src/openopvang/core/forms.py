"""Form pieces every app shares. The design-system mixin lives in
core/mixins.py (DesignSystemFormMixin)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import first_of_month


class MonthInput(forms.DateInput):
    """The browser's month picker; it sends YYYY-MM."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": "2025-03", **(attrs or {})}, format="%Y-%m")


class MonthFormField(forms.DateField):
    """A month as YYYY-MM (a full date is accepted too), cleaned to its first
    day: the form side of core.models.MonthField."""

    widget = MonthInput
    default_error_messages = {"invalid": _("Give the month as YYYY-MM, e.g. 2025-03.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m", "%Y-%m-%d"])
        super().__init__(**kwargs)

    def to_python(self, value):
        return first_of_month(super().to_python(value))
