"""The national view (/reports/national/): counts per municipality, safety
region and the country, protected by reports.disclosure. No person is
shown and nothing drills down, so no read is audited (ADR 0004)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from openopvang.core.documents import CSV, csv_text, file_response
from openopvang.core.mixins import StaffRequiredMixin

from ..forms import DayForm
from ..national import (
    COST_HEADER,
    OPEN_DATA_HEADER,
    capacity_target,
    cost_csv_rows,
    national_costs,
    national_tables,
    open_data_rows,
    target_figure,
)
from ..permissions import ONLY_NATIONAL, can_see_national


class NationalMixin(StaffRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_see_national(request.user):
            raise PermissionDenied(str(ONLY_NATIONAL))
        return super().dispatch(request, *args, **kwargs)

    def day(self) -> tuple[DayForm, datetime.date]:
        form = DayForm(self.request.GET or None)
        day = form.cleaned_data.get("day") if form.is_valid() else None
        return form, day or timezone.localdate()


class NationalView(NationalMixin, TemplateView):
    template_name = "reports/national.html"

    def get_context_data(self, **kwargs):
        form, day = self.day()
        tables = national_tables(day)
        target = capacity_target(tables)
        target_title, target_svg = target_figure(target)
        cost_rows, cost_total = national_costs(day)
        return super().get_context_data(
            form=form,
            tables=tables,
            target=target,
            target_title=target_title,
            target_svg=target_svg,
            month=day.replace(day=1),
            cost_rows=cost_rows,
            cost_total=cost_total,
            **kwargs,
        )


class NationalOpenDataView(NationalMixin, View):
    def get(self, request):
        _form, day = self.day()
        tables = national_tables(day)
        return file_response(
            csv_text(OPEN_DATA_HEADER, open_data_rows(tables)),
            content_type=CSV,
            filename=f"opvang-oekraine-{day.isoformat()}.csv",
        )


class NationalCostsView(NationalMixin, View):
    """The costs and BooO claims per municipality of the day's month, as CSV."""

    def get(self, request):
        _form, day = self.day()
        rows, country = national_costs(day)
        return file_response(
            csv_text(COST_HEADER, cost_csv_rows(day, rows, country)),
            content_type=CSV,
            filename=f"kosten-opvang-{day:%Y-%m}.csv",
        )
