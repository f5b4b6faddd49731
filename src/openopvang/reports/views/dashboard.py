"""The municipal dashboard (/reports/): thin views over reports.dashboard.
Only counts are shown, never a person, so no read is audited (ADR 0004)."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from openopvang.core.documents import (
    CSV,
    XLSX,
    append_row,
    csv_text,
    file_response,
    new_workbook,
    xlsx_bytes,
)
from openopvang.core.mixins import MunicipalStaffRequiredMixin

from .. import dashboard, selectors
from ..costs import ensure_costs
from ..forms import PeriodForm
from ..models import MonthlyReport


class PeriodMixin(MunicipalStaffRequiredMixin):
    def period(self):
        form = PeriodForm(
            self.request.GET or None, user=self.request.user, today=timezone.localdate()
        )
        start, end, location = form.period()
        selectors.ensure_figures(self.request.user.organisation, start, end)
        if location is None and selectors.sees_costs(self.request.user):
            ensure_costs(self.request.user.organisation, start, end)
        return form, start, end, location


class DashboardView(PeriodMixin, TemplateView):
    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        form, start, end, location = self.period()
        figures = dashboard.all_figures(self.request.user, start, end, location)
        for figure in figures:
            figure.display_rows = [
                [dashboard.display_cell(v, i, figure) for i, v in enumerate(row)]
                for row in figure.rows
            ]
        query = self.request.GET.copy()
        query.pop("chart", None)
        query.pop("file", None)
        return super().get_context_data(
            form=form,
            start=start,
            end=end,
            location=location,
            figures=figures,
            query=query.urlencode(),
            refreshed=selectors.last_refreshed(self.request.user, start, end),
            kept=MonthlyReport.objects.for_user(self.request.user).only("month").first(),
            **kwargs,
        )


class DownloadView(PeriodMixin, View):
    """?chart=<slug>&file=csv|xlsx with the dashboard's filters: exactly the
    numbers of that chart's table."""

    def get(self, request):
        form, start, end, location = self.period()
        slug = request.GET.get("chart", "capacity")
        kind = request.GET.get("file", "csv")
        figure = dashboard.figure_by_slug(request.user, slug, start, end, location)
        if figure is None or kind not in ("csv", "xlsx"):
            raise Http404
        name = f"{figure.slug}-{start.isoformat()}-{end.isoformat()}"
        if kind == "csv":
            rows = [
                [value.isoformat() if hasattr(value, "isoformat") else value for value in row]
                for row in figure.rows
            ]
            return file_response(
                csv_text(figure.headers, rows), content_type=CSV, filename=f"{name}.csv"
            )
        book = new_workbook(_("Figures"))
        sheet = book.active
        append_row(sheet, [figure.title], bold=True)
        append_row(sheet, figure.headers, bold=True)
        for row in figure.rows:
            append_row(
                sheet,
                row,
                months=[i + 1 for i in figure.month_columns],
                money=[i + 1 for i in figure.money_columns],
            )
        return file_response(xlsx_bytes(book), content_type=XLSX, filename=f"{name}.xlsx")
