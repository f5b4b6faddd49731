"""`{% load parameter_labels %}`: a parameter value's confidence in the reader's language."""

from django import template

from ..public import confidence_label as label

register = template.Library()


@register.filter
def confidence_label(value: str) -> str:
    return label(value)
