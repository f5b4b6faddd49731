import datetime

import pytest

from openopvang.accounts.models import Role
from openopvang.allowances.tests.conftest import debtor, family  # noqa: F401
from openopvang.core.testing import factories


@pytest.fixture
def administrator(municipality):
    return factories.UserFactory(
        username="admin", organisation=municipality, role=Role.ADMINISTRATOR
    )


@pytest.fixture
def admin_client(administrator):
    from django.test import Client

    client = Client()
    client.force_login(administrator)
    return client


@pytest.fixture
def left_person(municipality, coordinator):
    """Iryna, placed in 2023 and gone since 31 March 2024, with contact
    details, a closed case with a note and a letter."""
    from openopvang.casework.models import Case, Situation

    person = factories.PersonFactory(
        municipality=municipality,
        given_names="Iryna",
        family_name="Kovalenko",
        given_names_cyrillic="Ірина",
        family_name_cyrillic="Коваленко",
        birth_date=datetime.date(1990, 5, 17),
        bsn=factories.valid_bsn(7),
        phone="0612345678",
        email="iryna@example.org",
        iban="NL02ABNA0123456789",
        notes="Allergic to penicillin",
        languages=["en"],
    )
    location = factories.LocationFactory(municipality=municipality, name="Hal Noord")
    factories.PlacementFactory(
        person=person,
        location=location,
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2024, 3, 31),
    )
    case = Case.objects.create(
        municipality=municipality,
        person=person,
        opened_on=datetime.date(2023, 1, 1),
        closed_on=datetime.date(2024, 3, 31),
        closure_reason="housed",
        closure_note="Moved in with her sister in Kyiv",
    )
    Situation.objects.create(
        case=case,
        code=Situation._meta.get_field("code").choices[0][0],
        start_date=datetime.date(2023, 1, 1),
        reason="Fled Kharkiv with two children",
        recorded_by=coordinator,
    )
    return person
