"""The read-only database alias for reports and national views. With
OPENOPVANG_READ_DATABASE_URL set, settings add the alias `reports` (for
example a streaming replica); reports and the national views read through
`read_alias()`. Without it they read `default`, the same database. Writes,
and reads that decide whether to write, always use `default`."""

from django.conf import settings

READ_ALIAS = "reports"


def read_alias() -> str:
    return READ_ALIAS if READ_ALIAS in settings.DATABASES else "default"
