from rest_framework.permissions import SAFE_METHODS

from openopvang.core.api.permissions import IsOrganisationStaff, may_read
from openopvang.core.permissions import is_finance_of, owner_id


class FinanceWrites(IsOrganisationStaff):
    """Reads for the organisation's staff; writes for the role named by
    `view.write_permission` (a predicate: finance officers of the record's
    municipality). On a record's own address the
    role is checked after the scoped lookup, so another municipality's id is
    a 404 for everyone, and an unsupported method a 405, never a 403 that
    would tell the record exists."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.organisation_id):
            return False
        if not may_read(request, view):
            return False  # a role that may not even read: 403 on every route
        if request.method in SAFE_METHODS:
            return True
        if view.kwargs.get(getattr(view, "lookup_url_kwarg", None) or view.lookup_field):
            return True  # decided in has_object_permission, after the lookup
        return super().has_permission(request, view)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        required = getattr(type(view), "write_permission", is_finance_of)
        return bool(required(request.user, owner_id(obj)))
