"""Small helpers shared by the registry's views."""

import datetime

from django.utils import timezone

from openopvang.core.mixins import AuditedDeleteMixin, AuditedFormMixin

from .. import services
from ..models import Location

PAGE_SIZE = 25


def today():
    return timezone.localdate()


def chosen_day(request) -> datetime.date:
    """The date of a placement action as the user chose it (posted, or asked
    for by htmx to list the places free that day); today if none or unreadable."""
    text = (request.POST.get("day") or request.GET.get("day") or "").strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return today()


class PlacementActionMixin:
    """For the FormView of a placement action (on a person or a household):
    the date field starts at the chosen day, and check-in and move list the
    places with their free places that day (`place_choice`)."""

    place_choice = False
    # Service error keys → form fields.
    error_field_map = {"start_date": "day", "location": "place", "host": "place"}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.day = chosen_day(self.request)
        kwargs.setdefault("initial", {}).update(
            day=self.day, place=self.request.GET.get("place", "")
        )
        if self.place_choice:
            kwargs.update(user=self.request.user, day=self.day, refresh_url=self.request.path)
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.place_choice:
            form.fields["place"].required = True
        return form


def place_kwargs(place):
    if isinstance(place, Location):
        return {"location": place, "host": None}
    return {"location": None, "host": place}


class LastPageMixin:
    """For ListView: a page number out of range shows the last page, not a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()


class RegistryFormMixin(AuditedFormMixin):
    """Create/UpdateView of a registry record, saved through the registry
    service (which checks the user may change the record's municipality)."""

    def save(self, instance):
        return services.save_record(self.request.user, instance, request=self.request)


class RegistryDeleteMixin(AuditedDeleteMixin):
    def delete_instance(self, instance) -> None:
        services.delete_record(self.request.user, instance, request=self.request)
