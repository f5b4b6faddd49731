"""The monthly report as PDF: rendered on one click for the person asking,
or the one the scheduled job kept. Counts and sums, never a person, so no
read is audited (ADR 0004)."""

import datetime

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View

from openopvang.core.documents import PDF, file_response
from openopvang.core.mixins import MunicipalStaffRequiredMixin

from ..models import MonthlyReport
from ..monthly import filename, report_pdf
from ..tasks import last_month


def _month(request) -> datetime.date:
    text = request.GET.get("month", "")
    try:
        return datetime.date.fromisoformat(f"{text}-01")
    except ValueError:
        return last_month(timezone.localdate())


class MonthlyReportView(MunicipalStaffRequiredMixin, View):
    def get(self, request):
        month = _month(request)
        return file_response(
            report_pdf(request.user, month),
            content_type=PDF,
            filename=filename(request.user.organisation, month),
        )


class StoredMonthlyReportView(MunicipalStaffRequiredMixin, View):
    def get(self, request):
        month = _month(request)
        report = MonthlyReport.objects.for_user(request.user).filter(month=month).first()
        if report is None:
            # none kept (or not for this role): the report made now, with the
            # figures this user may see
            return redirect(f"{reverse('reports:monthly')}?month={month:%Y-%m}")
        return file_response(
            bytes(report.pdf),
            content_type=PDF,
            filename=filename(request.user.organisation, month),
        )
