"""Small helpers shared by the registry's views."""

from django.utils import timezone

from openopvang.core.mixins import AuditedDeleteMixin, AuditedFormMixin

from .. import services

PAGE_SIZE = 25


def today():
    return timezone.localdate()


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
