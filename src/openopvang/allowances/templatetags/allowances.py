"""`{% load allowances %}{% person_allowances person %}` on the person page:
the household's leefgeld and eigen bijdrage for the current and previous
months, explained (templates/allowances/_person_amounts.html)."""

from django import template
from django.utils import timezone

from openopvang.rules.engine.errors import RulesError

from ..computation import person_amounts

register = template.Library()


@register.inclusion_tag("allowances/_person_amounts.html", takes_context=True)
def person_allowances(context, person, months: int = 3):
    request = context.get("request")
    user = getattr(request, "user", None)
    out = {"person": person, "request": request}
    # The person page is already scoped; refuse anything else all the same.
    organisation = getattr(user, "organisation", None)
    if organisation is None or organisation.pk != person.municipality_id:
        out["hidden"] = True
        return out
    try:
        out.update(person_amounts(person, timezone.localdate(), months))
    except RulesError as error:
        out["error"] = str(error)
    return out
