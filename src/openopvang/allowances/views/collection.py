"""The eigen bijdrage collection list and its downloads."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from openopvang.audit import services as audit
from openopvang.core.documents import PDF, XLSX, file_response
from openopvang.parameters import missing
from openopvang.rules.engine.dates import first_of, parse_month
from openopvang.rules.engine.errors import RulesError

from .. import documents, selectors, services
from ..collection import collection_list
from ..forms import ReductionForm
from ..policies import policy_of
from .common import MunicipalMixin

LIST_FORMATS = {"xlsx": XLSX, "pdf": PDF}


def _collection_shown(rows) -> list:
    return [("registry.Household", row.household_id) for row in rows]


def _month_from(request):
    value = request.GET.get("month", "")
    try:
        return parse_month(value) if value else first_of(timezone.localdate())
    except ValueError:
        raise Http404 from None


class CollectionView(MunicipalMixin, TemplateView):
    nav = "collection"
    template_name = "allowances/collection.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = _month_from(self.request)
        rows = []
        try:
            rows, total = collection_list(self.municipality, month)
            context.update(rows=rows, total=total)
        except RulesError as error:
            context.update(missing.rules_error_context(error, self.request.user))
        audit.record_read(
            self.request.user,
            _collection_shown(rows),
            obj=self.municipality,
            request=self.request,
            extra={"month": month.strftime("%Y-%m")},
        )
        context.update(
            month=month,
            month_value=month.strftime("%Y-%m"),
            reductions=selectors.reductions(self.request.user, month),
            reduction_form=kwargs.get("reduction_form")
            or ReductionForm(user=self.request.user, initial={"month": month.strftime("%Y-%m")}),
            policy=policy_of(self.municipality),
        )
        return context


class CollectionExportView(MunicipalMixin, View):
    def get(self, request, fmt):
        if fmt not in LIST_FORMATS:
            raise Http404
        month = _month_from(request)
        try:
            rows, total = collection_list(self.municipality, month)
        except RulesError as error:
            messages.error(request, missing.rules_error_html(error, request.user))
            return HttpResponseRedirect(reverse("allowances:collection"))
        render_file = documents.collection_to_xlsx if fmt == "xlsx" else documents.collection_to_pdf
        body = render_file(self.municipality, month, rows, total)
        services.record_export(
            request.user,
            self.municipality,
            f"eigen-bijdrage-{fmt}",
            request=request,
            month=month.strftime("%Y-%m"),
        )
        return file_response(
            body,
            content_type=LIST_FORMATS[fmt],
            filename=documents.collection_filename(self.municipality, month, fmt),
        )
