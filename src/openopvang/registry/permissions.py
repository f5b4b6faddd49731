"""Who may change registry records: coordinators, caseworkers and
administrators of the municipality that holds the record (core.permissions)."""

from django.utils.translation import gettext as _

from openopvang.core.permissions import (
    NOT_YOUR_ORGANISATION,
    belongs_to,
    can_edit_registry,
    owner_id,
    require,
    stored_owner_id,
)


def can_edit_record(user, record) -> bool:
    """`record` is any registry model (Person, Placement, CapacityPeriod …)."""
    return can_edit_registry(user, owner_id(record))


def require_registry_editor_of(user, municipality) -> None:
    """Raise PermissionDenied with the reason: another municipality, or a role
    that does not change registry data."""
    require(belongs_to(user, municipality), NOT_YOUR_ORGANISATION)
    require(can_edit_registry(user, municipality), _("Your role cannot change registry data."))


def require_can_edit_record(user, record) -> None:
    """The record's owner as it is now, and as it is stored (a change may not
    move a record out of another municipality)."""
    require_registry_editor_of(user, owner_id(record))
    if record.pk is not None:
        require_registry_editor_of(user, stored_owner_id(record))
