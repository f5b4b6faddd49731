import datetime

import pytest

from openopvang.accounts.models import OrganisationKind, Role
from openopvang.core.testing import factories
from openopvang.registry.models import Provision, ProvisionKind


@pytest.fixture
def finance_client(client, finance_officer):
    client.force_login(finance_officer)
    return client


@pytest.fixture
def finance_api(finance_officer):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(finance_officer)
    return api


@pytest.fixture
def national(db):
    return factories.MunicipalityFactory(
        code="NOO", name="Nationale Opvang Organisatie", kind=OrganisationKind.NATIONAL
    )


@pytest.fixture
def national_user(national):
    return factories.UserFactory(username="noo", organisation=national, role=Role.NATIONAL_VIEWER)


@pytest.fixture
def hall(municipality):
    """A sports hall across the 15 Oct 2022 rate switch: 10 places to 31 Oct
    2022, then 20 places."""
    location = factories.LocationFactory(
        municipality=municipality, name="Sporthal Oost", opened_on=datetime.date(2022, 3, 1)
    )
    factories.CapacityPeriodFactory(
        location=location,
        start_date=datetime.date(2022, 3, 1),
        end_date=datetime.date(2022, 10, 31),
        places=10,
    )
    factories.CapacityPeriodFactory(
        location=location, start_date=datetime.date(2022, 11, 1), places=20
    )
    return location


@pytest.fixture
def poo_2024(municipality):
    """Two persons with a host from 10 March 2024; only Olena has provisions
    (March and April), so only she counts for the POO normbedrag."""
    host = factories.HostFactory(municipality=municipality)
    olena = factories.PersonFactory(
        municipality=municipality, given_names="Olena", family_name="Shevchenko"
    )
    andrii = factories.PersonFactory(
        municipality=municipality, given_names="Andrii", family_name="Bondarenko"
    )
    for person in (olena, andrii):
        factories.PlacementFactory(
            person=person, location=None, host=host, start_date=datetime.date(2024, 3, 10)
        )
    for month in (3, 4):
        Provision.objects.create(
            person=olena, month=datetime.date(2024, month, 1), kind=ProvisionKind.LEEFGELD
        )
    return {"host": host, "olena": olena, "andrii": andrii}
