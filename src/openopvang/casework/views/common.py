"""Pieces the casework pages share: the role check, and the form page about
one record (a case, a deadline, a suspension) that calls a service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.views.generic import FormView

from openopvang.audit import services as audit
from openopvang.core.mixins import StaffRequiredMixin, add_validation_error, scoped_or_404

from ..permissions import casework_municipality

PAGE_SIZE = 25


def today():
    return timezone.localdate()


class CaseworkRequiredMixin(StaffRequiredMixin):
    """Caseworkers, coordinators and administrators of a municipality (403
    for its other roles, 404 for NGOs and the national organisation)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            casework_municipality(request.user)
        return super().dispatch(request, *args, **kwargs)


class LastPageMixin:
    """For ListView: a page number out of range shows the last page, not a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()


class RecordActionView(CaseworkRequiredMixin, FormView):
    """A form about the record behind <pk> (a 404 outside the user's
    organisation); `perform` calls the service, whose ValidationErrors show
    on the form."""

    template_name = "casework/action_form.html"
    isolation_model = None  # the record behind <pk>, also for the isolation walk
    title = ""
    submit_label = ""
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        self.record = None
        if request.user.is_authenticated:
            casework_municipality(request.user)
            self.record = scoped_or_404(self.isolation_model, request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_case(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        # The page names the person: reading it is audited like a case page.
        case = self.get_case()
        audit.record_read(request.user, [case, case.person], obj=self.record, request=request)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.setdefault("initial", {}).update(self.get_initial_values())
        return kwargs

    def get_initial_values(self) -> dict:
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.get_case()
        context.update(
            case=case,
            person=case.person,
            record=self.record,
            title=self.title,
            submit_label=self.submit_label,
        )
        return context

    def perform(self, data):
        raise NotImplementedError

    def success_url(self) -> str:
        return self.get_case().get_absolute_url()

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message % {"case": self.get_case()})
        return HttpResponseRedirect(self.success_url())
