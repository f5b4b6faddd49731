"""The finance officer's other cost lines."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View

from openopvang.core.mixins import add_validation_error

from .. import selectors, services
from ..forms import CostLineForm
from ..models import CostLine
from .common import FormPageMixin


class CostLineCreateView(FormPageMixin, View):
    @property
    def heading(self):
        return _("Add a cost line for %(year)s") % {"year": self.year}

    def get(self, request, *args, **kwargs):
        return self.render(CostLineForm(user=request.user))

    def post(self, request, *args, **kwargs):
        form = CostLineForm(request.POST, user=request.user)
        if form.is_valid():
            line = form.save(commit=False)
            line.municipality, line.year = self.municipality, self.year
            try:
                services.save_cost_line(request.user, line, request=request)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The cost line has been added."))
                return HttpResponseRedirect(self.year_url() + "#cost-lines")
        return self.render(form)


class CostLineUpdateView(FormPageMixin, View):
    isolation_model = CostLine

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.line = get_object_or_404(selectors.cost_lines(request.user), pk=kwargs["pk"])
            self.year = self.line.year
        return super().dispatch(request, *args, **kwargs)

    @property
    def heading(self):
        return _("Change a cost line of %(year)s") % {"year": self.year}

    def get(self, request, *args, **kwargs):
        return self.render(CostLineForm(instance=self.line, user=request.user), line=self.line)

    def post(self, request, *args, **kwargs):
        if "delete" in request.POST:
            services.delete_cost_line(request.user, self.line, request=request)
            messages.success(request, _("The cost line has been deleted."))
            return HttpResponseRedirect(self.year_url() + "#cost-lines")
        form = CostLineForm(request.POST, instance=self.line, user=request.user)
        if form.is_valid():
            try:
                services.save_cost_line(request.user, form.save(commit=False), request=request)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The cost line has been changed."))
                return HttpResponseRedirect(self.year_url() + "#cost-lines")
        return self.render(form, line=self.line)
