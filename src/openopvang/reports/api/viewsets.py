"""/api/v1/report-figures/ and /api/v1/national-report-figures/: every figure of the
dashboards with exactly the numbers of their tables (reports.dashboard and
reports.national build both). Counts and sums, never a person: no read is
audited (ADR 0004)."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from openopvang.core.permissions import require_municipal_staff

from .. import dashboard, selectors
from ..costs import ensure_costs
from ..forms import DayForm, PeriodForm
from ..national import capacity_target, national_costs, national_tables
from ..permissions import ONLY_NATIONAL, can_see_national

PERIOD = [
    OpenApiParameter("start", OpenApiTypes.DATE, required=False, description="First day."),
    OpenApiParameter("end", OpenApiTypes.DATE, required=False, description="Last day (today)."),
    OpenApiParameter("location", int, required=False, description="One location's figures."),
]


def _value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def _figure(figure) -> dict:
    return {
        "slug": figure.slug,
        "title": figure.title,
        "headers": [str(h) for h in figure.headers],
        "rows": [[_value(v) for v in row] for row in figure.rows],
    }


class ReportFigureViewSet(viewsets.ViewSet):
    """The municipal dashboard's figures: title, headers and rows, the same
    numbers as the page's tables and downloads (money as text with two
    decimals, dates ISO)."""

    lookup_field = "code"

    def _period(self, request):
        require_municipal_staff(request.user)
        form = PeriodForm(
            request.query_params or None, user=request.user, today=timezone.localdate()
        )
        start, end, location = form.period()
        selectors.ensure_figures(request.user.organisation, start, end)
        if location is None and selectors.sees_costs(request.user):
            ensure_costs(request.user.organisation, start, end)
        return start, end, location

    @extend_schema(
        summary="List the dashboard's figures with their numbers",
        operation_id="report_figures_list",
        parameters=PERIOD,
        responses={200: OpenApiTypes.OBJECT},
    )
    def list(self, request):
        start, end, location = self._period(request)
        figures = dashboard.all_figures(request.user, start, end, location)
        return Response(
            {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "figures": [_figure(f) for f in figures],
            }
        )

    @extend_schema(
        summary="One figure of the dashboard with its numbers",
        operation_id="report_figures_retrieve",
        parameters=PERIOD,
        responses={200: OpenApiTypes.OBJECT},
    )
    def retrieve(self, request, code=None):
        start, end, location = self._period(request)
        figure = dashboard.figure_by_slug(request.user, code, start, end, location)
        if figure is None:
            known = [f.slug for f in dashboard.all_figures(request.user, start, end, location)]
            raise ValidationError({"code": f"Unknown figure; one of: {', '.join(known)}."})
        return Response(_figure(figure))


class ReportNationalViewSet(viewsets.ViewSet):
    """The national view's figures on a day: per municipality, safety region
    and the country, counts of persons protected as on the page (`<5`, `x`,
    `.`), the realised places against the national target, and the costs and
    BooO claims per municipality of the day's month."""

    @extend_schema(
        summary="The national figures on a day (anonymised)",
        operation_id="report_national_list",
        parameters=[OpenApiParameter("day", OpenApiTypes.DATE, required=False)],
        responses={200: OpenApiTypes.OBJECT},
    )
    def list(self, request):
        if not can_see_national(request.user):
            raise PermissionDenied(str(ONLY_NATIONAL))
        form = DayForm(request.query_params or None)
        day = (form.cleaned_data.get("day") if form.is_valid() else None) or timezone.localdate()
        tables = national_tables(day)
        target = capacity_target(tables)
        costs, country_costs = national_costs(day)

        def row(r):
            return {
                "level": r.level,
                "code": r.code,
                "name": r.name,
                "places": r.places,
                **r.cells,
            }

        def cost(r):
            return {
                "code": r.code,
                "name": r.name,
                **{
                    key: _value(getattr(r, key))
                    for key in ("booo_claim", "leefgeld_paid", "eigen_bijdrage", "support_invoiced")
                },
            }

        return Response(
            {
                "day": day.isoformat(),
                "country": row(tables.country),
                "regions": [row(r) for r in tables.regions],
                "municipalities": [row(r) for r in tables.municipalities],
                "target": {
                    "places": target.places,
                    "by": target.by.isoformat(),
                    "source": target.source,
                    "realised": target.realised,
                    "share_percent": target.share,
                },
                "costs": {
                    "month": day.replace(day=1).isoformat(),
                    "country": cost(country_costs),
                    "municipalities": [cost(r) for r in costs],
                },
            }
        )
