import datetime

import pytest

from openopvang.accounts.models import Role
from openopvang.core.testing import factories

MARCH = datetime.date(2025, 3, 1)
APRIL = datetime.date(2025, 4, 1)


@pytest.fixture
def finance_officer_b(municipality):
    return factories.UserFactory(username="finance_b", organisation=municipality, role=Role.FINANCE)


@pytest.fixture
def debtor(municipality):
    municipality.iban = "NL91ABNA0417164300"
    municipality.bic = "ABNANL2A"
    municipality.save()
    return municipality


@pytest.fixture
def family(debtor):
    municipality = debtor
    """Olena and Andrii, partners, in a GOO building without catering since
    January 2025; Olena is the payee with an IBAN."""
    location = factories.LocationFactory(
        municipality=municipality, name="Sporthal Oost", catering=False
    )
    factories.CapacityPeriodFactory(location=location, places=40)
    household = factories.HouseholdFactory(municipality=municipality, name="Shevchenko")
    olena = factories.PersonFactory(
        municipality=municipality,
        given_names="Olena",
        family_name="Shevchenko",
        given_names_cyrillic="Олена",
        family_name_cyrillic="Шевченко",
        birth_date=datetime.date(1985, 3, 2),
        iban="NL02ABNA0123456789",
    )
    andrii = factories.PersonFactory(
        municipality=municipality,
        given_names="Andrii",
        family_name="Shevchenko",
        birth_date=datetime.date(1983, 6, 1),
    )
    placements = {}
    for person in (olena, andrii):
        factories.MembershipFactory(
            household=household, person=person, start_date=datetime.date(2024, 12, 1)
        )
        placements[person.pk] = factories.PlacementFactory(
            person=person, location=location, start_date=datetime.date(2025, 1, 1)
        )
    household.payee = olena
    household.save()
    return {
        "household": household,
        "olena": olena,
        "andrii": andrii,
        "location": location,
        "placements": placements,
    }
