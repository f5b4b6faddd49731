"""A deadline explained in words, from the same computation that stored its
dates (services.deadline_terms): the rule and its source, the suspended and
added days, and each day the Algemene termijnenwet moved the end past."""

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from openopvang.core import formatting

from . import terms
from .services import deadline_terms


def long_date(day) -> str:
    return formatting.long_date(day, get_language())


def _unit_text(length: int, unit: str) -> str:
    if unit == terms.WEEKS:
        return ngettext("%(count)s week", "%(count)s weeks", length) % {"count": length}
    if unit == terms.WORKING_DAYS:
        return ngettext("%(count)s working day", "%(count)s working days", length) % {
            "count": length
        }
    return ngettext("%(count)s day", "%(count)s days", length) % {"count": length}


def _reason(reason: str) -> str:
    """A holiday's own (Dutch) name, or the weekday in the active language."""
    if reason == terms.SATURDAY:
        return _("Saturday")
    if reason == terms.SUNDAY:
        return _("Sunday")
    return reason


def explain_result(rule, result) -> list[str]:
    lines = [
        _("%(term)s from %(start)s (%(source)s).")
        % {
            "term": _unit_text(rule.length, rule.unit),
            "start": long_date(result.start),
            "source": rule.source,
        }
    ]
    if result.extension_days:
        lines.append(
            ngettext(
                "Extended by %(count)s day.", "Extended by %(count)s days.", result.extension_days
            )
            % {"count": result.extension_days}
        )
    if result.suspended_days:
        lines.append(
            ngettext(
                "The clock stood still for %(count)s day; the deadline moved by as much.",
                "The clock stood still for %(count)s days; the deadline moved by as much.",
                result.suspended_days,
            )
            % {"count": result.suspended_days}
        )
    if result.is_stopped:
        lines.append(
            _("The clock has stood still since %(date)s: there is no deadline until it runs again.")
            % {"date": long_date(result.stopped_since)}
        )
        return lines
    if result.moved:
        passed = ", ".join(
            _("%(date)s (%(reason)s)") % {"date": long_date(m.day), "reason": _reason(m.reason)}
            for m in result.moved
        )
        lines.append(
            _(
                "The term ends on %(raw)s, which is not a working day; under the Algemene "
                "termijnenwet it moves past %(passed)s to %(end)s."
            )
            % {"raw": long_date(result.raw_end), "passed": passed, "end": long_date(result.end)}
        )
    else:
        lines.append(_("The term ends on %(end)s.") % {"end": long_date(result.end)})
    return lines


def explain_deadline(deadline) -> list[dict]:
    """[{"role": label, "date": …, "lines": [...]}] for the legal deadline and the target."""
    computed = deadline_terms(deadline)
    labels = {terms.LEGAL: _("Legal deadline"), terms.TARGET: _("Target date")}
    out = []
    for role in (terms.LEGAL, terms.TARGET):
        result = computed.results.get(role)
        if result is None:
            continue
        out.append(
            {
                "role": labels[role],
                "date": result.end,
                "lines": explain_result(computed.rules[role], result),
            }
        )
    return out
