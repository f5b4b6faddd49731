"""Who may read the audit log. audit sits below core (core writes audit
events), so this predicate stands on its own rather than on core.permissions."""


def can_read_audit_log(user) -> bool:
    """Administrators read their own organisation's events; a platform
    superuser reads all."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.is_org_admin and user.organisation_id is not None
