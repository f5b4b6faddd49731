from django import forms
from django.utils.translation import gettext_lazy as _

from openopvang.core.mixins import DesignSystemFormMixin

from .models import ParameterOverride


class ParameterOverrideForm(DesignSystemFormMixin, forms.ModelForm):
    """A value for a parameter with its mandatory legal reference
    (publication and article)."""

    class Meta:
        model = ParameterOverride
        fields = [
            "name",
            "start",
            "end",
            "value",
            "publication",
            "article",
            "url",
            "confidence",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"] = forms.ChoiceField(
            label=_("Parameter"),
            choices=[("", "—")] + [(name, name) for name in names],
        )
        for field in self.fields.values():
            existing = field.widget.attrs.get("class", "")
            if "utrecht-" not in existing and isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = (
                    f"utrecht-select utrecht-select--html-select {existing}".strip()
                )
        self.fields["publication"].required = True
        self.fields["article"].required = True


class ParameterLoadForm(DesignSystemFormMixin, forms.Form):
    """A YAML or CSV file of values (a year of published amounts)."""

    MAX_BYTES = 1024 * 1024

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "YAML in the structure of the rules files, or CSV with the columns "
            "name,start,end,value,publication,article,url,confidence,note."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".yaml", ".yml", ".csv")):
            raise forms.ValidationError(_("Upload a .yaml, .yml or .csv file."))
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload


class ConfirmForm(DesignSystemFormMixin, forms.Form):
    confirm = forms.BooleanField(label=_("I have checked the preview"), required=True)
