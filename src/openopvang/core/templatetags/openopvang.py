"""Template helpers for the staff layout."""

from django import template

from openopvang.core import permissions

register = template.Library()


@register.filter
def can_edit_registry_of(user, record) -> bool:
    """Button state on a record's page: `{% if user|can_edit_registry_of:person %}`,
    the same predicate the registry services check (core.permissions)."""
    return permissions.can_edit_registry(user, permissions.owner_id(record))


# Records reached from another record's page belong to that record's section.
_SUBSECTIONS = {
    "income": "person",
    "placement": "person",
    "membership": "household",
    "capacity": "location",
}


@register.filter
def nav_section(resolver_match) -> str:
    """The navigation section of the current page ("person", "location" …):
    url names are "<section>_<page>", the dashboard is its own section."""
    if resolver_match is None:
        return ""
    if resolver_match.view_name == "core:dashboard":
        return "dashboard"
    if resolver_match.namespace != "registry":
        return ""  # the other apps mark their own item (by namespace), not a registry one
    section = (resolver_match.url_name or "").split("_")[0]
    return _SUBSECTIONS.get(section, section)


@register.filter
def field_type(bound_field) -> str:
    """The widget's kind, so one form template can render every field."""
    return bound_field.field.widget.__class__.__name__.lower()
