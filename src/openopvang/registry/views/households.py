"""Households: list, the household page with members over time, create/edit,
adding (with the person picker) and ending memberships, choosing the payee,
and checking in, moving and checking out the whole household at once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView, View

from openopvang.audit import services as audit
from openopvang.core.mixins import (
    AuditedListMixin,
    MunicipalStaffRequiredMixin,
    RegistryEditorRequiredMixin,
    ScopedObjectMixin,
    add_validation_error,
    scoped_or_404,
)

from .. import selectors, services
from ..forms import (
    CheckInForm,
    CheckOutForm,
    EndMembershipForm,
    HouseholdForm,
    MembershipForm,
    MoveForm,
    PayeeForm,
    is_picker_search,
    picker_context,
)
from ..models import Household, HouseholdMembership
from .common import (
    PAGE_SIZE,
    LastPageMixin,
    PlacementActionMixin,
    RegistryFormMixin,
    place_kwargs,
    today,
)


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
        user, day = self.request.user, today()
        memberships = list(selectors.household_memberships(user, self.object))
        audit.record_read(
            self.request.user,
            [("registry.Person", self.object.payee_id), *(m.person for m in memberships)],
            obj=self.object,
            request=self.request,
        )
        placements = [p for _person, p in selectors.household_members_on(user, self.object, day)]
        context.update(
            today=day,
            current_members=[m for m in memberships if m.is_active_on(day)],
            placed_today=sum(1 for placement in placements if placement is not None),
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


def _household_of_url(view, request, kwargs) -> None:
    if request.user.is_authenticated:
        view.household = scoped_or_404(Household, request.user, kwargs["pk"])


class MembershipCreateView(RegistryEditorRequiredMixin, RegistryFormMixin, CreateView):
    model = HouseholdMembership
    isolation_model = Household  # the pk in the URL is the household's
    form_class = MembershipForm
    template_name = "registry/membership_form.html"
    success_message = gettext_lazy("%(object)s has been added.")

    def dispatch(self, request, *args, **kwargs):
        _household_of_url(self, request, kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"start_date": today()}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if is_picker_search(kwargs.get("data", {})):
            # The Search button without JavaScript: show the matches, keep what
            # was typed, judge nothing yet.
            kwargs["initial"] = kwargs.pop("data").dict()
            kwargs.pop("files", None)
        return {
            **kwargs,
            "user": self.request.user,
            "offered": selectors.member_candidates(self.request.user, self.household, today()),
            "search_url": reverse("registry:household_member_search", args=[self.household.pk]),
        }

    def post(self, request, *args, **kwargs):
        if is_picker_search(request.POST):
            self.object = None
            return self.render_to_response(self.get_context_data())
        return super().post(request, *args, **kwargs)

    def prepare(self, instance):
        instance.household = self.household

    def get_context_data(self, **kwargs):
        context = super().get_context_data(household=self.household, **kwargs)
        shown = context["form"].fields["person"].shown
        if shown:
            audit.record_read(self.request.user, shown, obj=self.household, request=self.request)
        return context

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


class HouseholdMemberSearchView(RegistryEditorRequiredMixin, View):
    """The person picker's matches for adding a member (htmx): current members
    are left out; birth date and a masked BSN tell namesakes apart. Audited
    like every page that shows personal data."""

    isolation_model = Household

    def dispatch(self, request, *args, **kwargs):
        _household_of_url(self, request, kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        query = request.GET.get("person_search", "")
        candidates = selectors.member_candidates(request.user, self.household, today())
        results, more = selectors.pick_persons(candidates, query)
        if results:
            audit.record_read(request.user, results, obj=self.household, request=request)
        return render(
            request,
            "registry/partials/person_picker_results.html",
            {"picker": picker_context("person", "id_person", query, results, more, True)},
        )


class HouseholdActionView(RegistryEditorRequiredMixin, PlacementActionMixin, FormView):
    """Check in, move or check out every member of a household at once: the
    page lists who is affected; the service does all members or none."""

    template_name = "registry/household_action.html"
    isolation_model = Household
    title = ""
    submit_label = ""
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        _household_of_url(self, request, kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.place_choice:  # a new date may change who is a member, too
            form.fields["day"].widget.attrs["hx-select-oob"] = "#affected-members"
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        members = selectors.household_members_on(self.request.user, self.household, self.day)
        audit.record_read(
            self.request.user,
            [p for p, _placement in members],
            obj=self.household,
            request=self.request,
        )
        context.update(
            household=self.household,
            title=self.title,
            submit_label=self.submit_label,
            day=self.day,
            members=members,
        )
        return context

    def perform(self, data) -> list:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            placements = self.perform(form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error, self.error_field_map)
            form.add_error(
                None, _("Nothing has been saved: the action is done for every member or for none.")
            )
            return self.form_invalid(form)
        messages.success(
            self.request,
            self.success_message
            % {
                "household": self.household,
                "place": placements[-1].place,
                "date": form.cleaned_data["day"].strftime("%d-%m-%Y"),
                "members": ", ".join(str(p.person) for p in placements),
            },
        )
        return HttpResponseRedirect(reverse("registry:household_detail", args=[self.household.pk]))


class HouseholdCheckInView(HouseholdActionView):
    form_class = CheckInForm
    place_choice = True
    title = gettext_lazy("Check in household")
    submit_label = gettext_lazy("Check in all members")
    success_message = gettext_lazy(
        "Household %(household)s is checked in at %(place)s from %(date)s: %(members)s."
    )

    def perform(self, data):
        return services.check_in_household(
            self.request.user,
            self.household,
            day=data["day"],
            end_date=data["end_date"],
            capacity_override=data["capacity_override"],
            override_reason=data["override_reason"],
            request=self.request,
            **place_kwargs(data["place"]),
        )


class HouseholdMoveView(HouseholdActionView):
    form_class = MoveForm
    place_choice = True
    title = gettext_lazy("Move household")
    submit_label = gettext_lazy("Move all members")
    success_message = gettext_lazy(
        "Household %(household)s moves to %(place)s on %(date)s: %(members)s."
    )

    def perform(self, data):
        return services.move_household(
            self.request.user,
            self.household,
            day=data["day"],
            capacity_override=data["capacity_override"],
            override_reason=data["override_reason"],
            request=self.request,
            **place_kwargs(data["place"]),
        )


class HouseholdCheckOutView(HouseholdActionView):
    form_class = CheckOutForm
    title = gettext_lazy("Check out household")
    submit_label = gettext_lazy("Check out all members")
    success_message = gettext_lazy(
        "Household %(household)s is checked out; last night %(date)s: %(members)s."
    )
    error_field_map = {**HouseholdActionView.error_field_map, "end_date": "day"}

    def perform(self, data):
        return services.check_out_household(
            self.request.user,
            self.household,
            day=data["day"],
            departure_reason=data["departure_reason"],
            request=self.request,
        )
