"""The engine's texts in the viewer's language.

The engine writes every line description and explanation node twice: an
English sentence (``description``/``label``, for readers of the CLI output)
and a code with parameters (``text``: ``{"code": "goo_line", "location":
"L1", "place_days": 30, "rate": "83.00"}``). A stored version keeps the
engine's result as it was; what a user sees is rendered here, through
gettext, when the page (or export, or API answer) is made. Versions stored
before the codes existed fall back to the English text.

Explanation groups are found by their machine key (the component), not by
their label."""

from __future__ import annotations

from decimal import InvalidOperation

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from openopvang.core import formatting
from openopvang.registry.models import LocationKind
from openopvang.rules.engine.booo import COMPONENT_LABELS as ENGINE_LABELS
from openopvang.rules.engine.booo import FORMER_COMPONENT_LABELS

COMPONENTS = tuple(ENGINE_LABELS)  # the engine's order: goo, poo, poo_leefgeld, …
LABELS = {
    "goo": gettext_lazy("GOO normbedrag (art. 3 lid 1)"),
    "poo": gettext_lazy("POO normbedrag (art. 3 lid 4)"),
    "poo_leefgeld": gettext_lazy("POO leefgeld at actual cost (sub b)"),
    "transition": gettext_lazy("Transition costs (sub e, on application)"),
    "purchased_services": gettext_lazy("Purchased services (within sub a)"),
    "actual_hotel_ship_catering": gettext_lazy(
        "Hotels, ships and catering (listed, not claimed separately)"
    ),
    "actual_cost_goo": gettext_lazy("GOO at actual cost (art. 3 lid 2)"),
}
NOTES = {
    "transition": gettext_lazy("Transition costs are paid on application only."),
    "purchased_services": gettext_lazy(
        "Paid from the GOO normbedrag; listed for information, not declared."
    ),
    "actual_hotel_ship_catering": gettext_lazy(
        "Not claimed on top of the GOO normbedrag: no source provides a separate claim; "
        "where actual GOO costs deviate significantly, use the actual-cost exception "
        "(art. 3 lid 2)."
    ),
}
# Why a component is listed but not claimed separately, where the page says so.
NOT_CLAIMED_NOTES = {
    "purchased_services": gettext_lazy("paid from the GOO normbedrag"),
    "actual_hotel_ship_catering": gettext_lazy(
        "no separate claim; higher actual GOO costs go through art. 3 lid 2"
    ),
}


def label(component: str) -> str:
    return str(LABELS.get(component, component))


def ordered_components(components) -> list[str]:
    present = set(components)
    return [c for c in COMPONENTS if c in present] + sorted(present - set(COMPONENTS))


def explanation_groups(booo: dict) -> dict[str, list[dict]]:
    """Explanation nodes per component, in line order: the engine's tree has
    one group per component holding one node per line. Groups are matched by
    their ``key``; a version stored before keys existed by the engine's label."""
    tree = booo.get("explanation") or {}
    by_engine_label = {
        **FORMER_COMPONENT_LABELS,
        **{text: component for component, text in ENGINE_LABELS.items()},
    }
    out: dict[str, list[dict]] = {}
    for group in tree.get("children", []):
        component = group.get("key") or by_engine_label.get(group.get("label"))
        if component is not None:
            out[component] = list(group.get("children", []))
    return out


def _amount(value) -> str:
    try:
        return formatting.amount(value, get_language())
    except (InvalidOperation, TypeError, ValueError):
        return str(value)


def _location_kind(kind: str) -> str:
    return str(LocationKind(kind).label) if kind in LocationKind.values else kind


def render_text(text: dict | None, fallback: str = "", names: dict | None = None) -> str:
    """One text from its code, in the active language; `fallback` (the
    engine's English) for an unknown code or a version without codes.
    `names` maps record references (L5) to names, so a reader sees the
    location's name, not its reference."""
    if not text or "code" not in text:
        return fallback
    names = names or {}
    code = text["code"]
    if code == "component":
        return label(text.get("component", ""))
    if code == "booo_total":
        return _("BooO %(municipality)s") % {"municipality": text.get("municipality", "")}
    if code == "goo_line":
        return _("GOO %(location)s: %(place_days)s place-days × € %(rate)s") % {
            "location": names.get(text.get("location", ""), text.get("location", "")),
            "place_days": text.get("place_days", ""),
            "rate": _amount(text.get("rate")),
        }
    if code == "goo_capacity":
        return _("capacity period %(number)s: %(places)s places × %(days)s days") % {
            "number": int(text.get("index", 0)) + 1,
            "places": text.get("places", ""),
            "days": text.get("days", ""),
        }
    if code == "goo_places":
        return _("%(location)s (%(kind)s): realised places per day") % {
            "location": names.get(text.get("location", ""), text.get("location", "")),
            "kind": _location_kind(text.get("kind", "")),
        }
    if code == "poo_month":
        out = _("POO %(month)s: %(persons)s persons × € %(rate)s") % {
            "month": text.get("month", ""),
            "persons": text.get("persons", ""),
            "rate": _amount(text.get("rate")),
        }
        if text.get("without_right"):
            out = _(
                "%(text)s; not counted: %(count)s without a right to municipal reception "
                "(see their cases)"
            ) % {"text": out, "count": text["without_right"]}
        return out
    if code == "poo_persons":
        return _("Persons with a host and a provision in this month")
    if code == "poo_leefgeld_paid":
        out = _("Leefgeld paid to persons in private reception (actual cost)")
        return _with_note(out, text)
    if code == "other_cost":
        out = text.get("description", "")
        if text.get("reason"):
            out = _("%(text)s — reason: %(reason)s") % {"text": out, "reason": text["reason"]}
        if text.get("evidence"):
            out = _("%(text)s (evidence: %(evidence)s)") % {
                "text": out,
                "evidence": text["evidence"],
            }
        return _with_note(out, text)
    if code == "fixed_line":
        return _("%(component)s: %(line)s") % {
            "component": label(text.get("component", "")),
            "line": render_text(text.get("line"), fallback, names),
        }
    return fallback


def _with_note(out: str, text: dict) -> str:
    note = NOTES.get(text.get("note") or "")
    return f"{out}. {note}" if note else out


def render_line_text(line: dict, names: dict | None = None) -> str:
    return render_text(line.get("text"), line.get("description", ""), names)


def render_node(node: dict, names: dict | None = None) -> dict:
    """A copy of an explanation node (and its children) whose ``label`` is
    rendered from its code in the active language."""
    out = dict(node)
    out["label"] = render_text(node.get("text"), node.get("label", ""), names)
    if node.get("children"):
        out["children"] = [render_node(child, names) for child in node["children"]]
    return out
