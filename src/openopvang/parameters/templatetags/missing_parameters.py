"""`{% missing_parameter_message name day %}`: the explanation of
parameters/missing.py for a missing value stored by name and ISO day (e.g. in a
background computation's rows), in the reader's language, with its link."""

import datetime

from django import template

from openopvang.rules.engine.errors import MissingParameter

from ..missing import missing_parameter, missing_parameter_html

register = template.Library()


@register.simple_tag(takes_context=True)
def missing_parameter_message(context, name: str, day) -> str:
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    request = context.get("request")
    error = MissingParameter(name, day)
    return missing_parameter_html(missing_parameter(error, getattr(request, "user", None)))
