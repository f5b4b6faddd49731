"""One way to tell a user that a parameter has no value for a day.

The engine raises ``MissingParameter(name, day)`` and never guesses. Every page
and API answer that can hit it renders it from here: in the user's language,
naming the parameter (its description from the YAML), the first day without a
value, the legal source of the last known value and what the reader can do —
a national administrator gets a link to the form that adds the value, anyone
else is told whom to ask. The CLI keeps the engine's English message."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openopvang.core import formatting
from openopvang.rules.engine.errors import MissingParameter, RulesError, UnknownParameter
from openopvang.rules.engine.parameters import ParameterSet

from .permissions import can_manage_parameters
from .services import current_parameters


def _language() -> str:
    return "nl" if (get_language() or "nl").startswith("nl") else "en"


def long_date(day: datetime.date) -> str:
    """1 oktober 2026 (Dutch) / 1 October 2026 (English): core.formatting."""
    return formatting.long_date(day, get_language())


def missing_parameter(
    error: MissingParameter, user=None, params: ParameterSet | None = None
) -> dict:
    """The context of parameters/_missing.html for ``error`` as ``user`` reads it.

    ``gap_start`` is the first day without a value: the day after the last value
    that ends before ``error.day`` (the day the computation needed), so the
    administrator's form starts the new value where the gap begins."""
    params = params or current_parameters()
    name, day = error.name, error.day
    try:
        parameter = params.parameter(name)
    except UnknownParameter:
        parameter = None
    description, reference, gap_start = name, None, day
    if parameter is not None:
        description = (
            parameter.description.get(_language()) or parameter.description.get("en") or name
        )
        earlier = [v for v in parameter.effective if v.start <= day]
        if earlier:
            last = earlier[-1]
            reference = last.reference
            if last.end is not None and last.end < day:
                gap_start = last.end + datetime.timedelta(days=1)
    can_manage = can_manage_parameters(user)
    context = {
        "name": name,
        "description": description,
        "day": day,
        "day_text": long_date(day),
        "gap_start": gap_start,
        "gap_start_text": long_date(gap_start),
        "reference": reference,
        "can_manage": can_manage,
        "add_url": (
            f"{reverse('rules:parameter_create')}?"
            + urlencode({"name": name, "start": gap_start.isoformat()})
            if can_manage
            else None
        ),
        "public_url": f"{reverse('parameters_public:list')}#{name}",
    }
    context["message"] = _message(context)
    return context


def _source(reference) -> str:
    return ", ".join(part for part in (reference.publication, reference.article) if part)


def _message(context: dict) -> str:
    """The whole explanation as one plain sentence group (API detail, messages)."""
    values = {
        "description": context["description"],
        "name": context["name"],
        "start": context["gap_start_text"],
        "day": context["day_text"],
    }
    if context["gap_start"] == context["day"]:
        text = (
            _(
                "No value is known for “%(description)s” (%(name)s) on %(day)s, so nothing "
                "is computed or paid for that day."
            )
            % values
        )
    else:
        text = (
            _(
                "No value is known for “%(description)s” (%(name)s) from %(start)s; it is "
                "needed for %(day)s, so nothing is computed or paid for that day."
            )
            % values
        )
    if context["reference"] is not None:
        text += " " + _("The last known value comes from %(source)s.") % {
            "source": _source(context["reference"])
        }
    if context["can_manage"]:
        text += " " + _("Add the published value with its legal reference on the parameters page.")
    else:
        text += " " + _(
            "Ask your application administrator or the national organisation to add the "
            "published value."
        )
    return text


def missing_parameter_html(context: dict) -> SafeString:
    """The message with its link, for a flash message or a form error."""
    if context["add_url"]:
        link = format_html(
            ' <a class="utrecht-link utrecht-link--html-a" href="{}">{}</a>',
            context["add_url"],
            _("Add the value from %(start)s") % {"start": context["gap_start_text"]},
        )
    else:
        link = format_html(
            ' <a class="utrecht-link utrecht-link--html-a" href="{}">{}</a>',
            context["public_url"],
            _("See the published parameters"),
        )
    return format_html("{}{}", context["message"], link)


def rules_error_text(error: RulesError, user=None) -> str:
    """Any rules error as a plain text for the user: the explanation above for a
    missing parameter, the engine's message otherwise."""
    if isinstance(error, MissingParameter):
        return missing_parameter(error, user)["message"]
    return str(error)


def rules_error_html(error: RulesError, user=None) -> str:
    if isinstance(error, MissingParameter):
        return missing_parameter_html(missing_parameter(error, user))
    return str(error)


def rules_error_context(error: RulesError, user=None) -> dict:
    """{"missing": {...}} for parameters/_missing.html, or {"error": text}."""
    if isinstance(error, MissingParameter):
        return {"missing": missing_parameter(error, user), "error": str(error)}
    return {"error": str(error)}
