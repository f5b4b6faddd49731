"""Fixtures of the help tests: VluchtelingenWerk and the NOO (seeded by
migration), an NGO worker, the national editor, a municipality's administrator."""

import pytest

from openopvang.accounts.models import Organisation, Role
from openopvang.core.testing import factories


@pytest.fixture
def vwn(db):
    return Organisation.objects.get(code="VWN")


@pytest.fixture
def ngo_worker(vwn):
    return factories.UserFactory(username="help-vwn", organisation=vwn, role=Role.NGO_WORKER)


@pytest.fixture
def editor(db):
    national = Organisation.objects.get(code="NOO")
    return factories.UserFactory(
        username="help-editor", organisation=national, role=Role.ADMINISTRATOR
    )


@pytest.fixture
def municipal_admin(municipality):
    return factories.UserFactory(
        username="help-admin", organisation=municipality, role=Role.ADMINISTRATOR
    )
