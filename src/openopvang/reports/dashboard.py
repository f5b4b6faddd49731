"""The municipal dashboard's figures: each a chart, the table of its numbers
and the same numbers for download, built once from the selectors so the
three can never differ."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openopvang.core import formatting
from openopvang.declarations.explanations import label as component_label
from openopvang.declarations.explanations import ordered_components

from . import charts, selectors


def declaration_components(months) -> list[str]:
    return ordered_components({c for m in months for c in m.booo})


@dataclass
class Figure:
    slug: str
    title: str  # an active title: what the chart shows
    desc: str
    headers: list[str]
    rows: list[list]  # raw values: dates, texts, ints
    svg: str = ""
    date_columns: set[int] = field(default_factory=set)
    month_columns: set[int] = field(default_factory=set)
    money_columns: set[int] = field(default_factory=set)


def _number(value) -> str:
    return formatting.number(value, get_language())


def _day(value) -> str:
    return formatting.long_date(value, get_language())


def _short(value) -> str:
    return formatting.day_and_month(value, get_language())


def capacity_figure(user, start, end, location=None) -> Figure:
    days = selectors.totals(user, start, end, location=location)
    last = days[-1] if days else None
    where = location.name if location else _("all locations")
    if last is None:
        title = _("No figures for this period")
    else:
        title = _("On %(day)s, %(occupied)s of the %(places)s places were occupied") % {
            "day": _day(last.day),
            "occupied": _number(last.occupied),
            "places": _number(last.places),
        }
    desc = _(
        "Line chart of the realised places and the persons placed per day at %(where)s, "
        "from %(start)s to %(end)s."
    ) % {"where": where, "start": _day(start), "end": _day(end)}
    figure = Figure(
        "capacity",
        title,
        desc,
        [_("Day"), _("Realised places"), _("Occupied")],
        [[row.day, row.places, row.occupied] for row in days],
        date_columns={0},
    )
    figure.svg = charts.line_chart(
        title=title,
        desc=desc,
        x_labels=[_short(row.day) for row in days],
        series=[
            charts.Series(_("Places"), [row.places for row in days]),
            charts.Series(_("Occupied"), [row.occupied for row in days]),
        ],
        y_label=_("Number of places"),
        number=_number,
    )
    return figure


def locations_figure(user, day) -> Figure:
    rows = selectors.per_location(user, day)
    full = sum(1 for row in rows if row.places and row.occupied >= row.places)
    title = _("%(full)s of %(count)s locations were full on %(day)s") % {
        "full": _number(full),
        "count": _number(len(rows)),
        "day": _day(day),
    }
    desc = _("Bar chart of the realised places and the persons placed per location on %(day)s.") % {
        "day": _day(day)
    }
    figure = Figure(
        "locations",
        title,
        desc,
        [_("Location"), _("Realised places"), _("Occupied")],
        [[row.location.name, row.places, row.occupied] for row in rows],
    )
    figure.svg = charts.bar_chart(
        title=title,
        desc=desc,
        categories=[row.location.name for row in rows],
        series=[
            charts.Series(_("Places"), [row.places for row in rows]),
            charts.Series(_("Occupied"), [row.occupied for row in rows]),
        ],
        number=_number,
    )
    return figure


def reception_figure(user, day, location=None) -> Figure:
    days = selectors.totals(user, day, day)
    goo, poo = (days[0].goo, days[0].poo) if days else (0, 0)
    title = _("%(goo)s persons at a GOO location and %(poo)s with a POO host on %(day)s") % {
        "goo": _number(goo),
        "poo": _number(poo),
        "day": _day(day),
    }
    desc = _("Bar chart of the persons placed on %(day)s by reception type.") % {"day": _day(day)}
    labels = [_("Municipal location (GOO)"), _("Private host (POO)")]
    figure = Figure(
        "reception",
        title,
        desc,
        [_("Reception type"), _("Persons")],
        [[labels[0], goo], [labels[1], poo]],
    )
    figure.svg = charts.bar_chart(
        title=title,
        desc=desc,
        categories=labels,
        series=[charts.Series(_("Persons"), [goo, poo])],
        number=_number,
    )
    return figure


def _band_label(key: str) -> str:
    labels = {
        "1": _("1 person"),
        "2": _("2 persons"),
        "3": _("3 persons"),
        "4": _("4 persons"),
        "5+": _("5 persons or more"),
        "0-3": _("0 to 3 years"),
        "4-11": _("4 to 11 years"),
        "12-17": _("12 to 17 years"),
        "18-64": _("18 to 64 years"),
        "65+": _("65 years or older"),
    }
    return labels[key]


def household_figure(user, day, location=None) -> Figure:
    counts = selectors.household_sizes(user, day, location=location)
    biggest = max(counts, key=lambda key: counts[key]) if any(counts.values()) else None
    if biggest is None:
        title = _("No persons placed on %(day)s") % {"day": _day(day)}
    else:
        title = _("Most persons placed on %(day)s live in a household of %(size)s") % {
            "day": _day(day),
            "size": _band_label(biggest),
        }
    desc = _("Bar chart of the persons placed on %(day)s by the size of their household.") % {
        "day": _day(day)
    }
    return _band_figure("households", title, desc, _("Household size"), counts)


def age_figure(user, day, location=None) -> Figure:
    counts = selectors.age_bands(user, day, location=location)
    children = counts["0-3"] + counts["4-11"] + counts["12-17"]
    title = _("%(children)s of the %(persons)s persons placed on %(day)s are under 18") % {
        "children": _number(children),
        "persons": _number(sum(counts.values())),
        "day": _day(day),
    }
    desc = _("Bar chart of the persons placed on %(day)s by age band.") % {"day": _day(day)}
    return _band_figure("ages", title, desc, _("Age"), counts)


def _band_figure(slug, title, desc, header, counts) -> Figure:
    labels = [_band_label(key) for key in counts]
    figure = Figure(
        slug,
        title,
        desc,
        [header, _("Persons")],
        [[label, count] for label, count in zip(labels, counts.values(), strict=True)],
    )
    figure.svg = charts.bar_chart(
        title=title,
        desc=desc,
        categories=labels,
        series=[charts.Series(_("Persons"), list(counts.values()))],
        number=_number,
    )
    return figure


def movements_figure(user, start, end) -> Figure:
    months = selectors.movements_by_month(user, start, end)
    arrivals = sum(m.arrivals for m in months)
    departures = sum(m.departures for m in months)
    title = _("%(arrivals)s persons arrived and %(departures)s left from %(start)s to %(end)s") % {
        "arrivals": _number(arrivals),
        "departures": _number(departures),
        "start": _day(start),
        "end": _day(end),
    }
    desc = _(
        "Bar chart of the persons arriving (first placement) and leaving (last placement "
        "ended) per month."
    )
    labels = [formatting.month(m.month, get_language()) for m in months]
    figure = Figure(
        "movements",
        title,
        desc,
        [_("Month"), _("Arrived"), _("Left")],
        [[m.month, m.arrivals, m.departures] for m in months],
        month_columns={0},
    )
    figure.svg = charts.bar_chart(
        title=title,
        desc=desc,
        categories=labels,
        series=[
            charts.Series(_("Arrived"), [m.arrivals for m in months]),
            charts.Series(_("Left"), [m.departures for m in months]),
        ],
        number=_number,
    )
    return figure


def _money(value) -> str:
    return formatting.money(value, get_language())


def costs_figure(user, start, end) -> Figure:
    """The money per month: the BooO claim by component (the normbedrag
    income) against leefgeld paid, eigen bijdrage and support invoiced."""
    months = selectors.monthly_costs(user, start, end)
    components = declaration_components(months)
    claimed = sum((m.booo_total for m in months), Decimal("0.00"))
    paid = sum((m.leefgeld_paid for m in months), Decimal("0.00"))
    invoiced = sum((m.support_invoiced for m in months), Decimal("0.00"))
    title = _(
        "The BooO claim was %(claimed)s against %(paid)s leefgeld paid and %(invoiced)s "
        "support services invoiced from %(start)s to %(end)s"
    ) % {
        "claimed": _money(claimed),
        "paid": _money(paid),
        "invoiced": _money(invoiced),
        "start": _day(start),
        "end": _day(end),
    }
    desc = _(
        "Bar chart per month of the BooO claim of the latest declaration (the normbedrag "
        "income), the leefgeld paid in approved payment runs, the eigen bijdrage of the "
        "collection list and the support services invoiced."
    )
    headers = [
        _("Month"),
        *(component_label(c) for c in components),
        _("BooO claim (normbedrag income)"),
        _("Leefgeld paid"),
        _("Eigen bijdrage collected"),
        _("Support services invoiced"),
    ]
    rows = [
        [
            m.month,
            *(Decimal(m.booo.get(c, "0.00")) for c in components),
            m.booo_total,
            m.leefgeld_paid,
            m.eigen_bijdrage,
            m.support_invoiced,
        ]
        for m in months
    ]
    figure = Figure(
        "costs",
        title,
        desc,
        headers,
        rows,
        month_columns={0},
        money_columns=set(range(1, len(headers))),
    )
    figure.svg = charts.bar_chart(
        title=title,
        desc=desc,
        categories=[formatting.month(m.month, get_language()) for m in months],
        series=[
            charts.Series(_("BooO claim"), [m.booo_total for m in months]),
            charts.Series(_("Leefgeld paid"), [m.leefgeld_paid for m in months]),
            charts.Series(_("Eigen bijdrage"), [m.eigen_bijdrage for m in months]),
            charts.Series(_("Support invoiced"), [m.support_invoiced for m in months]),
        ],
        number=_money,
    )
    return figure


def casework_figure(user, today) -> Figure:
    """Open cases by their current situation, and the open deadlines due
    within a week and overdue, today."""
    counts = selectors.cases_by_situation(user, today)
    deadlines = selectors.deadline_totals(user, today)
    title = _(
        "%(cases)s open cases; %(overdue)s deadlines are overdue and %(soon)s due within "
        "a week on %(day)s"
    ) % {
        "cases": _number(sum(counts.values())),
        "overdue": _number(deadlines["overdue"]),
        "soon": _number(deadlines["soon"]),
        "day": _day(today),
    }
    desc = _("Bar chart of the open cases by their current situation on %(day)s.") % {
        "day": _day(today)
    }
    rows = [[label, count] for label, count in counts.items()]
    rows += [
        [_("Deadlines due within a week"), deadlines["soon"]],
        [_("Deadlines overdue"), deadlines["overdue"]],
    ]
    figure = Figure("casework", title, desc, [_("Situation or deadline"), _("Number")], rows)
    figure.svg = charts.bar_chart(
        title=title,
        desc=desc,
        categories=[row[0] for row in rows],
        series=[charts.Series(_("Number"), [row[1] for row in rows])],
        number=_number,
    )
    return figure


def all_figures(user, start, end, location=None) -> list[Figure]:
    figures = [capacity_figure(user, start, end, location)]
    if location is None:
        figures.append(locations_figure(user, end))
        figures.append(reception_figure(user, end))
    figures += [
        household_figure(user, end, location),
        age_figure(user, end, location),
    ]
    if location is None:
        figures.append(movements_figure(user, start, end))
        if selectors.sees_costs(user):
            figures.append(costs_figure(user, start, end))
        if selectors.sees_casework(user):
            figures.append(casework_figure(user, timezone.localdate()))
    return figures


def figure_by_slug(user, slug, start, end, location=None) -> Figure | None:
    return next((f for f in all_figures(user, start, end, location) if f.slug == slug), None)


def display_cell(value, index: int, figure: Figure):
    """A cell as the HTML table shows it (the Dutch style)."""
    if index in figure.month_columns:
        return formatting.month(value, get_language())
    if isinstance(value, datetime.date):
        return formatting.long_date(value, get_language())
    if index in figure.money_columns:
        return _money(value) if value is not None else "–"
    if isinstance(value, int):
        return _number(value)
    return value
