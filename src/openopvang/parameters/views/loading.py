"""Loading a file of parameter values: upload → preview → apply, and the
list of loads with their roll back. Only administrators of the national
organisation reach these pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from openopvang.core.mixins import StaffRequiredMixin, add_validation_error

from ..forms import ConfirmForm, ParameterLoadForm
from ..loading import checked, preview, spans_of
from ..models import LoadStatus, ParameterLoad
from ..permissions import can_manage_parameters
from ..services import affected_records, apply_load, roll_back_load, stage_load


class ManagersOnlyMixin(StaffRequiredMixin):
    """403 for staff who do not manage parameters; a load's pages are 404 for
    them, as if it did not exist."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_manage_parameters(request.user):
            if "pk" in kwargs:
                raise Http404
            raise PermissionDenied(
                _("Only administrators of the national organisation change parameters.")
            )
        return super().dispatch(request, *args, **kwargs)


class LoadListView(ManagersOnlyMixin, TemplateView):
    template_name = "parameters/load_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            loads=ParameterLoad.objects.select_related("created_by", "applied_by"), **kwargs
        )


class LoadUploadView(ManagersOnlyMixin, FormView):
    template_name = "parameters/load_form.html"
    form_class = ParameterLoadForm

    def form_valid(self, form):
        load, result = stage_load(
            self.request.user, form.cleaned_data["file"], request=self.request
        )
        if load is None:
            for error in result.errors:
                form.add_error(None, error)
            return self.render_to_response(
                self.get_context_data(form=form, errors=result.errors), status=200
            )
        return HttpResponseRedirect(reverse("rules:load_detail", args=[load.pk]))


class LoadObjectMixin(ManagersOnlyMixin):
    isolation_model = ParameterLoad

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and can_manage_parameters(request.user):
            self.load = get_object_or_404(ParameterLoad, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class LoadDetailView(LoadObjectMixin, FormView):
    """The preview: every value with what it changes, the stored records a
    recomputation would change, and the confirmation to apply (a draft) or
    roll back (an applied load)."""

    template_name = "parameters/load_detail.html"
    form_class = ConfirmForm

    def get_context_data(self, **kwargs):
        load = self.load
        errors = []
        if load.status == LoadStatus.DRAFT:
            result = preview([checked(value) for value in load.values])
            values, affected, errors = result.values, result.affected, result.errors
        else:
            values = load.values
            affected = affected_records(spans_of(load.values))
        counts = {"new": 0, "replaces": 0, "unchanged": 0}
        for value in values:
            counts[value.get("change", "new")] += 1
        return super().get_context_data(
            load=load,
            values=values,
            affected=affected,
            used=[record for record in affected if record.used],
            errors=errors,
            counts=counts,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            if self.load.status == LoadStatus.DRAFT:
                apply_load(self.request.user, self.load, request=self.request)
                messages.success(
                    self.request,
                    _("The values of %(file)s are now in force.") % {"file": self.load.file_name},
                )
            else:
                roll_back_load(self.request.user, self.load, request=self.request)
                messages.success(
                    self.request,
                    _("The values of %(file)s have been rolled back.")
                    % {"file": self.load.file_name},
                )
        except ValidationError as error:
            add_validation_error(form, error)
            return self.form_invalid(form)
        return HttpResponseRedirect(reverse("rules:load_list"))
