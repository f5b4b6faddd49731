"""Fixtures shared by every app's tests: two municipalities, a user in each,
and clients logged in as them."""

import pytest
from django.utils import translation

from openopvang.accounts.models import Role
from openopvang.core.testing import factories


@pytest.fixture
def municipality(db):
    return factories.MunicipalityFactory(code="GM0344", name="Utrecht")


@pytest.fixture
def other_municipality(db):
    return factories.MunicipalityFactory(code="GM0363", name="Amsterdam")


@pytest.fixture
def coordinator(municipality):
    return factories.UserFactory(
        username="coordinator", organisation=municipality, role=Role.COORDINATOR
    )


@pytest.fixture
def finance_officer(municipality):
    return factories.UserFactory(username="finance", organisation=municipality, role=Role.FINANCE)


@pytest.fixture
def outsider(other_municipality):
    """A coordinator of another municipality: must never see `municipality`'s data."""
    return factories.UserFactory(
        username="outsider", organisation=other_municipality, role=Role.COORDINATOR
    )


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def api_client(coordinator):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(coordinator)
    return api


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Service-level messages are asserted in English; a request through the
    locale middleware may leave Dutch active, so every test starts in English."""
    with translation.override("en"):
        yield


# --- PostgreSQL with two roles (ADR 0017) ------------------------------------
# With OPENOPVANG_MIGRATION_DATABASE_URL set (scripts/start-postgres.sh), the
# test database is created, migrated (which grants the app role its rights)
# and dropped as the owner, and every test runs as the app role, as
# production does. Emptying the tables between transactional tests (flush,
# a TRUNCATE the app role may not do on the audit log) runs as the owner too.


def _owner_credentials():
    import os

    import dj_database_url

    url = os.environ.get("OPENOPVANG_MIGRATION_DATABASE_URL", "")
    if not url:
        return None
    owner = dj_database_url.parse(url)
    return {"USER": owner.get("USER", ""), "PASSWORD": owner.get("PASSWORD", "")}


def _connect_as(credentials):
    from django.db import connections

    connection = connections["default"]
    connection.close()
    connection.settings_dict.update(credentials)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    owner = _owner_credentials()
    if owner is not None:
        from django.db import connections

        settings_dict = connections["default"].settings_dict
        _APP_CREDENTIALS.update(
            USER=settings_dict.get("USER", ""), PASSWORD=settings_dict.get("PASSWORD", "")
        )
        _connect_as(owner)


_APP_CREDENTIALS: dict = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    owner = _owner_credentials()
    if owner is None:
        yield
        return
    from django.core.management.commands import flush

    original_handle = flush.Command.handle

    def handle_as_owner(self, *args, **options):
        _connect_as(owner)
        try:
            return original_handle(self, *args, **options)
        finally:
            _connect_as(_APP_CREDENTIALS)

    flush.Command.handle = handle_as_owner
    with django_db_blocker.unblock():
        _connect_as(_APP_CREDENTIALS)
    yield
    flush.Command.handle = original_handle
    with django_db_blocker.unblock():
        _connect_as(owner)
