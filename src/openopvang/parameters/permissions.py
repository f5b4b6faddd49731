"""Who may change the parameters (core.permissions)."""

from openopvang.core.permissions import is_org_admin, organisation_of


def can_manage_parameters(user) -> bool:
    """Parameters are national: platform administrators and administrators of
    the national organisation maintain them."""
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    organisation = organisation_of(user)
    return is_org_admin(user) and organisation is not None and organisation.is_national
