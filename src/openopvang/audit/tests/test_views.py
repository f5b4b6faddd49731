"""The audit log page for administrators: scoped, filtered, read-only, CSV."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from freezegun import freeze_time

from openopvang.accounts.models import Role
from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories

LIST_URL = "/audit/"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def administrator(municipality):
    return factories.UserFactory(
        username="admin-utrecht", organisation=municipality, role=Role.ADMINISTRATOR
    )


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def events(coordinator, outsider):
    person = factories.PersonFactory(
        municipality=coordinator.organisation, given_names="Olena", family_name="Shevchenko"
    )
    own = audit.record(
        coordinator, AuditAction.UPDATE, person, changes={"phone": ["0612345678", "0687654321"]}
    )
    other_person = factories.PersonFactory(
        municipality=outsider.organisation, given_names="Andrii", family_name="Bondarenko"
    )
    other = audit.record(outsider, AuditAction.VIEW, other_person)
    return own, other


def test_administrator_sees_own_organisation_only(admin_client, events):
    own, other = events
    response = admin_client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Olena Shevchenko" in html
    assert "Bondarenko" not in html
    assert admin_client.get(f"/audit/{own.pk}/").status_code == 200
    assert admin_client.get(f"/audit/{other.pk}/").status_code == 404


@pytest.mark.parametrize("fixture", ["coordinator", "finance_officer", "outsider"])
def test_other_roles_get_403(client, events, fixture, request):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(LIST_URL).status_code == 403
    assert client.get(f"/audit/{events[0].pk}/").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_superuser_sees_all(client, events, db):
    root = factories.UserFactory(
        username="root", organisation=None, role="", is_superuser=True, is_staff=True
    )
    client.force_login(root)
    html = client.get(LIST_URL).content.decode()
    assert "Shevchenko" in html and "Bondarenko" in html


def test_detail_shows_old_and_new_values(admin_client, events):
    own, _other = events
    html = admin_client.get(f"/audit/{own.pk}/").content.decode()
    assert "Old value" in html and "New value" in html
    row = html[html.index(">phone<") :]
    assert row.index("0612345678") < row.index("0687654321")


def test_filters(admin_client, administrator, coordinator, events):
    audit.record(
        administrator,
        AuditAction.EXPORT,
        object_type="reports.Report",
        object_repr="Quarterly figures",
    )
    html = admin_client.get(LIST_URL, {"action": "export"}).content.decode()
    assert "Quarterly figures" in html and "Shevchenko" not in html
    html = admin_client.get(LIST_URL, {"actor": coordinator.pk}).content.decode()
    assert "Shevchenko" in html and "Quarterly figures" not in html
    html = admin_client.get(LIST_URL, {"object_type": "registry.Person"}).content.decode()
    assert "Shevchenko" in html and "Quarterly figures" not in html
    # A user of another organisation is not a valid choice.
    response = admin_client.get(LIST_URL, {"actor": events[1].actor_id})
    assert 'id="id_actor_error"' in response.content.decode()


def test_date_range_is_inclusive_local_days(admin_client, coordinator):
    person = factories.PersonFactory(municipality=coordinator.organisation)
    for moment, name in [
        ("2025-03-09 22:30:00", "before"),  # 23:30 in Amsterdam, 9 March
        ("2025-03-09 23:30:00", "first"),  # 00:30 in Amsterdam, 10 March
        ("2025-03-11 22:30:00", "last"),  # 23:30 in Amsterdam, 11 March
        ("2025-03-11 23:30:00", "after"),  # 12 March
    ]:
        with freeze_time(moment):
            audit.record(coordinator, AuditAction.VIEW, person, object_repr=f"event-{name}")
    html = admin_client.get(
        LIST_URL, {"date_from": "2025-03-10", "date_to": "2025-03-11"}
    ).content.decode()
    assert "event-first" in html and "event-last" in html
    assert "event-before" not in html and "event-after" not in html
    response = admin_client.get(LIST_URL, {"date_from": "2025-03-11", "date_to": "2025-03-10"})
    assert "cannot be before" in response.content.decode()


def test_newest_first_and_pages_of_fifty(admin_client, coordinator):
    person = factories.PersonFactory(municipality=coordinator.organisation)
    start = timezone.now() - datetime.timedelta(days=1)
    for i in range(60):
        with freeze_time(start + datetime.timedelta(minutes=i)):
            audit.record(coordinator, AuditAction.VIEW, person, object_repr=f"event-{i:02d}")
    first = admin_client.get(LIST_URL).content.decode()
    assert "60 events" in first
    assert first.index("event-59") < first.index("event-58")
    assert "event-10" in first and "event-09" not in first
    second = admin_client.get(LIST_URL, {"page": 2}).content.decode()
    assert "event-09" in second and "event-00" in second and "event-10" not in second


def test_csv_export_is_filtered_scoped_and_audited(admin_client, administrator, events):
    response = admin_client.get("/audit/export.csv", {"action": "update"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == ["id", "at", "user", "organisation", "action"]
    assert len(rows) == 2
    assert rows[1][7] == "Olena Shevchenko"
    assert "0687654321" in rows[1][8]
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=administrator).exists()


def test_csv_export_neutralises_formulas(admin_client, coordinator):
    audit.record(
        coordinator,
        AuditAction.CREATE,
        object_type="registry.Person",
        object_repr='=HYPERLINK("http://evil")',
    )
    response = admin_client.get("/audit/export.csv")
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body


def test_audit_log_is_read_only(admin_client, events):
    own, _other = events
    assert admin_client.post(LIST_URL).status_code == 405
    assert admin_client.post(f"/audit/{own.pk}/").status_code == 405
    assert admin_client.delete(f"/audit/{own.pk}/").status_code == 405
    assert AuditEvent.objects.filter(pk=own.pk).exists()
