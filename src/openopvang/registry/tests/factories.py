"""factory-boy factories of the registry app: realistic persons, households,
locations, hosts, placements and income periods."""

import datetime
from decimal import Decimal

import factory
from stdnum.nl import bsn as bsn_module

from openopvang.accounts.tests.factories import MunicipalityFactory
from openopvang.registry import models as registry


def valid_bsn(n: int) -> str:
    """The n-th 9-digit number that passes the 11-check (deterministic)."""
    candidate = 100000000 + n * 13
    while True:
        text = f"{candidate:09d}"
        if bsn_module.is_valid(text):
            return text
        candidate += 1


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = registry.Person

    municipality = factory.SubFactory(MunicipalityFactory)
    given_names = factory.Iterator(["Olena", "Andrii", "Iryna", "Mykola", "Sofiia"])
    family_name = factory.Sequence(lambda n: f"Kovalenko{n}")
    given_names_cyrillic = factory.Iterator(["Олена", "Андрій", "Ірина", "Микола", "Софія"])
    family_name_cyrillic = factory.Sequence(lambda n: f"Коваленко{n}")
    birth_date = datetime.date(1985, 3, 2)
    sex = registry.Sex.FEMALE
    nationality = "UA"
    languages = factory.LazyFunction(lambda: ["uk", "en"])


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = registry.Household

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Household {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = registry.HouseholdMembership

    household = factory.SubFactory(HouseholdFactory)
    person = factory.SubFactory(
        PersonFactory, municipality=factory.SelfAttribute("..household.municipality")
    )
    role = registry.MemberRole.PARTNER
    start_date = datetime.date(2022, 3, 10)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = registry.Location

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Locatie {n}")
    address = "Stationsplein 1"
    city = "Utrecht"
    kind = registry.LocationKind.BUILDING
    catering = False
    opened_on = datetime.date(2022, 3, 1)


class CapacityPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = registry.CapacityPeriod

    location = factory.SubFactory(LocationFactory)
    start_date = datetime.date(2022, 3, 1)
    places = 50


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = registry.Host

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Familie de Vries {n}")
    address = "Kerkstraat 2"
    active_from = datetime.date(2022, 3, 1)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = registry.Placement

    person = factory.SubFactory(PersonFactory)
    municipality = factory.SelfAttribute("person.municipality")
    location = factory.SubFactory(
        LocationFactory, municipality=factory.SelfAttribute("..person.municipality")
    )
    start_date = datetime.date(2024, 1, 1)


class IncomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = registry.IncomePeriod

    person = factory.SubFactory(PersonFactory)
    kind = registry.IncomeKind.WORK
    start_date = datetime.date(2024, 9, 1)
    monthly_amount = Decimal("1800.00")
