"""Who may act on a municipality's privacy duties: its administrators."""

from openopvang.core.permissions import ADMINISTRATOR, has_role, is_staff_of_municipality


def can_manage_privacy(user, municipality) -> bool:
    """An administrator of that municipality: retention settings, subject
    access requests."""
    return is_staff_of_municipality(user, municipality) and has_role(user, {ADMINISTRATOR})
