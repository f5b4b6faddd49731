"""Persons: list with search and filters, the person page with its timeline,
create/edit/delete, and the placement actions (check in, check out, move)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DeleteView, DetailView, FormView, ListView, UpdateView

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
from ..duplicates import probable_duplicates
from ..forms import (
    FILTER_SEARCH_KINDS,
    CheckInForm,
    CheckOutForm,
    MoveForm,
    PersonForm,
    PersonSearchForm,
)
from ..models import Person
from ..panels import person_panels
from .common import (
    PAGE_SIZE,
    LastPageMixin,
    PlacementActionMixin,
    RegistryDeleteMixin,
    RegistryFormMixin,
    place_kwargs,
    today,
)


class PersonListView(MunicipalStaffRequiredMixin, AuditedListMixin, LastPageMixin, ListView):
    template_name = "registry/person_list.html"
    results_template_name = "registry/partials/person_results.html"
    paginate_by = PAGE_SIZE

    def get_search_form(self):
        return PersonSearchForm(
            self.request.GET or None,
            user=self.request.user,
            nationalities=selectors.nationalities_in_use(self.request.user),
        )

    def get_queryset(self):
        self.search_form = self.get_search_form()
        filters = selectors.PersonFilters()
        if self.search_form.is_bound and self.search_form.is_valid():
            data = self.search_form.cleaned_data
            filters = selectors.PersonFilters(
                query=data["q"],
                location=data["location"],
                host=data["host"],
                household=data["household"],
                nationality=data["nationality"],
                status=data["status"],
                sort=data["sort"] or "name",
            )
        self.filters = filters
        return selectors.person_list(self.request.user, filters, today=today())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            search_form=self.search_form,
            sort=self.filters.sort,
            filtered=any(
                value for key, value in self.request.GET.items() if key not in ("page", "sort")
            ),
            today=today(),
        )
        return context

    def is_results_request(self) -> bool:
        # htmx live search swaps only the results; a history restore needs the page.
        headers = self.request.headers
        return headers.get("HX-Request") == "true" and not headers.get("HX-History-Restore-Request")

    def get_template_names(self):
        return [self.results_template_name if self.is_results_request() else self.template_name]

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response


class PersonFilterChoicesView(MunicipalStaffRequiredMixin, View):
    """The choices of one of the person list's large filters (location, host,
    household) matching what is typed in its search box (htmx): the options
    only, at most FILTER_CHOICE_LIMIT of them, the chosen one kept."""

    def get(self, request):
        name = request.GET.get("field") or FILTER_SEARCH_KINDS[0]
        if name not in FILTER_SEARCH_KINDS:
            raise Http404
        form = PersonSearchForm(request.GET, user=request.user, nationalities=[])
        bound = form[name]
        widget = bound.field.widget.get_context(
            bound.html_name, bound.value(), bound.build_widget_attrs({})
        )["widget"]
        # The option templates are the form renderer's (django/forms/widgets).
        return HttpResponse(
            form.renderer.render("registry/partials/filter_choices.html", {"widget": widget})
        )


class PersonDetailView(MunicipalStaffRequiredMixin, ScopedObjectMixin, DetailView):
    model = Person
    template_name = "registry/person_detail.html"
    context_object_name = "person"

    def get_object(self, queryset=None):
        person = super().get_object(queryset)
        # Viewing personal data is audited, like every change.
        audit.record_view(self.request.user, person, request=self.request)
        return person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, person, day = self.request.user, self.object, today()
        context.update(
            today=day,
            timeline=selectors.person_timeline(user, person),
            memberships=selectors.person_households(user, person),
            placements=selectors.person_placements(user, person),
            incomes=selectors.person_incomes(user, person),
            current_placement=selectors.current_placement(user, person, day),
            age=person.age_on(day),
            panels=person_panels(self.request, person, day),
        )
        return context


class PersonCreateView(RegistryEditorRequiredMixin, RegistryFormMixin, CreateView):
    model = Person
    form_class = PersonForm
    template_name = "registry/person_form.html"
    success_message = gettext_lazy("%(object)s has been registered.")

    def prepare(self, instance):
        instance.municipality = self.request.user.organisation

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if form.is_bound:
            form.fields["confirm_different"] = forms.BooleanField(
                required=False,
                label=gettext_lazy("This is a different person: register anyway"),
            )
        return form

    def form_valid(self, form):
        # Probable duplicates in the same municipality are shown before saving
        # (ADR 0015); the user may confirm it is a different person.
        if not form.cleaned_data.get("confirm_different"):
            self.prepare(form.instance)
            found = probable_duplicates(form.instance)
            if found:
                self.duplicates = found
                audit.record_read(
                    self.request.user,
                    [d.person for d in found],
                    object_type=Person._meta.label,
                    request=self.request,
                )
                form.add_error(
                    None,
                    gettext_lazy(
                        "A person who is probably the same is already registered. Check the "
                        "list, or tick 'This is a different person' to register anyway."
                    ),
                )
                return self.form_invalid(form)
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["duplicates"] = getattr(self, "duplicates", [])
        return context

    def get_success_url(self):
        return reverse("registry:person_detail", args=[self.object.pk])


class PersonUpdateView(
    RegistryEditorRequiredMixin, ScopedObjectMixin, RegistryFormMixin, UpdateView
):
    model = Person
    form_class = PersonForm
    template_name = "registry/person_form.html"
    success_message = gettext_lazy("The changes to %(object)s have been saved.")

    def get_success_url(self):
        return reverse("registry:person_detail", args=[self.object.pk])


class PersonDeleteView(
    RegistryEditorRequiredMixin, ScopedObjectMixin, RegistryDeleteMixin, DeleteView
):
    model = Person
    template_name = "registry/person_confirm_delete.html"
    success_url = reverse_lazy("registry:person_list")
    success_message = gettext_lazy("%(object)s has been deleted.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        context.update(
            placement_count=person.placements.count(),
            income_count=person.incomes.count(),
            membership_count=person.memberships.count(),
        )
        return context


class PersonActionView(RegistryEditorRequiredMixin, PlacementActionMixin, FormView):
    """A placement action on one person: the service does the work in one
    transaction; its ValidationErrors appear on the form's fields."""

    template_name = "registry/person_action.html"
    # The record behind <pk>, for the test that walks every route as an outsider.
    isolation_model = Person
    title = ""
    submit_label = ""
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        self.person = (
            scoped_or_404(Person, request.user, kwargs["pk"])
            if request.user.is_authenticated
            else None
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            person=self.person,
            title=self.title,
            submit_label=self.submit_label,
            current_placement=selectors.current_placement(self.request.user, self.person, today()),
        )
        return context

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            placement = self.perform(form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error, self.error_field_map)
            return self.form_invalid(form)
        messages.success(
            self.request,
            self.success_message
            % {
                "person": self.person,
                "place": placement.place,
                "date": form.cleaned_data["day"].strftime("%d-%m-%Y"),
            },
        )
        return HttpResponseRedirect(reverse("registry:person_detail", args=[self.person.pk]))


class CheckInView(PersonActionView):
    form_class = CheckInForm
    place_choice = True
    title = gettext_lazy("Check in")
    submit_label = gettext_lazy("Check in")
    success_message = gettext_lazy("%(person)s is checked in at %(place)s from %(date)s.")

    def perform(self, data):
        return services.check_in(
            self.request.user,
            self.person,
            day=data["day"],
            end_date=data["end_date"],
            capacity_override=data["capacity_override"],
            override_reason=data["override_reason"],
            request=self.request,
            **place_kwargs(data["place"]),
        )


class CheckOutView(PersonActionView):
    form_class = CheckOutForm
    title = gettext_lazy("Check out")
    submit_label = gettext_lazy("Check out")
    success_message = gettext_lazy("%(person)s is checked out of %(place)s; last night %(date)s.")
    error_field_map = {**PersonActionView.error_field_map, "end_date": "day"}

    def perform(self, data):
        return services.check_out(
            self.request.user,
            self.person,
            day=data["day"],
            departure_reason=data["departure_reason"],
            request=self.request,
        )


class MoveView(PersonActionView):
    form_class = MoveForm
    place_choice = True
    title = gettext_lazy("Move")
    submit_label = gettext_lazy("Move")
    success_message = gettext_lazy("%(person)s moves to %(place)s on %(date)s.")

    def perform(self, data):
        return services.move(
            self.request.user,
            self.person,
            day=data["day"],
            capacity_override=data["capacity_override"],
            override_reason=data["override_reason"],
            request=self.request,
            **place_kwargs(data["place"]),
        )
