"""The one money and date style in templates (ADR 0016; core/formatting.py):
``{% load formatting %}`` then ``{{ total|money }}`` (€ 1.250,50),
``{{ rate|amount }}`` (1.250,50, for a column whose header names the euro),
``{{ count|number }}``, ``{{ day|day }}`` (2 december 2026), ``{{ at|moment }}``
(2 december 2026 14:05), ``{{ month|month }}`` (december 2026) and
``{{ person.bsn|bsn }}``, in the active language.

Amounts, counts and BSNs come in a ``<span class="oo-nowrap">``: they never
break across lines, on a page or in a PDF."""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language

from openopvang.core import formatting

register = template.Library()


def _nowrap(text: str):
    return format_html('<span class="oo-nowrap">{}</span>', text) if text else ""


def _amount_or_as_is(value, style):
    try:
        return _nowrap(style(value, get_language()))
    except (InvalidOperation, TypeError, ValueError):
        return value  # not an amount (a placeholder such as "—"): shown as it is


@register.filter
def money(value):
    return _amount_or_as_is(value, formatting.money)


@register.filter
def amount(value):
    return _amount_or_as_is(value, formatting.amount)


@register.filter
def number(value):
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return amount(value)  # a fractional quantity keeps its decimals
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return value if value is not None else ""
    try:
        return _nowrap(formatting.number(int(value), get_language()))
    except ValueError:
        return value  # a placeholder such as "—"


def _local(value):
    if isinstance(value, str) and value:
        # Engine results carry dates as ISO text ("2024-01-01", a month "2024-03").
        try:
            return datetime.date.fromisoformat(value if len(value) > 7 else value + "-01")
        except ValueError:
            return None
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def day(value):
    return formatting.long_date(_local(value), get_language())


@register.filter
def moment(value):
    return formatting.date_time(_local(value), get_language())


@register.filter
def month(value):
    return formatting.month(_local(value), get_language())


@register.filter
def bsn(value):
    return _nowrap(str(value or ""))


@register.filter
def who(user):
    """A colleague as people know them: the full name, else the login, else
    nothing (a run nobody approved yet, an account since deleted)."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
