"""Victims for the project-wide isolation walk (core/testing/isolation.py):
one record of every routed registry model, owned by the victim municipality.
Importing this module registers them; later apps' victims build on these."""

import datetime

from openopvang.core.testing.isolation import victim

from . import factories

D = datetime.date


@victim("registry.Person")
def _person(v):
    return factories.PersonFactory(
        municipality=v["municipality"],
        given_names="Zoryana",
        family_name="Victimenko",
        bsn="111222333",
    )


@victim("registry.Household")
def _household(v):
    return factories.HouseholdFactory(municipality=v["municipality"], name="Victimenko")


@victim("registry.HouseholdMembership")
def _membership(v):
    return factories.MembershipFactory(
        household=v["registry.Household"], person=v["registry.Person"]
    )


@victim("registry.Location")
def _location(v):
    return factories.LocationFactory(municipality=v["municipality"], opened_on=D(2023, 1, 1))


@victim("registry.CapacityPeriod")
def _capacity(v):
    return factories.CapacityPeriodFactory(
        location=v["registry.Location"], start_date=D(2023, 1, 1), places=20
    )


@victim("registry.Host")
def _host(v):
    return factories.HostFactory(municipality=v["municipality"])


@victim("registry.Placement")
def _placement(v):
    return factories.PlacementFactory(
        person=v["registry.Person"], location=v["registry.Location"], start_date=D(2024, 1, 1)
    )


@victim("registry.IncomePeriod")
def _income(v):
    return factories.IncomeFactory(person=v["registry.Person"])


@victim("registry.Provision")
def _provision(v):
    from openopvang.registry.models import Provision

    return Provision.objects.create(person=v["registry.Person"], month=D(2024, 3, 1), kind="other")
