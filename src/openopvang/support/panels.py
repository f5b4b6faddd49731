"""The dashboard's card (registry/panels.py) for support services: for NGO
staff the offers awaiting the municipality, the ordered services running this
month (register their sessions) and disputed invoice lines; for the
municipality's buyers the offers and invoices waiting for them."""

from __future__ import annotations

from django.db.models import Count, Q

from openopvang.registry.panels import register_dashboard_panel

from . import permissions, selectors
from .models import InvoiceStatus, LineStatus, OfferStatus

SHOWN = 5  # rows per list on the card; the support page has them all


@register_dashboard_panel
def support_panel(request, today) -> dict | None:
    user = request.user
    ngo = permissions.is_ngo_worker(user)
    if not (ngo or permissions.is_municipal_buyer(user)):
        return None
    month = today.replace(day=1)
    offers = selectors.offers_for(user).filter(status=OfferStatus.SENT).order_by("id")
    disputed = selectors.invoice_lines_for(user).filter(status=LineStatus.DISPUTED)
    context = {
        "ngo": ngo,
        "offers": list(offers[:SHOWN]),
        "offer_count": offers.count(),
        "disputed": list(disputed.order_by("id")[:SHOWN]),
        "disputed_count": disputed.count(),
    }
    if ngo:
        running = (
            selectors.order_lines_for(user)
            .filter(period_start__lte=today, period_end__gte=today)
            .annotate(this_month=Count("sessions", filter=Q(sessions__date__gte=month)))
            .order_by("order__number", "id")
        )
        context["running"] = list(running[:SHOWN])
        context["running_count"] = running.count()
    else:
        invoices = selectors.invoices_for(user).filter(status=InvoiceStatus.SENT)
        context["invoices"] = list(invoices.order_by("id")[:SHOWN])
        context["invoice_count"] = invoices.count()
    return {"template": "support/_dashboard.html", "context": context, "order": 30}
