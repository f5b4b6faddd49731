"""Approved invoice lines become "purchased_services" cost lines of the BooO
declaration (art. 2 lid 1 sub a BooO with art. 6 lid 1 sub c RooO), each
traceable to its invoice line and from there to the delivery records."""

import datetime
from collections import defaultdict

from django.urls import reverse

from openopvang.declarations.cost_sources import SourcedCostLine, register_cost_source

from .models import InvoiceLine, LineStatus


def _approved_lines(start: datetime.date, end: datetime.date, **municipality):
    return (
        InvoiceLine.objects.filter(
            status=LineStatus.APPROVED,
            invoice__month__gte=start.replace(day=1),
            invoice__month__lte=end,
            **municipality,
        )
        .select_related("invoice__order__ngo", "order_line__service")
        .order_by("invoice__month", "invoice__number", "id")
    )


def _cost_line(line) -> SourcedCostLine:
    return SourcedCostLine(
        category="purchased_services",
        amount=line.amount,
        description=f"{line.description} — {line.invoice.order.ngo.name}, {line.invoice.number}",
        evidence=f"{line.units} × € {line.unit_price} "
        f"({line.order_line.service.get_unit_display()}), "
        f"order {line.invoice.order.number}",
        month=line.invoice.month,
        source={
            "type": "support.InvoiceLine",
            "id": line.pk,
            "invoice": line.invoice.number,
            "url": reverse("support:invoice_line_detail", args=[line.pk]),
        },
    )


@register_cost_source("support.invoices")
def approved_invoice_lines(municipality, start: datetime.date, end: datetime.date):
    """Lines approved by `municipality` on invoices whose month lies in
    [start, end] (the month of a line is its invoice month)."""
    return [
        _cost_line(line)
        for line in _approved_lines(start, end, invoice__order__municipality=municipality)
    ]


def _approved_invoice_lines_many(municipality_ids, start: datetime.date, end: datetime.date):
    """The same for many municipalities in one query: {municipality pk: lines}."""
    out = defaultdict(list)
    for line in _approved_lines(
        start, end, invoice__order__municipality_id__in=list(municipality_ids)
    ):
        out[line.invoice.order.municipality_id].append(_cost_line(line))
    return dict(out)


approved_invoice_lines.many = _approved_invoice_lines_many  # national view: one query
