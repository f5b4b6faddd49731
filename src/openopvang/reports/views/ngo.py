"""/reports/ngo/: the NGO's delivery per service and municipality (counts and
sums, no person: not audited, ADR 0004)."""

from django.views.generic import TemplateView

from openopvang.core.mixins import StaffRequiredMixin
from openopvang.support.permissions import require_ngo_worker

from ..ngo import delivery_rows


class NgoReportView(StaffRequiredMixin, TemplateView):
    template_name = "reports/ngo.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_ngo_worker(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=delivery_rows(self.request.user), **kwargs)
