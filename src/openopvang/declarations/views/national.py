"""The national totals for the national organisation (no personal data)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from openopvang.core.mixins import StaffRequiredMixin

from ..explanations import label, ordered_components
from ..models import NationalRun
from ..permissions import ONLY_NATIONAL, can_see_national
from ..tasks import start_national_run
from .common import year_choices


class NationalMixin(StaffRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_see_national(request.user):
            raise PermissionDenied(str(ONLY_NATIONAL))
        return super().dispatch(request, *args, **kwargs)

    def selected_year(self) -> int:
        value = self.request.GET.get("year") or self.request.POST.get("year") or ""
        year = int(value) if value.isdigit() else timezone.localdate().year - 1
        return year if year in year_choices() else timezone.localdate().year - 1


def national_summary(run: NationalRun | None) -> dict:
    if run is None or run.status != "done":
        return {}
    components: dict[str, object] = {}
    totals = {"goo_place_days": 0, "poo_person_months": 0, "total": Decimal("0.00")}
    rows = []
    for row in run.rows:
        row = dict(row)
        for component, amount in row["by_component"].items():
            components[component] = components.get(component, Decimal("0.00")) + Decimal(amount)
        if row["total"] is not None:
            totals["total"] += Decimal(row["total"])
            totals["goo_place_days"] += row["goo_place_days"]
            totals["poo_person_months"] += row["poo_person_months"]
        rows.append(row)
    order = ordered_components(components)
    for row in rows:
        row["amounts"] = [row["by_component"].get(c) for c in order]
    return {
        "rows": rows,
        "component_labels": [label(c) for c in order],
        "component_totals": [components[c] for c in order],
        "totals": totals,
    }


class NationalView(NationalMixin, TemplateView):
    template_name = "declarations/national.html"

    def get_context_data(self, **kwargs):
        year = self.selected_year()
        run = NationalRun.objects.filter(year=year).first()
        return super().get_context_data(
            year=year, years=year_choices(), run=run, **national_summary(run), **kwargs
        )

    def post(self, request, *args, **kwargs):
        year = self.selected_year()
        start_national_run(request.user, year)
        return HttpResponseRedirect(f"{reverse('declarations:national')}?year={year}")


class NationalProgressView(NationalMixin, TemplateView):
    """The progress box of the latest run for ?year=, polled by htmx."""

    template_name = "declarations/_national_progress.html"

    def get_context_data(self, **kwargs):
        year = self.selected_year()
        run = NationalRun.objects.filter(year=year).first()
        if run is None:
            raise Http404
        return super().get_context_data(run=run, year=year, **kwargs)
