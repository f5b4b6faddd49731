"""The letters forms: the template editor (a subject and a text per
language) and the letter form (type, language, the values a type asks)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openopvang.core.forms import MonthFormField
from openopvang.core.mixins import DesignSystemFormMixin

from .models import Channel
from .placeholders import language_name
from .types import LANGUAGES, all_types


class TemplateForm(DesignSystemFormMixin, forms.Form):
    """Subject and text per language (Dutch required, the others optional);
    the placeholders are checked by the service when the version is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language in LANGUAGES:
            name = language_name(language)
            attrs = {"lang": language, "dir": "rtl" if language == "ar" else "ltr"}
            self.fields[f"subject_{language}"] = forms.CharField(
                label=_("Subject (%(language)s)") % {"language": name},
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs=attrs),
            )
            self.fields[f"body_{language}"] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={**attrs, "rows": 12}),
            )
        self.fields["note"] = forms.CharField(
            label=_("What changed"), required=False, max_length=200
        )
        self.style_fields()

    def texts(self) -> dict:
        data = self.cleaned_data
        return {
            language: (data.get(f"subject_{language}", ""), data.get(f"body_{language}", ""))
            for language in LANGUAGES
        }

    @staticmethod
    def initial_from(texts: dict) -> dict:
        initial = {}
        for language, (subject, body) in texts.items():
            initial[f"subject_{language}"] = subject
            initial[f"body_{language}"] = body
        return initial


def _asks():
    seen = {}
    for kind in all_types():
        for ask in kind.asks:
            seen.setdefault(ask.name, ask)
    return list(seen.values())


class LetterForm(DesignSystemFormMixin, forms.Form):
    """Which letter, in which language (empty: the person's own), and the
    values the letter type asks for (a date, a month)."""

    letter_type = forms.ChoiceField(label=_("Letter"))
    language = forms.ChoiceField(label=_("Language"), required=False)
    channel = forms.ChoiceField(
        label=_("Send by"),
        choices=Channel.choices,
        initial=Channel.PRINT,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("By e-mail: the PDF attached; a person without an e-mail address is listed."),
    )

    def __init__(self, *args, with_language: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letter_type"].choices = [(t.code, t.name) for t in all_types()]
        if with_language:
            self.fields["language"].choices = [("", _("The person's own language"))] + [
                (code, language_name(code)) for code in LANGUAGES
            ]
        else:
            del self.fields["language"]
        for ask in _asks():
            if ask.kind == "month":
                field = MonthFormField(label=ask.label, required=False)
            else:
                field = forms.DateField(
                    label=ask.label,
                    required=False,
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                )
            self.fields[ask.name] = field
        self.style_fields()

    def clean_channel(self):
        return self.cleaned_data.get("channel") or Channel.PRINT

    def asked(self) -> dict:
        from .types import get_type

        kind = get_type(self.cleaned_data["letter_type"])
        return {
            ask.name: self.cleaned_data[ask.name]
            for ask in kind.asks
            if self.cleaned_data.get(ask.name) is not None
        }
