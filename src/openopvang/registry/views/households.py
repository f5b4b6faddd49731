"""Households: list, the household page with members over time, create/edit,
adding and ending memberships, choosing the payee."""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from openopvang.audit import services as audit
from openopvang.core.mixins import (
    AuditedListMixin,
    MunicipalStaffRequiredMixin,
    RegistryEditorRequiredMixin,
    ScopedObjectMixin,
    scoped_or_404,
)

from .. import selectors
from ..forms import EndMembershipForm, HouseholdForm, MembershipForm, PayeeForm
from ..models import Household, HouseholdMembership
from .common import PAGE_SIZE, LastPageMixin, RegistryFormMixin, today


class HouseholdListView(MunicipalStaffRequiredMixin, AuditedListMixin, LastPageMixin, ListView):
    template_name = "registry/household_list.html"
    context_object_name = "households"
    paginate_by = PAGE_SIZE

    def audit_shown(self, households):
        # Each row names the household's payee.
        return [*households, *(("registry.Person", h.payee_id) for h in households)]

    def get_queryset(self):
        return selectors.household_list(
            self.request.user,
            today=today(),
            query=self.request.GET.get("q", "").strip(),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.request.GET.get("q", ""), **kwargs)


class HouseholdDetailView(MunicipalStaffRequiredMixin, ScopedObjectMixin, DetailView):
    model = Household
    template_name = "registry/household_detail.html"
    context_object_name = "household"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = today()
        memberships = list(selectors.household_memberships(self.request.user, self.object))
        audit.record_read(
            self.request.user,
            [("registry.Person", self.object.payee_id), *(m.person for m in memberships)],
            obj=self.object,
            request=self.request,
        )
        context.update(
            today=day,
            current_members=[m for m in memberships if m.is_active_on(day)],
            memberships=memberships,
        )
        return context


class HouseholdCreateView(RegistryEditorRequiredMixin, RegistryFormMixin, CreateView):
    model = Household
    form_class = HouseholdForm
    template_name = "registry/household_form.html"
    success_message = gettext_lazy("Household %(object)s has been created.")

    def prepare(self, instance):
        instance.municipality = self.request.user.organisation

    def get_success_url(self):
        return reverse("registry:household_detail", args=[self.object.pk])


class HouseholdUpdateView(
    RegistryEditorRequiredMixin, ScopedObjectMixin, RegistryFormMixin, UpdateView
):
    model = Household
    form_class = HouseholdForm
    template_name = "registry/household_form.html"
    success_message = gettext_lazy("The changes to household %(object)s have been saved.")

    def get_success_url(self):
        return reverse("registry:household_detail", args=[self.object.pk])


class PayeeView(HouseholdUpdateView):
    form_class = PayeeForm
    template_name = "registry/household_payee_form.html"
    success_message = gettext_lazy("The payee of household %(object)s has been saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["candidates"] = selectors.payee_candidates(self.request.user, self.object, today())
        return kwargs


class MembershipCreateView(RegistryEditorRequiredMixin, RegistryFormMixin, CreateView):
    model = HouseholdMembership
    isolation_model = Household  # the pk in the URL is the household's
    form_class = MembershipForm
    template_name = "registry/membership_form.html"
    success_message = gettext_lazy("%(object)s has been added.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.household = scoped_or_404(Household, request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"start_date": today()}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def prepare(self, instance):
        instance.household = self.household

    def get_context_data(self, **kwargs):
        return super().get_context_data(household=self.household, **kwargs)

    def get_success_url(self):
        return reverse("registry:household_detail", args=[self.household.pk])


class MembershipEndView(
    RegistryEditorRequiredMixin, ScopedObjectMixin, RegistryFormMixin, UpdateView
):
    model = HouseholdMembership
    form_class = EndMembershipForm
    template_name = "registry/membership_end_form.html"
    success_message = gettext_lazy("The membership of %(object)s has been ended.")

    def get_initial(self):
        return {"end_date": self.object.end_date or today()}

    def get_success_url(self):
        return reverse("registry:household_detail", args=[self.object.household_id])
