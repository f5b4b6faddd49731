"""Form pieces every app shares. The design-system mixin lives in
core/mixins.py (DesignSystemFormMixin); it also adds the confirmation box of
large amounts (`add_amount_confirmations`, `check_amount_confirmations`)."""

from decimal import Decimal

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import formatting
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


class MoneyInput(forms.TextInput):
    """A text box for an amount: `<input type=number>` reads "1250,50" as
    125050 in some browsers and refuses it in others; a text box passes what
    was typed, and MoneyFormField reads it the Dutch way. Phones show the
    keypad with the decimal sign."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"inputmode": "decimal", "autocomplete": "off", "class": "oo-amount-input"}
            | (attrs or {})
        )


class MoneyFormField(forms.DecimalField):
    """The one field of every amount in euros (ADR 0016): "1250,50",
    "1.250,50", "1250.50" and "€ 1.250,50" all mean € 1.250,50; what can be
    read two ways ("1.250") is refused with a sentence saying how to write it.
    Above `confirm_above` the form asks to confirm the amount (a checkbox next
    to the error, see add_amount_confirmations)."""

    widget = MoneyInput
    default_error_messages = {
        "invalid": _("Enter an amount in euros, such as 1250,50 or 1.250,50."),
        "ambiguous": _(
            "“%(value)s” can be read in two ways. Write the cents after a comma: "
            "1250,00 for one thousand two hundred and fifty euros, 1,25 for one euro "
            "twenty-five."
        ),
        "decimals": _("An amount has at most two decimals (the cents), such as 12,50."),
        "confirm": _(
            "%(amount)s is more than %(bound)s. Check the amount; if it is right, tick "
            "“Yes, this amount is right”."
        ),
    }

    def __init__(self, *, confirm_above=None, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        self.confirm_above = Decimal(confirm_above) if confirm_above is not None else None
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value).quantize(formatting.CENT)
        try:
            return formatting.parse_money(str(value))
        except formatting.MoneyInputError as error:
            raise forms.ValidationError(
                self.error_messages[error.code], code=error.code, params={"value": value}
            ) from None

    def prepare_value(self, value):
        # A stored Decimal('1250.50') shows as the reader writes it: 1250,50.
        if isinstance(value, Decimal | int):
            return formatting.amount(value, get_language(), grouped=False)
        return value

    def widget_attrs(self, widget):
        # Not DecimalField's: no step/min/max attributes for a text box.
        return forms.Field.widget_attrs(self, widget)

    def above_bound(self, value) -> bool:
        return self.confirm_above is not None and value is not None and value > self.confirm_above


CONFIRM_SUFFIX = "_confirmed"


def add_amount_confirmations(form) -> None:
    """A bound form whose typed amount is above its field's bound gets a
    checkbox "Yes, this amount is right" right after the amount."""
    if not form.is_bound:
        return
    fields = {}
    for name, field in form.fields.items():
        fields[name] = field
        if not isinstance(field, MoneyFormField) or field.confirm_above is None:
            continue
        try:
            typed = field.to_python(form.data.get(form.add_prefix(name)))
        except forms.ValidationError:
            continue
        if field.above_bound(typed):
            fields[name + CONFIRM_SUFFIX] = forms.BooleanField(
                label=_("Yes, this amount is right"), required=False
            )
    form.fields = fields


def check_amount_confirmations(form) -> None:
    """The amount above its bound without the tick: an error on the amount."""
    for name, field in list(form.fields.items()):
        if not isinstance(field, MoneyFormField):
            continue
        value = form.cleaned_data.get(name)
        if field.above_bound(value) and not form.cleaned_data.get(name + CONFIRM_SUFFIX):
            language = get_language()
            form.add_error(
                name,
                forms.ValidationError(
                    field.error_messages["confirm"],
                    code="confirm",
                    params={
                        "amount": formatting.money(value, language),
                        "bound": formatting.money(field.confirm_above, language),
                    },
                ),
            )
