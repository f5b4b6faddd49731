"""Duplicate pages: a municipality's probable duplicates in other
municipalities and its decision on each; the national run for the national
organisation (counts only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from openopvang.audit import services as audit
from openopvang.core.mixins import AuditedListMixin, StaffRequiredMixin
from openopvang.core.permissions import organisation_of

from . import selectors, services
from .forms import DecisionForm, StateFilterForm
from .models import CrossMatch, MatchState
from .permissions import (
    NOT_REGISTRY_EDITOR,
    ONLY_NATIONAL_RUN,
    can_run_national,
    can_see_duplicates,
)

PAGE_SIZE = 25


class DuplicatesMixin(StaffRequiredMixin):
    """The registry editors of a municipality (another kind of organisation:
    404, these pages do not exist for it)."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            organisation = organisation_of(user)
            if organisation is None or not organisation.is_municipality:
                raise Http404
            if not can_see_duplicates(user):
                raise PermissionDenied(str(NOT_REGISTRY_EDITOR))
        return super().dispatch(request, *args, **kwargs)


def _as_seen_by(match: CrossMatch, organisation) -> CrossMatch:
    match.own, match.other = match.own_and_other(organisation)
    match.state = match.state_for(organisation)
    match.state_label = MatchState(match.state).label
    return match


class MatchListView(DuplicatesMixin, AuditedListMixin, ListView):
    template_name = "dedup/match_list.html"
    context_object_name = "pairs"
    paginate_by = PAGE_SIZE

    def audit_shown(self, objects) -> list:
        return [person for pair in objects for person in (pair.person_a, pair.person_b)]

    def get_queryset(self):
        self.filter_form = StateFilterForm(self.request.GET or None)
        state = ""
        if self.filter_form.is_bound and self.filter_form.is_valid():
            state = self.filter_form.cleaned_data["state"]
        return selectors.matches(self.request.user, state)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = organisation_of(self.request.user)
        for pair in context["pairs"]:
            _as_seen_by(pair, organisation)
        context.update(
            filter_form=self.filter_form, open_count=selectors.open_count(self.request.user)
        )
        return context


class MatchDetailView(DuplicatesMixin, TemplateView):
    template_name = "dedup/match_detail.html"
    isolation_model = CrossMatch

    def get_match(self) -> CrossMatch:
        match = get_object_or_404(selectors.matches(self.request.user), pk=self.kwargs["pk"])
        return _as_seen_by(match, organisation_of(self.request.user))

    def get(self, request, *args, **kwargs):
        match = self.get_match()
        audit.record_read(
            request.user, [match.person_a, match.person_b], obj=match, request=request
        )
        return self.render_to_response(self.get_context_data(match=match, form=DecisionForm()))

    def get_context_data(self, **kwargs):
        match = kwargs["match"]
        own = match.decision_of(organisation_of(self.request.user))
        if "form" in kwargs and own is not None and not kwargs["form"].is_bound:
            kwargs["form"] = DecisionForm(initial={"verdict": own.verdict})
        return super().get_context_data(own_decision=own, **kwargs)

    def post(self, request, *args, **kwargs):
        match = self.get_match()
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.decide(request.user, match, form.cleaned_data["verdict"], request=request)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your decision has been saved."))
                return HttpResponseRedirect(reverse("dedup:match_detail", args=[match.pk]))
        return self.render_to_response(self.get_context_data(match=match, form=form), status=400)


class NationalMixin(StaffRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_run_national(request.user):
            raise PermissionDenied(str(ONLY_NATIONAL_RUN))
        return super().dispatch(request, *args, **kwargs)


class NationalView(NationalMixin, TemplateView):
    template_name = "dedup/national.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            run=selectors.latest_run(), **selectors.national_counts(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        try:
            services.start_national_run(request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The national duplicate run has started."))
        return HttpResponseRedirect(reverse("dedup:national"))


class NationalProgressView(NationalMixin, TemplateView):
    """The progress box of the latest run, polled by htmx."""

    template_name = "dedup/_national_progress.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(run=selectors.latest_run(), **kwargs)
