"""BooO art. 2 lid 1 sub b (POO leefgeld at actual cost): the declaration asks
what approved payment runs paid for days with a host. None when no leefgeld
for the period was paid through the platform (the declaration then leaves
the figure to the engine or the finance officer)."""

import datetime
from decimal import Decimal

from openopvang.declarations.cost_sources import register_poo_leefgeld_source

from .selectors import has_approved_runs, paid_poo_leefgeld, paid_poo_leefgeld_by_municipality


@register_poo_leefgeld_source
def paid_poo_leefgeld_in_runs(
    municipality, start: datetime.date, end: datetime.date
) -> Decimal | None:
    if not has_approved_runs(municipality, start, end):
        return None
    return paid_poo_leefgeld(municipality, start, end)


# The national declaration view: two queries for all municipalities.
paid_poo_leefgeld_in_runs.many = paid_poo_leefgeld_by_municipality
