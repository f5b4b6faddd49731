"""The NGO view: what an NGO delivered on its orders, per service and
municipality: the budget, the part used by the registered sessions and
the part left, the sessions and the attendances. Read through the support
selectors, so an NGO sees its own orders only."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from openopvang.rules.engine.money import round_cents
from openopvang.support import selectors as support_selectors
from openopvang.support.models import Attendance


@dataclass
class DeliveryRow:
    municipality: str
    service: str
    order: str
    budget: Decimal
    used: Decimal
    sessions: int
    attendances: int

    @property
    def left(self) -> Decimal:
        return self.budget - self.used


def delivery_rows(user) -> list[DeliveryRow]:
    lines = list(
        support_selectors.order_lines_for(user).select_related("order__municipality", "service")
    )
    units: dict[int, Decimal] = defaultdict(Decimal)
    sessions: dict[int, int] = defaultdict(int)
    for session in support_selectors.sessions_for(user).filter(
        order_line__in=[line.pk for line in lines]
    ):
        units[session.order_line_id] += session.units
        sessions[session.order_line_id] += 1
    attendances = dict(
        Attendance.objects.filter(session__order_line__in=[line.pk for line in lines])
        .values_list("session__order_line")
        .annotate(n=Count("id"))
        .values_list("session__order_line", "n")
        .order_by()
    )
    rows = [
        DeliveryRow(
            line.order.municipality.name,
            str(line.service),
            line.order.number,
            line.amount,
            round_cents(units[line.pk] * line.unit_price),
            sessions[line.pk],
            attendances.get(line.pk, 0),
        )
        for line in lines
    ]
    rows.sort(key=lambda r: (r.municipality, r.service, r.order))
    return rows
