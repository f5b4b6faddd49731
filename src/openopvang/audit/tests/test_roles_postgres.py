"""On PostgreSQL the application runs as a role that does not own the tables:
the audit log takes INSERT and SELECT from it and refuses everything that
would change or erase it (issue 16, ADR 0017)."""

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from openopvang.audit import services
from openopvang.audit.models import AuditAction, AuditEvent

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not settings.OPENOPVANG_DB_APP_ROLE,
        reason="needs PostgreSQL with an owner and an app role (scripts/start-postgres.sh)",
    ),
]


def _refused(sql, params=()):
    with pytest.raises(DatabaseError) as error, transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    return str(error.value)


@pytest.fixture
def event(coordinator):
    return services.record(coordinator, AuditAction.LOGIN)


def test_the_tests_run_as_the_app_role():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == settings.OPENOPVANG_DB_APP_ROLE


def test_the_app_role_inserts_and_reads(event):
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_truncate_is_refused(event):
    assert "permission denied" in _refused("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_update_is_refused(event):
    assert "permission denied" in _refused(
        "UPDATE audit_auditevent SET actor_name = 'x' WHERE id = %s", [event.pk]
    )


def test_delete_is_refused(event):
    assert "permission denied" in _refused("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])


def test_the_trigger_cannot_be_dropped_or_disabled(event):
    assert "owner" in _refused("DROP TRIGGER audit_event_append_only ON audit_auditevent")
    assert "owner" in _refused(
        "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only"
    )


def test_the_table_cannot_be_dropped(event):
    assert "owner" in _refused("DROP TABLE audit_auditevent")


def test_other_tables_stay_writable_for_the_app(coordinator):
    coordinator.first_name = "Anna"
    coordinator.save()
    coordinator.refresh_from_db()
    assert coordinator.first_name == "Anna"
