"""Small helpers shared by the registry's views."""

from django.utils import timezone

PAGE_SIZE = 25


def today():
    return timezone.localdate()


class LastPageMixin:
    """For ListView: a page number out of range shows the last page, not a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()
