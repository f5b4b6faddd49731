"""Deadlines: the one list across all cases of the municipality (overdue, due
soon, clock stopped), and suspending, ending a suspension and extending."""

from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from openopvang.core.mixins import AuditedListMixin

from .. import selectors, services
from ..forms import DeadlineFilterForm, EndSuspensionForm, ExtensionForm, SuspensionForm
from ..models import Deadline, DigestChoice, Suspension
from .common import PAGE_SIZE, CaseworkRequiredMixin, LastPageMixin, RecordActionView, today


class DeadlineListView(CaseworkRequiredMixin, AuditedListMixin, LastPageMixin, ListView):
    template_name = "casework/deadline_list.html"
    context_object_name = "deadlines"
    paginate_by = PAGE_SIZE

    def audit_shown(self, objects) -> list:
        objects = list(objects)
        return objects + [deadline.case.person for deadline in objects]

    def get_queryset(self):
        self.filter_form = DeadlineFilterForm(self.request.GET or None, user=self.request.user)
        filters = selectors.DeadlineFilters()
        if self.filter_form.is_bound and self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            filters = selectors.DeadlineFilters(
                status=data["status"], kind=data["kind"], caseworker=data["caseworker"]
            )
        return selectors.deadlines(self.request.user, filters, today=today())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = today()
        for deadline in context["deadlines"]:
            deadline.overdue = bool(deadline.due_date and deadline.due_date < day)
            deadline.days_left = (deadline.due_date - day).days if deadline.due_date else None
            deadline.days_overdue = -deadline.days_left if deadline.overdue else 0
        context.update(
            filter_form=self.filter_form,
            today=day,
            counts=selectors.deadline_counts(self.request.user, day),
            digest_by_email=not DigestChoice.objects.filter(
                user=self.request.user, by_email=False
            ).exists(),
        )
        return context


class DeadlineActionView(RecordActionView):
    isolation_model = Deadline

    def get_case(self):
        return self.record.case


class SuspendView(DeadlineActionView):
    form_class = SuspensionForm
    title = gettext_lazy("Suspend the deadline")
    submit_label = gettext_lazy("Stop the clock")
    success_message = gettext_lazy("The clock of the deadline of %(case)s has been stopped.")

    def get_initial_values(self):
        return {"start_date": today()}

    def perform(self, data):
        services.suspend_deadline(self.request.user, self.record, request=self.request, **data)


class ExtendView(DeadlineActionView):
    form_class = ExtensionForm
    title = gettext_lazy("Extend the deadline")
    submit_label = gettext_lazy("Extend")
    success_message = gettext_lazy("The deadline of %(case)s has been extended.")

    def perform(self, data):
        services.extend_deadline(self.request.user, self.record, request=self.request, **data)


class SuspensionEndView(RecordActionView):
    isolation_model = Suspension
    form_class = EndSuspensionForm
    title = gettext_lazy("End the suspension")
    submit_label = gettext_lazy("Let the clock run again")
    success_message = gettext_lazy("The clock of the deadline of %(case)s runs again.")

    def get_case(self):
        return self.record.deadline.case

    def get_initial_values(self):
        return {"end_date": today()}

    def perform(self, data):
        services.end_suspension(
            self.request.user, self.record, end_date=data["end_date"], request=self.request
        )
