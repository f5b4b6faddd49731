import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from openopvang.accounts.models import Organisation
from openopvang.core.forms import MonthFormField
from openopvang.core.mixins import DesignSystemFormMixin
from openopvang.registry.forms import PersonPickerField

from .models import Enrolment, Language, Offer, OfferLine, Service


class ServiceForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Service
        fields = [
            "code",
            "kind",
            "target_group",
            "unit",
            "standard_price",
            "capacity_per_group",
            "duration",
            "active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        texts = {t.language: t for t in self.instance.texts.all()} if self.instance.pk else {}
        for code, name in Language.choices:
            text = texts.get(code)
            self.fields[f"{code}_title"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name},
                required=code == "nl",
                initial=text.title if text else "",
                max_length=200,
            )
            self.fields[f"{code}_description"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=text.description if text else "",
            )
            self.fields[f"{code}_public_text"] = forms.CharField(
                label=_("Public text (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=text.public_text if text else "",
            )
        self.style_fields()

    def _post_clean(self):
        # Uniqueness of (provider, code) is checked by the service, which sets
        # the provider; skip the model validation of the half-built instance.
        pass

    def texts(self) -> dict[str, dict]:
        return {
            code: {
                key: self.cleaned_data.get(f"{code}_{key}", "")
                for key in ("title", "description", "public_text")
            }
            for code, _name in Language.choices
        }

    def apply(self, service: Service) -> Service:
        for name in self.Meta.fields:
            setattr(service, name, self.cleaned_data[name])
        return service


class OfferForm(DesignSystemFormMixin, forms.ModelForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Organisation.objects.municipalities().active(),
    )

    class Meta:
        model = Offer
        fields = ["municipality", "title", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        pass


class OfferLineForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = OfferLine
        fields = ["service", "units", "unit_price", "period_start", "period_end"]

    def __init__(self, *args, provider=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(provider=provider, active=True)
        self.fields["service"].label_from_instance = lambda service: service.title()

    def _post_clean(self):
        pass


class ReasonForm(DesignSystemFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class EnrolForm(DesignSystemFormMixin, forms.Form):
    order_line = forms.ModelChoiceField(label=_("Service"), queryset=None)
    person = PersonPickerField(label=_("Person"))
    enrolled_on = forms.DateField(label=_("Enrolled on"), initial=datetime.date.today)
    confirm_outside_target_group = forms.BooleanField(
        label=_("Enrol anyway: I confirm this person is outside the service's target group"),
        required=False,
    )

    def __init__(self, *args, order, persons, offered, search_url, identifying, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order_line"].queryset = order.lines.select_related("service")
        self.fields["order_line"].label_from_instance = lambda line: line.service.title()
        # The picker leaves out who is enrolled in the chosen service already;
        # an NGO finds persons by name only (it never sees birth dates or BSNs).
        self.fields["person"].queryset = persons
        self.fields["person"].prepare(
            self,
            "person",
            search_url=search_url,
            offered=offered,
            identifying=identifying,
            include="#id_order_line",
        )


class SessionForm(DesignSystemFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"))
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0, max_digits=6, decimal_places=2, initial=0
    )
    description = forms.CharField(label=_("Description"), required=False, max_length=200)
    attendance = forms.ModelMultipleChoiceField(
        label=_("Participants present"),
        queryset=Enrolment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confirm_exceeding = forms.BooleanField(
        label=_("I confirm registering more than was ordered"),
        required=False,
    )

    def __init__(self, *args, order_line, **kwargs):
        super().__init__(*args, **kwargs)
        enrolments = order_line.enrolments.select_related("person").order_by(
            "person__family_name", "person__given_names"
        )
        self.enrolments = list(enrolments)
        self.fields["attendance"].queryset = enrolments
        self.fields["attendance"].label_from_instance = lambda e: e.person.full_name
        for enrolment in self.enrolments:
            self.fields[f"hours_{enrolment.pk}"] = forms.DecimalField(
                label=_("Own hours of %(person)s") % {"person": enrolment.person.full_name},
                required=False,
                min_value=0,
                max_digits=6,
                decimal_places=2,
            )
        self.style_fields()

    def attendance_rows(self):
        chosen = self.cleaned_data.get("attendance") or []
        return [(e, self.cleaned_data.get(f"hours_{e.pk}")) for e in chosen]

    def hours_fields(self):
        return [self[f"hours_{e.pk}"] for e in self.enrolments]


class EndEnrolmentForm(DesignSystemFormMixin, forms.Form):
    """The last day of an enrolment; the rules (not before the enrolment
    date, no attendance after it) are the model's (Enrolment.clean)."""

    ended_on = forms.DateField(label=_("Last day of the enrolment"))


class InvoiceGenerateForm(DesignSystemFormMixin, forms.Form):
    month = MonthFormField(label=_("Month"))
    interim = forms.BooleanField(
        label=_("Interim invoice (tussentijdse factuur)"),
        required=False,
        help_text=_(
            "Only for a month that has not ended yet: invoices the delivery registered so far."
        ),
    )
