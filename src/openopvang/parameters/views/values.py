"""Parameter values: the list with their sources, and an administrator's form
to add or correct one."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from openopvang.core.mixins import StaffRequiredMixin, add_validation_error

from ..forms import ParameterOverrideForm
from ..models import ParameterOverride
from ..permissions import can_manage_parameters
from ..services import (
    check_coverage,
    check_override,
    current_parameters,
    override_preview,
    parameter_rows,
    save_override,
)


class ParameterListView(StaffRequiredMixin, TemplateView):
    template_name = "parameters/parameter_list.html"

    def get_context_data(self, **kwargs):
        language = "nl" if (get_language() or "nl").startswith("nl") else "en"
        rows = parameter_rows()
        for row in rows:
            row["text"] = row["description"].get(language) or row["description"].get("en")
        return super().get_context_data(
            rows=rows, can_manage=can_manage_parameters(self.request.user), **kwargs
        )


class ParameterFormView(StaffRequiredMixin, FormView):
    """Add a value (`?name=…&start=…` prefills it) or correct an administrator's
    value (`pk`). A file value is corrected by adding a value with the same start."""

    template_name = "parameters/parameter_form.html"
    form_class = ParameterOverrideForm

    isolation_model = ParameterOverride

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_manage_parameters(request.user):
            if "pk" in kwargs:  # an existing value's edit page: as if it did not exist
                raise Http404
            raise PermissionDenied(
                _("Only administrators of the national organisation change parameters.")
            )
        self.object = None
        if "pk" in kwargs:
            self.object = get_object_or_404(ParameterOverride, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = {}
        params = current_parameters()
        name, start = self.request.GET.get("name"), self.request.GET.get("start")
        if name in params.names():
            initial["name"] = name
            try:  # the first day without a value, from a missing-parameter message
                initial["start"] = datetime.date.fromisoformat(start or "")
            except ValueError:
                pass
            for value in params.parameter(name).values:
                if start and value.start.isoformat() == start:
                    initial.update(
                        start=value.start,
                        end=value.end,
                        value=str(value.value),
                        confidence=value.confidence,
                    )
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(names=current_parameters().names(), instance=self.object)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object, cancel_url=reverse("rules:parameter_list"), **kwargs
        )

    def form_valid(self, form):
        """First a preview of the effect (nothing saved), then saving on the
        confirmation: a value changes every computation that reads its days."""
        override = form.save(commit=False)
        if not self.request.POST.get("confirmed"):
            try:
                check_override(override)
                check_coverage(override)
            except ValidationError as error:
                add_validation_error(form, error)
                return self.form_invalid(form)
            return self.render_to_response(
                self.get_context_data(form=form, preview=override_preview(override))
            )
        try:
            save_override(self.request.user, override, request=self.request)
        except ValidationError as error:
            add_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The value for %(name)s from %(start)s has been saved.")
            % {"name": override.name, "start": override.start},
        )
        return HttpResponseRedirect(f"{reverse('rules:parameter_list')}#{override.name}")
