"""Tamper evidence: every event is chained to the previous one, and
`openopvang audit verify` names the first event that was changed or removed."""

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from openopvang.audit import services
from openopvang.audit.models import AuditAction


def _events(actor, n=4):
    return [
        services.record(
            actor,
            AuditAction.UPDATE,
            object_type="registry.Person",
            object_id=str(i),
            changes={"first_name": ["A", f"B{i}"]},
        )
        for i in range(n)
    ]


def _as_owner(sql, params):
    """What someone with the owner role (or file access) could do behind the
    app's back. With two roles on PostgreSQL, through an owner connection of
    its own (the test is then transactional, so that connection sees the rows)."""
    owner_url = settings.OPENOPVANG_MIGRATION_DATABASE_URL
    if connection.vendor == "postgresql" and owner_url:
        import psycopg

        url = owner_url.rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
        with psycopg.connect(url, autocommit=True) as owner, owner.cursor() as cursor:
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")


def verify():
    from io import StringIO

    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_events_are_chained(db, coordinator):
    events = _events(coordinator)
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash
    assert len({e.hash for e in events}) == 4
    assert "intact: 4 events" in verify()


@pytest.mark.django_db(transaction=True)
def test_a_changed_event_is_found(coordinator):
    events = _events(coordinator)
    _as_owner("UPDATE audit_auditevent SET object_id = %s WHERE id = %s", ["99", events[2].pk])
    with pytest.raises(CommandError) as error:
        verify()
    assert f"broken at event {events[2].pk}" in str(error.value)
    assert "changed" in str(error.value)


@pytest.mark.django_db(transaction=True)
def test_a_removed_event_is_found_at_its_successor(coordinator):
    events = _events(coordinator)
    _as_owner("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError) as error:
        verify()
    assert f"broken at event {events[2].pk}" in str(error.value)
    assert "removed" in str(error.value)


def test_the_chain_survives_reads_of_json_with_dates_and_addresses(db, coordinator, rf):
    import datetime
    import decimal

    request = rf.get("/", REMOTE_ADDR="2001:db8::1")
    services.record(
        coordinator,
        AuditAction.UPDATE,
        object_type="x",
        request=request,
        changes={
            "amount": decimal.Decimal("12.50"),
            "on": datetime.date(2026, 1, 2),
            "name": "Олена",
        },
    )
    assert "intact: 1 events" in verify()
