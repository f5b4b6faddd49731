"""The support-services start page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import permissions, selectors


@login_required
def index(request):
    user = request.user
    return render(
        request,
        "support/index.html",
        {
            "offers": selectors.offers_for(user)[:50],
            "orders": selectors.orders_for(user)[:50],
            "invoices": selectors.invoices_for(user)[:50],
            "is_ngo_worker": permissions.is_ngo_worker(user),
        },
    )
