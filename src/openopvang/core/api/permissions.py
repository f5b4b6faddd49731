from rest_framework.permissions import SAFE_METHODS, BasePermission

from openopvang.core.permissions import can_edit_registry


class IsOrganisationStaff(BasePermission):
    """Authenticated staff of an organisation. Reads are scoped by the
    queryset (core.scoping); writes need a role that may change the data.

    A viewset names its write check as `write_permission`, a predicate of
    core.permissions or an app's permissions.py taking (user, organisation):
    here it is asked about the caller's own organisation (the button state),
    and the service asks it again about the record's owner. A viewset whose
    data only some roles may read names `read_permission` the same way (the
    finance routes: finance officers and administrators)."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.organisation_id):
            return False
        if request.method in SAFE_METHODS:
            return may_read(request, view)
        # Read from the class, so a plain function stays unbound.
        required = getattr(type(view), "write_permission", can_edit_registry)
        return bool(required(user, user.organisation))


def may_read(request, view) -> bool:
    reader = getattr(type(view), "read_permission", None)
    return reader is None or bool(reader(request.user, request.user.organisation))
