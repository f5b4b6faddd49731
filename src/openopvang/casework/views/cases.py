"""Cases: the work list with its filters and bulk selection, the case page
(situation history, rights, deadlines), opening a case, recording a situation
change, closing a case."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from openopvang.audit import services as audit
from openopvang.core.mixins import AuditedListMixin, ScopedObjectMixin, add_validation_error
from openopvang.registry.models import Person

from .. import explain, return_support, rights, selectors, services
from ..forms import CaseOpenForm, CaseSearchForm, CloseForm, SituationForm
from ..models import (
    ACTIVE_TRANSFER,
    Case,
    DepartureStatus,
    EvictionStepCode,
    SavedFilter,
    SituationCode,
)
from ..terms import DEPARTURE
from .common import PAGE_SIZE, CaseworkRequiredMixin, LastPageMixin, RecordActionView, today


class CaseListView(CaseworkRequiredMixin, AuditedListMixin, LastPageMixin, ListView):
    """The work list: my cases, all cases, by situation, location or deadline."""

    template_name = "casework/case_list.html"
    context_object_name = "cases"
    paginate_by = PAGE_SIZE

    def audit_shown(self, objects) -> list:
        objects = list(objects)
        return objects + [case.person for case in objects]

    def get_queryset(self):
        self.search_form = CaseSearchForm(self.request.GET or None, user=self.request.user)
        filters = selectors.CaseFilters()
        if self.search_form.is_bound and self.search_form.is_valid():
            data = self.search_form.cleaned_data
            filters = selectors.CaseFilters(
                query=data["q"],
                situation=data["situation"],
                caseworker=data["caseworker"],
                status=data["status"] or "open",
                location=data["location"].pk if data["location"] else None,
                due=data["due"],
            )
        return selectors.cases(self.request.user, filters, today=today())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = dict(SituationCode.choices)
        for case in context["cases"]:
            case.current_label = labels.get(case.current_code, "")
        context.update(
            search_form=self.search_form,
            today=today(),
            due_soon=selectors.due_soon_until(today()),
            filtered=any(v for k, v in self.request.GET.items() if k != "page"),
            saved_filters=SavedFilter.objects.filter(user=self.request.user),
            current_query=self.request.GET.copy().urlencode() if self.request.GET else "",
        )
        return context


class CaseDetailView(CaseworkRequiredMixin, ScopedObjectMixin, DetailView):
    model = Case
    template_name = "casework/case_detail.html"
    context_object_name = "case"

    def get_queryset(self):
        return super().get_queryset().select_related("person", "caseworker")

    def get_object(self, queryset=None):
        case = super().get_object(queryset)
        audit.record_read(self.request.user, [case, case.person], obj=case, request=self.request)
        return case

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, case = self.request.user, self.object
        current = selectors.current_situation(user, case)
        deadlines = [
            {"deadline": deadline, "explanation": explain.explain_deadline(deadline)}
            for deadline in selectors.case_deadlines(user, case)
        ]
        context.update(
            today=today(),
            history=selectors.case_history(user, case),
            current=current,
            rights=rights.rights_of(current.code) if current else None,
            deadlines=deadlines,
            decisions=list(case.decisions.select_related("recorded_by", "approved_by", "corrects")),
            **self.way_out(case, current),
        )
        return context

    def way_out(self, case, current) -> dict:
        """The COA transfer, the departure with its return support, and the
        eviction checklist with the step that comes next."""
        transfers = list(case.transfers.all())
        departures = list(case.departures.all())
        steps = {step.step: step for step in case.eviction_steps.all()}
        next_step = services.next_eviction_step(steps)
        checklist = [
            {"code": code, "label": label, "done": steps.get(code)}
            for code, label in EvictionStepCode.choices
        ]
        pending = current is not None and current.code == SituationCode.ASYLUM_PENDING
        return {
            "transfers": transfers,
            "blockers": list(case.blockers.all()),
            "can_request_transfer": case.is_open
            and pending
            and not any(t.status in ACTIVE_TRANSFER for t in transfers),
            "departures": departures,
            "can_plan_departure": case.is_open
            and not any(d.status == DepartureStatus.PLANNED for d in departures),
            "return_support": return_support.support_for(case, today()),
            "show_eviction": bool(steps)
            or (
                current is not None
                and DEPARTURE in rights.SITUATION_DEADLINES.get(current.code, ())
            ),
            "eviction": checklist,
            "eviction_next": next((row for row in checklist if row["code"] == next_step), None),
        }


class CaseOpenView(CaseworkRequiredMixin, FormView):
    template_name = "casework/case_form.html"
    form_class = CaseOpenForm

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "user": self.request.user}
        initial = kwargs.setdefault("initial", {})
        initial.update(opened_on=today(), start_date=today())
        person_id = self.request.GET.get("person", "")
        if person_id.isdigit():
            person = Person.objects.for_user(self.request.user).filter(pk=person_id).first()
            if person is not None:
                initial["person"] = person
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            case = services.open_case(
                self.request.user,
                data["person"],
                opened_on=data["opened_on"],
                caseworker=data["caseworker"],
                code=data["code"],
                start_date=data["start_date"],
                reason=data["reason"],
                decision_reference=data["decision_reference"],
                request=self.request,
            )
        except ValidationError as error:
            add_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext_lazy("A case for %(person)s has been opened.") % {"person": case.person},
        )
        return HttpResponseRedirect(case.get_absolute_url())


class CaseActionView(RecordActionView):
    isolation_model = Case

    def get_case(self):
        return self.record


class SituationCreateView(CaseActionView):
    form_class = SituationForm
    title = gettext_lazy("Record a situation change")
    submit_label = gettext_lazy("Record the change")
    success_message = gettext_lazy("The situation change of %(case)s has been recorded.")

    def get_initial_values(self):
        return {"start_date": today()}

    def perform(self, data):
        services.record_situation(self.request.user, self.record, request=self.request, **data)


class CaseCloseView(CaseActionView):
    form_class = CloseForm
    title = gettext_lazy("Close the case")
    submit_label = gettext_lazy("Close the case")
    success_message = gettext_lazy("%(case)s has been closed.")

    def get_initial_values(self):
        return {"closed_on": today()}

    def perform(self, data):
        services.close_case(
            self.request.user,
            self.record,
            closed_on=data["closed_on"],
            reason=data["closure_reason"],
            note=data["closure_note"],
            request=self.request,
        )


class SavedFilterCreateView(CaseworkRequiredMixin, View):
    """Save the work list's current filters under a name (POST from the list)."""

    def post(self, request, *args, **kwargs):
        query = request.POST.get("query", "")
        try:
            saved = services.save_filter(
                request.user, name=request.POST.get("name", ""), query=query, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(f"{reverse('casework:case_list')}?{query}")
        messages.success(request, _("Filter “%(name)s” saved.") % {"name": saved.name})
        return HttpResponseRedirect(f"{reverse('casework:case_list')}?{saved.query}")


class SavedFilterDeleteView(CaseworkRequiredMixin, View):
    isolation_model = SavedFilter

    def post(self, request, *args, **kwargs):
        saved = get_object_or_404(SavedFilter, pk=kwargs["pk"], user=request.user)
        services.delete_filter(request.user, saved, request=request)
        messages.success(request, _("Filter “%(name)s” removed.") % {"name": saved.name})
        return HttpResponseRedirect(reverse("casework:case_list"))


class DigestChoiceView(CaseworkRequiredMixin, View):
    """The caseworker's choice for the daily digest (POST from the deadlines list)."""

    def post(self, request, *args, **kwargs):
        by_email = request.POST.get("by_email") == "on"
        services.choose_digest(request.user, by_email=by_email, request=request)
        messages.success(
            request,
            _("You get the daily digest by e-mail and in the app.")
            if by_email
            else _("You see the daily digest in the app only (the dashboard's casework card)."),
        )
        return HttpResponseRedirect(reverse("casework:deadline_list"))
