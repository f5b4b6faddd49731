"""Requesting the advance (voorschot, BooO art. 5)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views import View

from openopvang.core.mixins import add_validation_error
from openopvang.parameters import missing
from openopvang.rules.engine.errors import RulesError

from .. import selectors, services
from ..figures import compute
from ..forms import AdvanceRequestForm
from .common import FormPageMixin


class AdvanceRequestView(FormPageMixin, View):
    template_name = "declarations/advance_form.html"

    @property
    def heading(self):
        return _("Request the advance for %(year)s") % {"year": self.year}

    def estimate(self):
        try:
            return compute(self.municipality, self.year).total, ""
        except RulesError as error:
            return None, missing.rules_error_html(error, self.request.user)

    def extra(self, estimate, error):
        return {
            "estimate": estimate,
            "estimate_error": error,
            "deadline": services.advance_deadline(self.year),
            "existing": selectors.advance_requests(self.request.user, self.year).first(),
        }

    def get(self, request, *args, **kwargs):
        estimate, error = self.estimate()
        form = AdvanceRequestForm(initial={"amount": estimate})
        return self.render(form, **self.extra(estimate, error))

    def post(self, request, *args, **kwargs):
        estimate, error = self.estimate()
        form = AdvanceRequestForm(request.POST)
        if form.is_valid():
            advance = form.save(commit=False)
            advance.municipality, advance.year, advance.estimate = (
                self.municipality,
                self.year,
                estimate,
            )
            try:
                services.request_advance(request.user, advance, request=request)
            except ValidationError as err:
                add_validation_error(form, err)
            else:
                messages.success(
                    request, _("The advance for %(year)s has been requested.") % {"year": self.year}
                )
                return HttpResponseRedirect(self.year_url())
        return self.render(form, **self.extra(estimate, error))
