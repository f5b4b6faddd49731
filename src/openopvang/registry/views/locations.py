"""GOO locations with their capacity over time, and POO hosts."""

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
from ..forms import CapacityPeriodForm, HostForm, LocationForm
from ..models import CapacityPeriod, Host, Location
from .common import PAGE_SIZE, LastPageMixin, RegistryFormMixin, today


class SearchListView(MunicipalStaffRequiredMixin, LastPageMixin, ListView):
    """A list with one search box (?q=) and page links."""

    paginate_by = PAGE_SIZE

    @property
    def query(self) -> str:
        return self.request.GET.get("q", "").strip()

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, today=today(), **kwargs)


class LocationListView(SearchListView):
    template_name = "registry/location_list.html"
    context_object_name = "locations"

    def get_queryset(self):
        return selectors.location_list(self.request.user, today=today(), query=self.query)


class LocationDetailView(MunicipalStaffRequiredMixin, ScopedObjectMixin, DetailView):
    model = Location
    template_name = "registry/location_detail.html"
    context_object_name = "location"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, location, day = self.request.user, self.object, today()
        residents = selectors.location_residents(user, location, day)
        # The residents are named on the page: one audited read for all of them.
        audit.record_read(
            user,
            [("registry.Person", p.person_id) for p in residents],
            obj=location,
            request=self.request,
        )
        context.update(
            today=day,
            capacity_periods=selectors.capacity_periods(user, location),
            residents=residents,
            occupancy=selectors.Occupancy(location, location.capacity_on(day), residents.count()),
            placements=selectors.location_placement_history(user, location)[:200],
        )
        return context


class LocationCreateView(RegistryEditorRequiredMixin, RegistryFormMixin, CreateView):
    model = Location
    form_class = LocationForm
    template_name = "registry/location_form.html"
    success_message = gettext_lazy("Location %(object)s has been created. Add its capacity next.")

    def prepare(self, instance):
        instance.municipality = self.request.user.organisation

    def get_success_url(self):
        return reverse("registry:location_detail", args=[self.object.pk])


class LocationUpdateView(
    RegistryEditorRequiredMixin, ScopedObjectMixin, RegistryFormMixin, UpdateView
):
    model = Location
    form_class = LocationForm
    template_name = "registry/location_form.html"
    success_message = gettext_lazy("The changes to location %(object)s have been saved.")

    def get_success_url(self):
        return reverse("registry:location_detail", args=[self.object.pk])


class CapacityPeriodCreateView(RegistryEditorRequiredMixin, RegistryFormMixin, CreateView):
    model = CapacityPeriod
    isolation_model = Location  # the pk in the URL is the location's
    form_class = CapacityPeriodForm
    template_name = "registry/capacity_form.html"
    success_message = gettext_lazy("Capacity period %(object)s has been added.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.location = scoped_or_404(Location, request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def prepare(self, instance):
        instance.location = self.location

    def get_context_data(self, **kwargs):
        return super().get_context_data(location=self.location, **kwargs)

    def get_success_url(self):
        return reverse("registry:location_detail", args=[self.location.pk])


class CapacityPeriodUpdateView(
    RegistryEditorRequiredMixin, ScopedObjectMixin, RegistryFormMixin, UpdateView
):
    model = CapacityPeriod
    form_class = CapacityPeriodForm
    template_name = "registry/capacity_form.html"
    success_message = gettext_lazy("Capacity period %(object)s has been changed.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(location=self.object.location, **kwargs)

    def get_success_url(self):
        return reverse("registry:location_detail", args=[self.object.location_id])


class HostListView(AuditedListMixin, SearchListView):
    # Private hosts are households of named persons.

    template_name = "registry/host_list.html"
    context_object_name = "hosts"

    def get_queryset(self):
        return selectors.host_list(self.request.user, today=today(), query=self.query)


class HostDetailView(MunicipalStaffRequiredMixin, ScopedObjectMixin, DetailView):
    model = Host
    template_name = "registry/host_detail.html"
    context_object_name = "host"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, host, day = self.request.user, self.object, today()
        guests = selectors.host_guests(user, host, day)
        audit.record_read(
            user, [("registry.Person", p.person_id) for p in guests], obj=host, request=self.request
        )
        context.update(
            today=day,
            guests=guests,
            placements=selectors.host_placement_history(user, host)[:200],
        )
        return context


class HostCreateView(RegistryEditorRequiredMixin, RegistryFormMixin, CreateView):
    model = Host
    form_class = HostForm
    template_name = "registry/host_form.html"
    success_message = gettext_lazy("Host %(object)s has been registered.")

    def prepare(self, instance):
        instance.municipality = self.request.user.organisation

    def get_success_url(self):
        return reverse("registry:host_detail", args=[self.object.pk])


class HostUpdateView(RegistryEditorRequiredMixin, ScopedObjectMixin, RegistryFormMixin, UpdateView):
    model = Host
    form_class = HostForm
    template_name = "registry/host_form.html"
    success_message = gettext_lazy("The changes to host %(object)s have been saved.")

    def get_success_url(self):
        return reverse("registry:host_detail", args=[self.object.pk])
