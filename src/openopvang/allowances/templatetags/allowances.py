"""`{% load allowances %}`: stored reason codes shown in the viewer's language
(`{{ item.reason|reason }}`, `{% for text in line.explanation|explanation %}`)."""

from django import template

from ..reasons import render_explanation, render_partial_month_rule, render_reason

register = template.Library()


@register.filter(name="reason")
def reason_filter(value) -> str:
    return render_reason(value)


@register.filter(name="explanation")
def explanation_filter(value) -> list[str]:
    return render_explanation(value)


@register.filter(name="partial_month_rule")
def partial_month_rule_filter(value) -> str:
    return render_partial_month_rule(value)
