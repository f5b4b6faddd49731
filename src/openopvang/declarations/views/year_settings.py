"""The per-year choice for actual GOO costs (art. 3 lid 2)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views import View

from openopvang.core.mixins import add_validation_error

from .. import services
from ..forms import YearSettingsForm
from ..models import YearSettings
from .common import FormPageMixin


class YearSettingsView(FormPageMixin, View):
    @property
    def heading(self):
        return _("Actual GOO costs (art. 3 lid 2) for %(year)s") % {"year": self.year}

    def get_instance(self) -> YearSettings:
        return services.year_settings(self.municipality, self.year)

    def get(self, request, *args, **kwargs):
        return self.render(YearSettingsForm(instance=self.get_instance()))

    def post(self, request, *args, **kwargs):
        instance = self.get_instance()
        form = YearSettingsForm(request.POST, instance=instance)
        if form.is_valid():
            try:
                services.save_year_settings(request.user, form.save(commit=False), request=request)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The choice has been saved."))
                return HttpResponseRedirect(self.year_url())
        return self.render(form)
