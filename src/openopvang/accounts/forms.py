"""Forms for logging in, the second factor and personal API tokens.

Widgets carry the NL Design System classes; Django links help texts and
errors to the input with aria-describedby (`<id>_helptext`, `<id>_error`),
which accounts/templates/accounts/_field.html renders with those ids."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from openopvang.core.mixins import DesignSystemFormMixin

from .models import Organisation

TEXTBOX_CLASS = "utrecht-textbox utrecht-textbox--html-input"


class StyledFormMixin:
    """Give every visible input the Utrecht textbox class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not field.widget.is_hidden:
                existing = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{existing} {TEXTBOX_CLASS}".strip()


class LoginForm(StyledFormMixin, AuthenticationForm):
    """Django's authentication form: it passes the request to authenticate(),
    so django-axes counts failed attempts per user name and address."""

    error_messages = {
        "invalid_login": _("This user name and password do not match. Both are case-sensitive."),
        "inactive": _("This account is inactive. Contact your administrator."),
    }


class OtpCodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Six-digit code"),
        help_text=_("The code your authenticator app shows now."),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise forms.ValidationError(_("Enter the six digits shown in your app."))
        return code


class TokenCreateForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the name of the integration."),
    )
    expires_in_days = forms.IntegerField(
        label=_("Valid for (days)"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("Leave empty for a token that does not expire."),
    )


class OrganisationSettingsForm(DesignSystemFormMixin, forms.ModelForm):
    """What an administrator keeps about the own organisation; the name,
    code and kind come from the CBS list and are not edited here."""

    class Meta:
        model = Organisation
        fields = [
            "letter_name",
            "street_address",
            "postcode",
            "city",
            "phone",
            "email",
            "kvk_number",
            "iban",
            "bic",
        ]
        labels = {
            "email": _("Contact e-mail"),
            "iban": _("IBAN (debtor account for payments)"),
            "bic": _("BIC"),
        }
        help_texts = {
            "email": _("Where replies to letters and invoices go."),
            "bic": _("Optional for a Dutch IBAN; the bank code, such as BNGHNL2G."),
        }


class InviteForm(DesignSystemFormMixin, forms.Form):
    """A new colleague of the administrator's own organisation."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The invitation goes here; it is also the user name for logging in."),
    )
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, role_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices


class RoleForm(DesignSystemFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, role_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices


class InvitationPasswordForm(StyledFormMixin, SetPasswordForm):
    """Django's form for a new password, with its checks (length, common
    passwords, similarity to the name)."""
