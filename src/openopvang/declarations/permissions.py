"""Who may change declarations, cost lines, year settings and advance
requests: finance officers and administrators of the municipality that
declares (core.permissions)."""

from django.utils.translation import gettext_lazy as _

from openopvang.core.permissions import is_finance_of, organisation_of, require_finance_of

__all__ = ["can_change_declarations", "can_see_national", "require_finance_of"]

ONLY_NATIONAL = _("Only the national organisation sees national totals.")


def can_change_declarations(user, municipality) -> bool:
    return is_finance_of(user, municipality)


def can_see_national(user) -> bool:
    """The national organisation (and an operator) sees the totals of every
    municipality, never a person."""
    if getattr(user, "is_superuser", False):
        return True
    organisation = organisation_of(user)
    return organisation is not None and organisation.is_national
