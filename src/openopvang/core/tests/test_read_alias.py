"""Reports and national views read through an alias that can point to a replica."""

from openopvang.core.db import read_alias


def test_reports_read_the_default_database_unless_a_replica_is_configured(settings):
    assert read_alias() == "default"
    settings.DATABASES = {**settings.DATABASES, "reports": dict(settings.DATABASES["default"])}
    assert read_alias() == "reports"
