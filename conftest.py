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
    return factories.UserFactory(username="coordinator", organisation=municipality,
                                 role=Role.COORDINATOR)


@pytest.fixture
def finance_officer(municipality):
    return factories.UserFactory(username="finance", organisation=municipality, role=Role.FINANCE)


@pytest.fixture
def outsider(other_municipality):
    """A coordinator of another municipality: must never see `municipality`'s data."""
    return factories.UserFactory(username="outsider", organisation=other_municipality,
                                 role=Role.COORDINATOR)


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
