"""The municipal policy for leefgeld and eigen bijdrage."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from openopvang.core.mixins import add_validation_error

from .. import services
from ..forms import PolicyForm
from ..permissions import require_finance_of
from ..policies import policy_of
from .common import MunicipalMixin


class PolicyView(MunicipalMixin, TemplateView):
    template_name = "allowances/policy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or PolicyForm(instance=policy_of(self.municipality))
        return context

    def post(self, request):
        require_finance_of(request.user, self.municipality)
        form = PolicyForm(request.POST, instance=policy_of(self.municipality))
        if form.is_valid():
            try:
                services.save_policy(request.user, form.save(commit=False), request=request)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The policy was saved."))
                return HttpResponseRedirect(reverse("allowances:policy"))
        return self.render_to_response(self.get_context_data(form=form), status=400)
