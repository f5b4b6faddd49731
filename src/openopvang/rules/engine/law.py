"""The legal texts the rules cite, written once.

Dated legal facts (amounts, dates from which a rule applies) are parameters
in ``rules/parameters/*.yaml`` with their reference; what is not dated — the
publication of a regulation and the article behind each BooO component —
lives here, and every place that cites them (engine lines, exports, the
declaration pages) reads it from this module."""

from __future__ import annotations

from datetime import date

from .parameters import ParameterSet

BOOO_TITLE = "Bekostigingsregeling opvang ontheemden Oekraïne"
BOOO_PUBLICATION = f"{BOOO_TITLE}, Stcrt. 2022, 15021"

# The article behind each BooO component. Art. 2 lid 1 lists the cost
# categories (sub a–e); the amounts are in art. 3: lid 1 the GOO normbedrag,
# lid 4 the POO normbedrag, lid 2 the actual-cost exception (from 2022-10-15).
ARTICLES = {
    "goo": "BooO art. 3 lid 1 (art. 2 lid 1 sub a)",
    "poo": "BooO art. 3 lid 4 (art. 2 lid 1 sub c en d)",
    "poo_leefgeld": "BooO art. 2 lid 1 sub b",
    "transition": "BooO art. 2 lid 1 sub e",
    "purchased_services": "BooO art. 2 lid 1 sub a with RooO art. 6 lid 1 sub c",
    # Listed only: no source provides a separate claim; higher actual GOO costs
    # go through art. 3 lid 2 (docs/decisions/0010).
    "actual_hotel_ship_catering": "BooO art. 3 lid 1 (art. 2 lid 1 sub a)",
    "actual_cost_goo": "BooO art. 3 lid 2",
}

# Dated facts, as parameters (booo.yaml).
GRANT_START = "booo.grant.spendable_from"
ACTUAL_COST_FROM = "booo.goo.actual_cost_from"


def _date_fact(name: str, params: ParameterSet | None, day: date | None) -> date:
    params = params or ParameterSet.load_default()
    return params.value(name, day or date.today()).day


def grant_start(params: ParameterSet | None = None, day: date | None = None) -> date:
    """The first day the BooO grant can be spent on (1 March 2022): no
    declaration year, leefgeld month or rate exists before it."""
    return _date_fact(GRANT_START, params, day)


def actual_cost_from(params: ParameterSet | None = None, day: date | None = None) -> date:
    """From this day a municipality may claim actual GOO costs instead of the
    normbedrag (art. 3 lid 2)."""
    return _date_fact(ACTUAL_COST_FROM, params, day)
