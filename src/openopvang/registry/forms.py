"""Forms of the registry's staff UI. Model rules (BSN, IBAN, date ranges,
overlaps) live on the models and services; the forms only shape the input."""

import gettext as gettext_module
import re

import pycountry
from django import forms
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from openopvang.core.mixins import DesignSystemFormMixin

from . import selectors, validators
from .models import (
    UKRAINE,
    CapacityPeriod,
    DepartureReason,
    Host,
    Household,
    HouseholdMembership,
    IncomePeriod,
    Location,
    Person,
    Placement,
)

# Nationalities seen most in Ukrainian reception, offered first in the list.
COMMON_NATIONALITIES = (
    "UA",
    "RU",
    "BY",
    "MD",
    "GE",
    "AZ",
    "AM",
    "KZ",
    "UZ",
    "TM",
    "TJ",
    "KG",
    "NG",
    "MA",
    "DZ",
    "EG",
    "IN",
    "PK",
    "CN",
    "TR",
    "SY",
    "IQ",
    "IR",
    "AF",
)


def country_name(code: str) -> str:
    """The country's name in the current language (pycountry's translations)."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    language = (get_language() or "nl").split("-")[0]
    translation = gettext_module.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )
    return translation.gettext(country.name)


def nationality_choices() -> list:
    common = [(code, f"{country_name(code)} ({code})") for code in COMMON_NATIONALITIES]
    others = sorted(
        (
            (c.alpha_2, f"{country_name(c.alpha_2)} ({c.alpha_2})")
            for c in pycountry.countries
            if c.alpha_2 not in COMMON_NATIONALITIES
        ),
        key=lambda choice: choice[1],
    )
    return [(_("Most common"), common), (_("All countries"), others)]


class PersonForm(DesignSystemFormMixin, forms.ModelForm):
    nationality = forms.ChoiceField(
        label=_("Nationality"),
        initial=UKRAINE,
        help_text=_("Anything other than Ukraine makes the person a third-country national."),
    )
    # Longer than the stored value: people type spaces and dots, which
    # clean_bsn/clean_iban strip before the model's checks run.
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=20,
        help_text=_("Citizen service number, 9 digits (11-check)."),
    )
    iban = forms.CharField(label=_("IBAN"), required=False, max_length=50)
    languages = forms.CharField(
        label=_("Preferred languages"),
        required=False,
        help_text=_(
            "Two-letter ISO 639-1 codes, most preferred first, separated by commas: uk, ru, en."
        ),
    )

    class Meta:
        model = Person
        fields = [
            "given_names",
            "family_name",
            "given_names_cyrillic",
            "family_name_cyrillic",
            "birth_date",
            "sex",
            "nationality",
            "bsn",
            "languages",
            "phone",
            "email",
            "iban",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = nationality_choices()
        current = self.instance.nationality
        if current and pycountry.countries.get(alpha_2=current) is None:
            # A code recorded before (or by an import) stays selectable.
            choices.insert(0, (current, current))
        self.fields["nationality"].choices = choices
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = ", ".join(self.instance.languages or [])
        self.fields["bsn"].widget.attrs.update(inputmode="numeric", autocomplete="off")
        self.fields["iban"].widget.attrs.update(autocomplete="off")

    def clean_bsn(self):
        # Spaces and dots as people type them are fine; the model's 11-check
        # validator then sees the digits only.
        return validators.normalise_bsn(self.cleaned_data["bsn"])

    def clean_iban(self):
        return validators.normalise_iban(self.cleaned_data["iban"])

    def clean_languages(self):
        # Typed as "uk, ru en"; the model field's validator judges the codes,
        # as it does for the API, the admin and imports.
        typed = re.split(r"[,;\s]+", self.cleaned_data["languages"])
        return validators.normalise_languages([code for code in typed if code.strip()])


class HouseholdForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Household
        fields = ["name", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


# The person picker ------------------------------------------------------------

PICKER_SEARCH = "picker_search"  # the name of the picker's Search button


def is_picker_search(data) -> bool:
    """The form was posted with the picker's Search button (the way to search
    without JavaScript): show the matches, save nothing."""
    return PICKER_SEARCH in data


class PersonPicker(forms.Widget):
    """Search as you type, then choose one of the matches (radio buttons).
    With JavaScript, htmx asks `search_url` for the matches while the user
    types; without it, the Search button posts the form, which comes back
    with the matches (is_picker_search). Set up by PersonPickerField.prepare."""

    template_name = "registry/widgets/person_picker.html"
    search_url = ""
    query = ""
    results: list = []
    more = False
    identifying = True
    include = ""  # other fields the search depends on (a CSS selector for hx-include)

    def use_required_attribute(self, initial):
        return False  # the search box may stay empty; the choice is what is required

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            search_name=f"{name}_search",
            search_button=PICKER_SEARCH,
            search_url=self.search_url,
            include=self.include,
            picker=picker_context(
                name,
                context["widget"]["attrs"].get("id") or f"id_{name}",
                self.query,
                self.results,
                self.more,
                self.identifying,
                selected=str(value or ""),
            ),
        )
        return context


def picker_context(name, id_, query, results, more, identifying, selected="") -> dict:
    """What the matches partial needs, in the form and from the search endpoint."""
    return {
        "name": name,
        "id": id_,
        "query": query,
        "results": results,
        "more": more,
        "identifying": identifying,
        "selected": selected,
    }


class PersonPickerField(forms.ModelChoiceField):
    widget = PersonPicker

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Person.objects.none())
        super().__init__(**kwargs)

    def prepare(self, form, name, *, search_url, offered=None, identifying=True, include=""):
        """Search `offered` (default: the field's queryset, which the choice is
        validated against) for what the form was given in `<name>_search`;
        keep the chosen person among the matches. Offering fewer than may be
        chosen (not the current members) lets the model's own message explain
        a choice it refuses."""
        data = form.data if form.is_bound else form.initial
        widget = self.widget
        widget.search_url, widget.identifying, widget.include = search_url, identifying, include
        widget.query = (data.get(f"{name}_search") or "").strip()
        widget.results, widget.more = selectors.pick_persons(
            self.queryset if offered is None else offered, widget.query, identifying=identifying
        )
        value = str(data.get(name) or "")
        chosen = self.queryset.filter(pk=value).first() if value.isdigit() else None
        if chosen is not None and chosen not in widget.results:
            widget.results = [chosen, *widget.results]

    @property
    def shown(self) -> list:
        """The persons the picker shows (to audit the read)."""
        return list(self.widget.results)


class MembershipForm(DesignSystemFormMixin, forms.ModelForm):
    person = PersonPickerField(label=_("Person"))

    class Meta:
        model = HouseholdMembership
        fields = ["person", "role", "start_date", "end_date"]

    def __init__(self, *args, user, offered, search_url, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.for_user(user)
        self.fields["person"].prepare(self, "person", search_url=search_url, offered=offered)


class EndMembershipForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = HouseholdMembership
        fields = ["end_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = True
        self.fields["end_date"].help_text = _("The last day the person belongs to the household.")


class PayeeForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Household
        fields = ["payee"]

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payee"].queryset = candidates
        self.fields["payee"].help_text = _("Members who are 18 or older today.")


class LocationForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Location
        fields = [
            "name",
            "kind",
            "address",
            "postcode",
            "city",
            "catering",
            "opened_on",
            "closed_on",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class CapacityPeriodForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = CapacityPeriod
        fields = ["start_date", "end_date", "places"]


class HostForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Host
        fields = [
            "name",
            "contact_name",
            "address",
            "postcode",
            "city",
            "phone",
            "email",
            "active_from",
            "active_to",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


def change_reason_field() -> forms.CharField:
    """Asked of every edit of a placement or income period; required by the
    service only when the edit reaches money already paid or declared."""
    return forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed when the change reaches a month already paid or a year already "
            "declared; the correction shows it."
        ),
    )


class IncomeForm(DesignSystemFormMixin, forms.ModelForm):
    change_reason = change_reason_field()

    class Meta:
        model = IncomePeriod
        fields = ["kind", "start_date", "end_date", "monthly_amount"]


# Placements ------------------------------------------------------------------


class PlaceField(forms.ChoiceField):
    """One select for where a person stays: a GOO location or a POO host.
    Values are "location:<id>" or "host:<id>"; cleans to the model instance."""

    def __init__(self, *, user, day=None, **kwargs):
        kwargs.setdefault("label", _("Location or host"))
        super().__init__(**kwargs)
        self.locations = {str(loc.pk): loc for loc in Location.objects.for_user(user)}
        self.hosts = {str(host.pk): host for host in Host.objects.for_user(user)}
        free = selectors.free_places_on(user, day) if day else {}
        self.choices = [
            ("", "---------"),
            (
                _("GOO locations"),
                [
                    (f"location:{pk}", place_label(loc, free.get(loc.pk), day))
                    for pk, loc in self.locations.items()
                ],
            ),
            (_("POO hosts"), [(f"host:{pk}", str(host)) for pk, host in self.hosts.items()]),
        ]

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        kind, _sep, pk = value.partition(":")
        return (self.locations if kind == "location" else self.hosts)[pk]


def place_label(location, occupancy, day) -> str:
    """The location's name with its free places on `day` (when known)."""
    if occupancy is None:
        return str(location)
    if not location.is_open_on(day):
        return _("%(location)s (closed on this date)") % {"location": location}
    if not occupancy.free:
        return _("%(location)s (full)") % {"location": location}
    return _("%(location)s (free places: %(free)s)") % {
        "location": location,
        "free": occupancy.free,
    }


def place_value(placement: Placement) -> str:
    if placement.location_id:
        return f"location:{placement.location_id}"
    if placement.host_id:
        return f"host:{placement.host_id}"
    return ""


class CapacityOverrideFields(forms.Form):
    capacity_override = forms.BooleanField(
        label=_("Override the capacity check"),
        required=False,
        help_text=_("Only when the location is full and the person must stay anyway."),
    )
    override_reason = forms.CharField(
        label=_("Reason for the override"),
        required=False,
        max_length=300,
    )


class PlaceChoiceForm(DesignSystemFormMixin, CapacityOverrideFields):
    """Check-in and move: the place list shows each location's free places on
    the chosen `day`; when the date changes, htmx fetches `refresh_url` for
    that date and swaps in its place list (without JavaScript the list shows
    the date of the page)."""

    place_label = _("Location or host")

    def __init__(self, *args, user, day=None, refresh_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"] = PlaceField(user=user, day=day, label=self.place_label)
        self.order_fields(self.field_order)
        self.style_fields()
        if refresh_url:
            self.fields["day"].widget.attrs.update(
                {
                    "hx-get": refresh_url,
                    "hx-trigger": "change",
                    "hx-include": "#id_place",
                    "hx-target": "#id_place",
                    "hx-select": "#id_place",
                    "hx-swap": "outerHTML",
                }
            )


class CheckInForm(PlaceChoiceForm):
    day = forms.DateField(label=_("Check-in date"), help_text=_("The first night."))
    end_date = forms.DateField(
        label=_("Planned last night"),
        required=False,
        help_text=_("Empty: open-ended."),
    )

    field_order = ["day", "place", "end_date", "capacity_override", "override_reason"]


class CheckOutForm(DesignSystemFormMixin, forms.Form):
    day = forms.DateField(label=_("Check-out date"), help_text=_("The last night at the place."))
    departure_reason = forms.ChoiceField(
        label=_("Reason for leaving"),
        choices=[("", "---------"), *DepartureReason.choices],
    )


class MoveForm(PlaceChoiceForm):
    day = forms.DateField(
        label=_("Move date"),
        help_text=_(
            "The first night at the new place; the current placement ends the night before."
        ),
    )
    place_label = _("New location or host")

    field_order = ["day", "place", "capacity_override", "override_reason"]


class PlacementForm(DesignSystemFormMixin, forms.ModelForm):
    change_reason = change_reason_field()

    class Meta:
        model = Placement
        fields = ["start_date", "end_date", "capacity_override", "override_reason"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"] = PlaceField(user=user, initial=place_value(self.instance))
        self.order_fields(
            [
                "place",
                "start_date",
                "end_date",
                "capacity_override",
                "override_reason",
                "change_reason",
            ]
        )

    def clean(self):
        cleaned = super().clean()
        place = cleaned.get("place")
        if place is not None:
            self.instance.location = place if isinstance(place, Location) else None
            self.instance.host = place if isinstance(place, Host) else None
        return cleaned


# Filters over sets that can be large ------------------------------------------

FILTER_CHOICE_LIMIT = 25  # a set this small is a plain drop-down


class FilterSearchSelect(forms.Select):
    """A filter drop-down that lists at most FILTER_CHOICE_LIMIT choices: the
    whole set when it is that small, otherwise a search box above it (search
    as you type with htmx, or the form's Search button without JavaScript)
    narrows the choices by name. The chosen one is always listed. Set up by
    `prepare`; the options are read when the field is rendered, so a page
    reads at most FILTER_CHOICE_LIMIT + 2 rows per filter, whatever the set's size."""

    template_name = "registry/widgets/filter_search_select.html"
    option_template_name = "django/forms/widgets/select_option.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.queryset = None
        self.empty_label = ""
        self.search_url = ""
        self.query = ""
        self.limit = FILTER_CHOICE_LIMIT

    def prepare(self, queryset, *, empty_label, search_url, query, limit=FILTER_CHOICE_LIMIT):
        self.queryset, self.empty_label = queryset, empty_label
        self.search_url, self.query, self.limit = search_url, query.strip(), limit

    def shown(self, value) -> tuple[list, bool]:
        """The choices to list and whether the set has more (then it is searchable)."""
        found = list(
            selectors.search_names(self.queryset, self.query).order_by("name", "id")[
                : self.limit + 1
            ]
        )
        more = len(found) > self.limit
        found = found[: self.limit]
        value = str(value or "")
        if value.isdigit() and all(str(item.pk) != value for item in found):
            chosen = self.queryset.filter(pk=value).first()
            if chosen is not None:
                found.insert(0, chosen)
        return found, more

    def get_context(self, name, value, attrs):
        found, more = self.shown(value[0] if isinstance(value, list | tuple) and value else value)
        self.choices = [("", self.empty_label)] + [(item.pk, str(item)) for item in found]
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            search_name=f"{name}_search",
            search_url=self.search_url,
            query=self.query,
            searchable=more or bool(self.query),
            more=more,
            limit=self.limit,
        )
        return context


FILTER_SEARCH_KINDS = ("location", "host", "household")


class PersonSearchForm(DesignSystemFormMixin, forms.Form):
    """The person list's search box and filters (GET)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_(
            "Name (Latin or Cyrillic script), BSN, or birth date as dd-mm-yyyy or yyyy-mm-dd."
        ),
    )
    location = forms.ModelChoiceField(
        label=_("Location"),
        required=False,
        queryset=None,
        empty_label=_("All locations"),
        widget=FilterSearchSelect,
    )
    host = forms.ModelChoiceField(
        label=_("Host"),
        required=False,
        queryset=None,
        empty_label=_("All hosts"),
        widget=FilterSearchSelect,
    )
    household = forms.ModelChoiceField(
        label=_("Household"),
        required=False,
        queryset=None,
        empty_label=_("All households"),
        widget=FilterSearchSelect,
    )
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Everyone")),
            ("active", _("Placed today")),
            ("left", _("Left (no placement today)")),
        ],
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, nationalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        data = self.data if self.is_bound else {}
        for name, model in (("location", Location), ("host", Host), ("household", Household)):
            field = self.fields[name]
            # Validation reads the one chosen row; the widget reads what it lists.
            field.queryset = model.objects.for_user(user)
            field.widget.prepare(
                field.queryset,
                empty_label=field.empty_label,
                search_url=f"{reverse('registry:person_filter_choices')}?field={name}",
                query=data.get(f"{name}_search") or "",
            )
        # The list reloads when a filter changes (not while a filter's own search is typed in).
        for name in ("location", "host", "household", "nationality", "status"):
            attrs = self.fields[name].widget.attrs
            attrs["class"] = f"{attrs.get('class', '')} oo-filter-control".strip()
        self.fields["nationality"].choices = [
            ("", _("All nationalities")),
            ("third_country", _("Third-country nationals (not UA)")),
        ] + [(code, f"{country_name(code)} ({code})") for code in nationalities]
