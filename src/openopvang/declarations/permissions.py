"""Who may change declarations, cost lines, year settings and advance
requests: finance officers and administrators of the municipality that
declares (core.permissions)."""

from openopvang.core.permissions import is_finance_of, require_finance_of

__all__ = ["can_change_declarations", "require_finance_of"]


def can_change_declarations(user, municipality) -> bool:
    return is_finance_of(user, municipality)
