"""The evidence of a pair in the reader's language, the reader's own
person's spelling first."""

from django import template

from openopvang.dedup.reasons import reasons_text
from openopvang.dedup.scoring import Reason

register = template.Library()


@register.filter
def evidence(match, own_person) -> str:
    reasons = match.reason_list
    if own_person.pk == match.person_b_id:
        reasons = [Reason(r.code, r.b, r.a) for r in reasons]
    return reasons_text(reasons)


@register.filter
def other_decision(match, own_person):
    return next(
        (d for d in match.decisions.all() if d.municipality_id != own_person.municipality_id),
        None,
    )
