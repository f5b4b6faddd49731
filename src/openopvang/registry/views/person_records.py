"""Records reached from the person page: income periods and placements."""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, UpdateView

from openopvang.core.mixins import (
    RegistryEditorRequiredMixin,
    ScopedObjectMixin,
    scoped_or_404,
)

from .. import services
from ..forms import IncomeForm, PlacementForm
from ..models import IncomePeriod, Person, Placement
from ..settled import changed_span, settled_periods
from .common import RegistryDeleteMixin, RegistryFormMixin


class BackToPersonMixin:
    """Forms of a person's records return to the person page."""

    def get_person(self):
        return self.object.person

    def get_success_url(self):
        return reverse("registry:person_detail", args=[self.get_person().pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.get_person(), **kwargs)


class SettledMoneyMixin:
    """Placement and income forms: say which paid months or declared years
    the record reaches, and save with the reason the service asks for then."""

    record_kind = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        record = form.instance if form is not None else None
        if form is not None and form.is_bound and record.start_date is not None:
            # Posted: what this change reaches (the reason may be what is missing).
            record.person = self.get_person()
            settled = services.settled_by_edit(record, self.record_kind)
        elif getattr(self, "object", None) is not None:
            settled = settled_periods(
                self.object.person, changed_span(None, self.object), self.record_kind
            )
        else:
            settled = []
        context["settled"] = settled
        return context

    def form_valid(self, form):
        self.change_reason = form.cleaned_data.get("change_reason", "")
        return super().form_valid(form)


class IncomeFormMixin(SettledMoneyMixin):
    record_kind = "income"

    def save(self, instance):
        return services.save_dated_record(
            self.request.user,
            instance,
            kind="income",
            change_reason=self.change_reason,
            request=self.request,
        )


class IncomeCreateView(
    RegistryEditorRequiredMixin, BackToPersonMixin, IncomeFormMixin, RegistryFormMixin, CreateView
):
    model = IncomePeriod
    isolation_model = Person  # the pk in the URL is the person's
    form_class = IncomeForm
    template_name = "registry/income_form.html"
    success_message = gettext_lazy("The income period has been added.")

    def get_person(self):
        if not hasattr(self, "person"):
            self.person = scoped_or_404(Person, self.request.user, self.kwargs["pk"])
        return self.person

    def prepare(self, instance):
        instance.person = self.get_person()


class IncomeUpdateView(
    RegistryEditorRequiredMixin,
    BackToPersonMixin,
    ScopedObjectMixin,
    IncomeFormMixin,
    RegistryFormMixin,
    UpdateView,
):
    model = IncomePeriod
    form_class = IncomeForm
    template_name = "registry/income_form.html"
    success_message = gettext_lazy("The income period has been changed.")


class IncomeDeleteView(
    RegistryEditorRequiredMixin,
    BackToPersonMixin,
    ScopedObjectMixin,
    RegistryDeleteMixin,
    DeleteView,
):
    model = IncomePeriod
    template_name = "registry/confirm_delete.html"
    success_message = gettext_lazy("The income period %(object)s has been deleted.")


class PlacementUpdateView(
    RegistryEditorRequiredMixin,
    BackToPersonMixin,
    ScopedObjectMixin,
    SettledMoneyMixin,
    RegistryFormMixin,
    UpdateView,
):
    model = Placement
    record_kind = "placement"
    form_class = PlacementForm
    template_name = "registry/placement_form.html"
    success_message = gettext_lazy("The placement has been changed.")
    error_field_map = {"location": "place", "host": "place"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save(self, instance):
        # Placements go through the registry service: overlap, opening dates
        # and capacity are checked there.
        return services.save_placement(
            self.request.user, instance, change_reason=self.change_reason, request=self.request
        )


class PlacementDeleteView(
    RegistryEditorRequiredMixin,
    BackToPersonMixin,
    ScopedObjectMixin,
    RegistryDeleteMixin,
    DeleteView,
):
    model = Placement
    template_name = "registry/confirm_delete.html"
    success_message = gettext_lazy("The placement %(object)s has been deleted.")
