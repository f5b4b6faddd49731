"""The evidence of a pair in the reader's language, the reader's own
person's spelling first."""

from django import template

from openopvang.dedup.reasons import reasons_text

register = template.Library()


@register.filter
def evidence(match, own_person) -> str:
    return reasons_text(match.reasons_for(own_person))


@register.filter
def other_decision(match, own_person):
    return next(
        (d for d in match.decisions.all() if d.municipality_id != own_person.municipality_id),
        None,
    )
