"""Forms of the help pages. The public ones ask no more than needed: the
feedback box nothing personal, the booking a name and a phone number or an
e-mail address. Both carry a honeypot field people never see."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openopvang.core.mixins import DesignSystemFormMixin

from .models import (
    CONTENT_LANGUAGES,
    Agency,
    ConsultationHour,
    Desk,
    Document,
    DocumentVersion,
    NewsletterIssue,
    Topic,
    TopicText,
)

HONEYPOT = "website"


class HoneypotMixin(forms.Form):
    """A field hidden from people (and from screen readers); a bot that fills it is refused."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix(HONEYPOT)))


class FeedbackForm(DesignSystemFormMixin, HoneypotMixin):
    prefix = "feedback"  # beside the booking form on one page, with its own ids
    page = forms.CharField(widget=forms.HiddenInput, max_length=300)
    message = forms.CharField(
        label=_("Is something missing here? Tell us (please do not write personal details)."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BookingForm(DesignSystemFormMixin, HoneypotMixin):
    name = forms.CharField(label=_("Your name"), max_length=120)
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("Give a phone number or an e-mail address."))
        return data


class CancelWithCodeForm(DesignSystemFormMixin, HoneypotMixin):
    """For a booker without e-mail: the phone number booked with and the code
    from the confirmation page."""

    phone = forms.CharField(
        label=_("The phone number you booked with"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    code = forms.CharField(
        label=_("Your cancel code"),
        help_text=_("Eight letters and digits, e.g. 7K3M-QX2A, from your confirmation."),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class TopicForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["code", "audience", "agency", "position"]


class TopicTextForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = TopicText
        fields = ["title", "answer"]
        # Arabic is written right to left: the browser follows the text typed.
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "answer": forms.Textarea(attrs={"dir": "auto"}),
        }


class AgencyForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["code", "name", "email", "website", "phone", "hours", "languages"]


class DeskForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Desk
        fields = ["name", "address", "email", "phone", "opening_hours", "languages"]


class HourForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = ConsultationHour
        fields = [
            "subject",
            "topic",
            "mode",
            "location",
            "languages",
            "starts_at",
            "duration_minutes",
            "capacity",
            "cancelled",
        ]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}


class DocumentForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Document
        fields = ["kind", "audience", "topic", "publisher", "published_on"]
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"})}


class DocumentVersionForm(DesignSystemFormMixin, forms.ModelForm):
    """One language version: a file upload or a link (the service checks the
    file and keeps one of the two)."""

    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, ODT, PNG or JPEG; at most 20 MB."),
    )

    class Meta:
        model = DocumentVersion
        fields = ["title", "summary", "validity_note", "link"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "validity_note": forms.Textarea(attrs={"rows": 2}),
        }


class SubscribeForm(DesignSystemFormMixin, HoneypotMixin):
    prefix = "subscribe"
    email = forms.EmailField(label=_("Your work e-mail address"))
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=CONTENT_LANGUAGES)


class IssueForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = NewsletterIssue
        fields = ["language", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
