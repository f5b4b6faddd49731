"""/api/v1/national-casework-figures/: the national casework figures on a
day, the same numbers as the page and its downloads (reports.casework_national).
Counts, never a person: no read is audited (ADR 0004)."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from ..casework_national import COLUMNS, DISCLOSURE_NOTE, casework_tables, column_labels
from ..forms import DayForm
from ..permissions import ONLY_NATIONAL, can_see_national


class NationalCaseworkViewSet(viewsets.ViewSet):
    """Open cases of third-country nationals per municipality and situation on
    a day, with the country's totals: counts only. A count of 1 to 4 is `"<5"`;
    `"x"` is a cell hidden so that the totals do not give a small count away;
    `"."` is not published. For the national organisation."""

    @extend_schema(
        summary="Open cases per municipality and situation on a day (anonymised)",
        operation_id="national_casework_figures_list",
        parameters=[
            OpenApiParameter(
                "day", OpenApiTypes.DATE, required=False, description="The day (today)."
            )
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def list(self, request):
        if not can_see_national(request.user):
            raise PermissionDenied(str(ONLY_NATIONAL))
        form = DayForm(request.query_params or None)
        day = (form.cleaned_data.get("day") if form.is_valid() else None) or timezone.localdate()
        tables = casework_tables(day)

        def row(r):
            return {"code": r.code, "name": r.name, **r.cells}

        return Response(
            {
                "day": day.isoformat(),
                "columns": [
                    {"code": code, "label": label}
                    for code, label in zip(COLUMNS, column_labels(), strict=True)
                ],
                "note": str(DISCLOSURE_NOTE),
                "country": row(tables.country),
                "municipalities": [row(r) for r in tables.municipalities],
            }
        )
