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
