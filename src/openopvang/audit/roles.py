"""The application's database role on PostgreSQL (ADR 0017). After every
`migrate`, run as the owner, the app role gets read and write on every table
and sequence (also on tables created later: default privileges), and the audit
table only SELECT and INSERT. The app role owns nothing, so it can neither
TRUNCATE the audit table nor drop or disable its trigger."""

from django.conf import settings

AUDIT_TABLE = "audit_auditevent"


def grant_statements(app_role: str, owner_role: str) -> list[str]:
    app = f'"{app_role}"'
    owner = f'"{owner_role}"'
    return [
        f"GRANT USAGE ON SCHEMA public TO {app}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {app}",
        f"REVOKE ALL ON {AUDIT_TABLE} FROM {app}",
        f"GRANT SELECT, INSERT ON {AUDIT_TABLE} TO {app}",
    ]


def grant_app_role(using="default", **kwargs) -> None:
    """post_migrate: give the app role its privileges, if one is configured."""
    from django.db import connections

    connection = connections[using]
    app_role = getattr(settings, "OPENOPVANG_DB_APP_ROLE", "")
    if connection.vendor != "postgresql" or not app_role:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner_role = cursor.fetchone()[0]
        if owner_role == app_role:
            return
        for statement in grant_statements(app_role, owner_role):
            cursor.execute(statement)
