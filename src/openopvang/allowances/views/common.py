"""What every allowances page shares: the municipality and the finance officer's rights."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from openopvang.core.mixins import StaffRequiredMixin

from .. import selectors
from ..permissions import can_change_allowances


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


class MunicipalMixin(StaffRequiredMixin):
    nav = "runs"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.municipality = selectors.own_municipality(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            municipality=self.municipality,
            is_finance=can_change_allowances(self.request.user, self.municipality),
            nav=self.nav,
        )
        return context
