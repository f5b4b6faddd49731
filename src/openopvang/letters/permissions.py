"""Who may do what with letters (core.permissions predicates on the user and
the owning municipality), asked by services, views, templates and the API.

Any of the municipality's staff may make a letter for its persons (a
caseworker the end of reception, a finance officer the leefgeld decision);
the texts of the templates are changed by its coordinators and administrators."""

from django.utils.translation import gettext_lazy as _

from openopvang.core.permissions import (
    ADMINISTRATOR,
    COORDINATOR,
    has_role,
    is_staff_of_municipality,
    require,
)

TEMPLATE_EDIT_ROLES = frozenset({COORDINATOR, ADMINISTRATOR})


def can_send_letters(user, municipality) -> bool:
    return is_staff_of_municipality(user, municipality)


def can_edit_templates(user, municipality) -> bool:
    return is_staff_of_municipality(user, municipality) and has_role(user, TEMPLATE_EDIT_ROLES)


def require_can_send_letters(user, municipality) -> None:
    require(
        can_send_letters(user, municipality),
        _("Only staff of the municipality can make its letters."),
    )


def require_can_edit_templates(user, municipality) -> None:
    require(
        can_edit_templates(user, municipality),
        _("Only coordinators and administrators of the municipality can change letter texts."),
    )
