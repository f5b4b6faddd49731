"""Reasons and explanations of payments as codes, rendered in the viewer's language.

What a run stores about *why* (PaymentItem.reason and .payee_note, PaymentLine.reason
and .explanation) is a code with its parameters, never a sentence::

    {"code": "payee_minor"}
    {"code": "recomputed", "month": "2024-03", "was": "250.00", "now": "180.00"}
    [{"code": "line_formula", "component": "eetgeld", ...}, {"code": "segment_paid", ...}]

`render_reason(reason)` turns one into text through gettext in the active language
(amounts in the one style of core.formatting, ADR 0016); templates use the filters of
`templatetags/allowances.py`, exports, the SEPA remittance and the API call this
module. Anything else (a legacy sentence stored before codes, a reason typed by a
user) is shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openopvang.core import formatting

Reason = dict | str | None

EMPTY: dict = {}


def code(name: str, **params) -> dict:
    """A reason as stored: ``code("recomputed", month="2024-03", was="250.00", ...)``."""
    return {"code": name, **{k: _plain(v) for k, v in params.items()}}


def _plain(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def money(value) -> str:
    """'1250.00' → '1,250.00' (English) or '1.250,00' (Dutch): core.formatting."""
    return formatting.amount(value, translation.get_language())


def exact(value) -> str:
    return number_format(Decimal(str(value)), 4, use_l10n=True)


# Fixed texts: code -> msgid (English wording as the texts were before codes).
_FIXED = {
    "no_payee": gettext_lazy("no payee"),
    "payee_minor": gettext_lazy("payee is a minor"),
    "payee_no_iban": gettext_lazy("payee has no IBAN"),
    "payee_invalid_iban": gettext_lazy("payee's IBAN is not valid"),
    "no_payee_several_ibans": gettext_lazy(
        "no payee: several adults have an IBAN, choose the payee of the household"
    ),
    "no_payee_no_adult": gettext_lazy("no payee: no adult member"),
    "no_payee_no_adult_iban": gettext_lazy("no payee: no adult member has an IBAN"),
    "net_negative": gettext_lazy("net amount is negative: to recover or to set off later"),
    "corrections_cancel": gettext_lazy("corrections cancel out"),
    "payee_alone": gettext_lazy("the person (in no household)"),
    "payee_of_household": gettext_lazy("payee of the household"),
    "payee_only_adult_iban": gettext_lazy("no payee set: the only adult member with an IBAN"),
    "not_placed": gettext_lazy("not placed"),
    "minor": gettext_lazy("minor"),
    "no_income": gettext_lazy("no income"),
}


def _where(where: str) -> str:
    kind, _space, reference = (where or "").partition(" ")
    if kind == "host":
        return _("host %(ref)s") % {"ref": reference}
    if kind == "GOO":
        return _("GOO %(ref)s") % {"ref": reference}
    if where == "not placed":
        return str(_FIXED["not_placed"])
    return where


def _span(r: dict) -> str:
    return f"{r.get('start', '')}..{r.get('end', '')}"


def _whole(r: dict) -> str:
    return _(" (whole month: situation of the 1st)") if r.get("whole") else ""


def _rule(r: dict) -> str:
    if r.get("rule") == "mandatory":
        return _("whole household, mandatory from %(day)s") % {"day": r.get("rule_from", "")}
    if r.get("rule") == "policy":
        return _(
            "whole household, municipal policy from %(day)s (policy.household_income_stop)"
        ) % {"day": r.get("rule_from", "")}
    return ""


def _render(r: dict) -> str:
    name = r.get("code", "")
    if name in _FIXED:
        return str(_FIXED[name])
    if name == "recomputed":
        text = _("recomputed %(month)s after registry change: was %(was)s, now %(now)s") % {
            "month": r.get("month", ""),
            "was": money(r.get("was")),
            "now": money(r.get("now")),
        }
        if r.get("because"):  # typed by the user who changed the registry
            text += " — " + _("reason given: %(reason)s") % {"reason": r["because"]}
        return text
    if name == "line_formula":
        terms = " + ".join(f"{money(rate)} x {days}" for rate, days in r.get("terms", []))
        return _("%(component)s: (%(terms)s) / %(days)s = %(exact)s -> %(amount)s") % {
            "component": r.get("component", ""),
            "terms": terms or "0",
            "days": r.get("days_in_month", ""),
            "exact": exact(r.get("exact", "0")),
            "amount": money(r.get("amount")),
        }
    if name == "segment_elsewhere":
        return _("%(span)s: %(days)s days counted under household %(household)s") % {
            "span": _span(r),
            "days": r.get("days", ""),
            "household": r.get("household", ""),
        }
    if name == "segment_paid":
        age = _("adult (18+)") if r.get("adult") else _("minor")
        note = r.get("note")
        note_text = f"; {render_reason(note)}" if note else ""
        return _(
            "%(span)s: %(days)s days x %(rate)s / %(dim)s%(whole)s — %(age)s, household "
            "of %(size)s placed, %(where)s; %(parameter)s from %(from)s%(note)s"
        ) % {
            "span": _span(r),
            "days": r.get("days", ""),
            "rate": money(r.get("rate")),
            "dim": r.get("days_in_month", ""),
            "whole": _whole(r),
            "age": age,
            "size": r.get("size", ""),
            "where": _where(r.get("where", "")),
            "parameter": r.get("parameter", ""),
            "from": r.get("value_from", ""),
            "note": note_text,
        }
    if name == "segment_without":
        return _("%(span)s: %(days)s days without — %(reason)s%(whole)s") % {
            "span": _span(r),
            "days": r.get("days", ""),
            "reason": render_reason(r.get("why")),
            "whole": _whole(r),
        }
    if name == "line_gone":
        return _(
            "%(person)s: no %(component)s in %(month)s any more (not placed in household "
            "%(household)s in that month)"
        ) % {
            "person": r.get("person", ""),
            "component": r.get("component", ""),
            "month": r.get("month", ""),
            "household": r.get("household", ""),
        }
    if name == "catering":
        return _("catering at %(location)s") % {"location": r.get("location", "")}
    if name == "no_host":
        return _("no host (GOO %(location)s): wooncomponent only with a host") % {
            "location": r.get("location", "")
        }
    if name == "not_in_force":
        return _("%(parameter)s in force from %(from)s") % {
            "parameter": r.get("parameter", ""),
            "from": r.get("from", ""),
        }
    if name == "own_income":
        return _(
            "own income of %(person)s (%(kind)s) from %(from)s (the earner gets no leefgeld)"
        ) % {"person": r.get("person", ""), "kind": r.get("kind", ""), "from": r.get("from", "")}
    if name == "household_income":
        return _("income of %(person)s (18+, %(kind)s) from %(from)s: %(rule)s") % {
            "person": r.get("person", ""),
            "kind": r.get("kind", ""),
            "from": r.get("from", ""),
            "rule": _rule(r),
        }
    if name == "no_right":
        return _no_right(r)
    if name == "table_continues":
        return _(
            "table of %(table)s continues until the municipal switch on %(switch)s "
            "(policy.switch_2023_date)"
        ) % {"table": r.get("table", ""), "switch": r.get("switch", "")}
    if name == "income_band":
        return _income_band(r)
    if name.startswith("eb_"):
        return _eigen_bijdrage(r)
    if name == "text":  # a legacy sentence kept as it was stored
        return str(r.get("text", ""))
    return str(r.get("text") or name)


# Situations and closure reasons of a case (the engine's codes; the same msgids
# as casework's choices, so one translation serves both).
_SITUATIONS = {
    "rejected_no_appeal": gettext_lazy("Asylum rejected, no appeal"),
    "withdrawn": gettext_lazy("Application withdrawn"),
    "no_right": gettext_lazy("No right of residence"),
}
_CLOSURES = {
    "transferred_coa": gettext_lazy("Transferred to COA"),
    "housed": gettext_lazy("Housed as status holder"),
    "departed_voluntary": gettext_lazy("Departed voluntarily"),
    "departed_iom": gettext_lazy("Departed with IOM"),
    "departed_dtv": gettext_lazy("Departed with DT&V"),
    "unknown_destination": gettext_lazy("Left with unknown destination"),
    "deceased": gettext_lazy("Deceased"),
}


def _no_right(r: dict) -> str:
    """No right to municipal reception and leefgeld (rules.engine.rights)."""
    reason = r.get("reason")
    if reason == "departure_term_ended":
        situation = r.get("situation", "")
        why = _("departure term ended on %(deadline)s (%(situation)s)") % {
            "deadline": r.get("deadline", ""),
            "situation": str(_SITUATIONS.get(situation, situation)),
        }
    elif reason == "case_closed":
        closure = r.get("closure", "")
        why = _("case closed: %(closure)s") % {"closure": str(_CLOSURES.get(closure, closure))}
    else:
        why = str(r.get("note") or reason or "")
    return _("no right to reception from %(from)s: %(why)s") % {
        "from": r.get("from", ""),
        "why": why,
    }


def _income_band(r: dict) -> str:
    """The income threshold of a household-month (engine code "income_band")."""
    values = {
        "factor": r.get("factor", ""),
        "income": money(r.get("income")),
        "leefgeld": money(r.get("leefgeld")),
        "threshold": money(r.get("threshold_leefgeld")),
        "paid": money(r.get("paid")),
    }
    if r.get("rule") == "keep_plus_15":
        text = (
            _(
                "income threshold (keep leefgeld + 15%%): household income %(income)s, household "
                "leefgeld %(leefgeld)s; leefgeld withdrawn in full from %(factor)s × leefgeld = "
                "%(threshold)s; leefgeld paid min(%(leefgeld)s, max(0, %(threshold)s − "
                "%(income)s)) = %(paid)s"
            )
            % values
        )
    else:
        text = (
            _(
                "income threshold (derived from the published table): household income "
                "%(income)s, household leefgeld %(leefgeld)s; leefgeld withdrawn in full from "
                "%(factor)s × leefgeld = %(threshold)s; leefgeld paid max(0, %(leefgeld)s − "
                "%(income)s / %(factor)s) = %(paid)s"
            )
            % values
        )
    if "levied" in r:
        text += "; " + _(
            "eigen bijdrage %(eb)s, levied in full from %(factor)s × (leefgeld + eigen "
            "bijdrage) = %(threshold)s; levied %(levied)s"
        ) % {
            "eb": money(r.get("eigen_bijdrage")),
            "factor": r.get("factor", ""),
            "threshold": money(r.get("threshold_eigen_bijdrage")),
            "levied": money(r.get("levied")),
        }
    return text


def render_reason(reason: Reason) -> str:
    """One stored reason (code dict, legacy text or nothing) as text in the active language."""
    if not reason:
        return ""
    if isinstance(reason, str):
        return reason
    if isinstance(reason, dict):
        return _render(reason)
    if isinstance(reason, (list, tuple)) and len(reason) == 2 and isinstance(reason[0], str):
        return _render({"code": reason[0], **dict(reason[1])})  # an engine (code, params)
    return str(reason)


PARTIAL_MONTH_RULES = {
    "pro_rata": gettext_lazy(
        "pro rata by calendar days: the monthly amount × days ÷ days in the month, "
        "rounded half-up to cents once per person, month and component"
    ),
    "whole_month_if_present_on_first": gettext_lazy(
        "a whole month at the situation of the 1st for persons placed on the 1st; pro rata "
        "by calendar days for persons arriving later; rounded half-up to cents once per "
        "person, month and component"
    ),
}


def render_partial_month_rule(code: str) -> str:
    """The run's stored rule code (`result.partial_month`) in the reader's language."""
    return str(PARTIAL_MONTH_RULES.get(code, code or ""))


def render_explanation(items: Iterable[Reason]) -> list[str]:
    """A stored explanation (a list of reasons) as lines of text."""
    return [render_reason(item) for item in items or ()]


# -- reading sentences stored before there were codes ---------------------------------

_LEGACY_RECOMPUTED = re.compile(
    r"^recomputed (\d{4}-\d{2}) after registry change: was (-?\d+\.\d{2}), now (-?\d+\.\d{2})$"
)


def from_legacy(text: str) -> dict:
    """A reason stored as an English sentence → its code (the migration uses this);
    a sentence it does not know is kept as {"code": "text", "text": ...}."""
    text = (text or "").strip()
    if not text:
        return {}
    with translation.override(None):  # the English msgids
        legacy = {str(msgid): name for name, msgid in _FIXED.items()}
    if text in legacy:
        return {"code": legacy[text]}
    match = _LEGACY_RECOMPUTED.match(text)
    if match:
        return code("recomputed", month=match.group(1), was=match.group(2), now=match.group(3))
    return {"code": "text", "text": text}


# -- the eigen bijdrage explanation (rules.engine.eigen_bijdrage nodes) -------------

_FREE_WHY = {
    "minor": gettext_lazy("under 18"),
    "no_income": gettext_lazy("no income"),
}


def _eigen_bijdrage(r: dict) -> str:
    name = r["code"]
    span = f"{r.get('from', '')}..{r.get('to', '')}"
    if name == "eb_month":
        return _(
            "Eigen bijdrage %(household)s %(month)s: pro rata by calendar days, the sum of "
            "(monthly amount x days) / days in the month over the charged persons, rounded "
            "half-up to cents once per household and month"
        ) % {"household": r.get("household", ""), "month": r.get("month", "")}
    if name == "eb_person":
        return _("%(person)s: %(days)s days charged") % {
            "person": r.get("person", ""),
            "days": r.get("days", ""),
        }
    if name == "eb_free":
        why = r.get("why")
        if why == "not_in_force":
            reason = _("the eigen bijdrage applies from %(date)s") % {"date": r.get("from", "")}
        elif why == "at_most":
            reason = _(
                "at most %(max)s persons per household: %(charged)s charged (highest income; "
                "tie: listed first)"
            ) % {"max": r.get("max", ""), "charged": r.get("charged", "")}
        else:
            reason = str(_FREE_WHY.get(why, why or ""))
        return _("%(span)s: %(days)s days not charged — %(reason)s") % {
            "span": span,
            "days": r.get("days", ""),
            "reason": reason,
        }
    if name == "eb_segment":
        return _(
            "%(span)s: %(days)s days x %(rate)s / %(dim)s (18+, income %(income)s a month, "
            "GOO %(location)s)"
        ) % {
            "span": span,
            "days": r.get("days", ""),
            "rate": money(r.get("rate")),
            "dim": r.get("dim", ""),
            "income": money(r.get("income")),
            "location": r.get("location", ""),
        }
    if name == "eb_catering":
        return _("%(span)s: catering at %(location)s: %(days)s days x %(rate)s / %(dim)s") % {
            "span": span,
            "location": r.get("location", ""),
            "days": r.get("days", ""),
            "rate": money(r.get("rate")),
            "dim": r.get("dim", ""),
        }
    if name == "eb_sum":
        gross = money(r.get("gross"))
        return (
            f"({r.get('terms', '')}) / {r.get('dim', '')} = {exact(r.get('exact', '0'))} -> {gross}"
        )
    if name == "eb_reduction":
        return _("maatwerk reduction: -%(amount)s (%(reason)s), not below zero") % {
            "amount": money(r.get("amount")),
            "reason": r.get("reason", ""),
        }
    return str(r.get("text") or name)


def render_node_label(node) -> str:
    """An engine explanation node's label in the active language: its code
    when it has one, else the engine's (English) label."""
    return render_reason(node.text) if node.text else node.label
