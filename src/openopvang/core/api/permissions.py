from rest_framework.permissions import SAFE_METHODS, BasePermission


class IsOrganisationStaff(BasePermission):
    """Authenticated staff of an organisation. Reads are scoped by the
    queryset (core.scoping); writes need a role that may change the data."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.organisation_id):
            return False
        if request.method in SAFE_METHODS:
            return True
        required = getattr(view, "write_permission", "can_edit_registry")
        return bool(getattr(user, required, False))
