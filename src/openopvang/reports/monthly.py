"""The monthly report for the council: the dashboard's charts (the same SVG),
their tables and a short text with the month's figures filled in, as one
PDF (core.documents.pdf_from_template, WeasyPrint).

One click on the dashboard renders it for the person asking (their figures:
the money only for finance officers and administrators). The scheduled
job (reports.tasks.monthly_reports, on the first of the month) keeps one for
the month just ended per municipality, read as the municipality's
administrator would; finance officers and administrators download it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openopvang.accounts.models import Role
from openopvang.core import formatting
from openopvang.core.documents import pdf_from_template

from . import dashboard, selectors
from .costs import ensure_costs


@dataclass(frozen=True)
class ReportReader:
    """Who the scheduled report reads as: the municipality's administrator
    (every figure of the municipality, counts and money; never a person)."""

    organisation: object
    role: str = Role.ADMINISTRATOR
    is_authenticated: bool = True
    is_active: bool = True
    pk: None = None


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = month.replace(day=1)
    last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return first, last


def summary(user, month: datetime.date) -> str:
    """The short text with the month's figures filled in."""
    first, last = month_bounds(month)
    language = get_language()
    days = selectors.totals(user, first, last)
    moves = selectors.movements_by_month(user, first, last)
    end = days[-1] if days else None
    text = _(
        "In %(month)s the municipality had %(places)s realised places at the end of the "
        "month, of which %(occupied)s were occupied; %(poo)s persons lived with a private "
        "host. %(arrivals)s persons arrived and %(departures)s left."
    ) % {
        "month": formatting.month(first, language),
        "places": formatting.number(end.places if end else 0, language),
        "occupied": formatting.number(end.occupied if end else 0, language),
        "poo": formatting.number(end.poo if end else 0, language),
        "arrivals": formatting.number(sum(m.arrivals for m in moves), language),
        "departures": formatting.number(sum(m.departures for m in moves), language),
    }
    if selectors.sees_costs(user):
        costs = selectors.monthly_costs(user, first, last)
        claim = sum((c.booo_total for c in costs), Decimal("0.00"))
        paid = sum((c.leefgeld_paid for c in costs), Decimal("0.00"))
        invoiced = sum((c.support_invoiced for c in costs), Decimal("0.00"))
        text += " " + _(
            "The BooO claim for the month is %(claim)s; %(paid)s leefgeld was paid and "
            "%(invoiced)s of support services was invoiced."
        ) % {
            "claim": formatting.money(claim, language),
            "paid": formatting.money(paid, language),
            "invoiced": formatting.money(invoiced, language),
        }
    return text


def report_pdf(user, month: datetime.date) -> bytes:
    municipality = user.organisation
    first, last = month_bounds(month)
    selectors.ensure_figures(municipality, first, last)
    if selectors.sees_costs(user):
        ensure_costs(municipality, first, last)
    figures = dashboard.all_figures(user, first, last)
    for figure in figures:
        figure.display_rows = [
            [dashboard.display_cell(v, i, figure) for i, v in enumerate(row)] for row in figure.rows
        ]
    return pdf_from_template(
        "reports/monthly_pdf.html",
        {
            "municipality": municipality,
            "month": first,
            "summary": summary(user, first),
            "figures": figures,
        },
    )


def filename(municipality, month: datetime.date) -> str:
    return f"maandrapportage-{municipality.code}-{month:%Y-%m}.pdf"
