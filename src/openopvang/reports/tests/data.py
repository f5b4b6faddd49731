"""The hand-countable registry of the reports tests (Utrecht, January 2024).

location A: open from 1 Jan; 10 places 1–2 Jan, 12 places from 3 Jan
location B: open 1–2 Jan (closes 2 Jan), 5 places
p1 at A 1–2 Jan, p2 at A from 2 Jan (open), p3 at B 1–2 Jan,
p4 with a host from 3 Jan (open); p2 and p4 are one household of 2.

day    A places/occ  B places/occ  total places/occ  GOO  POO  arrived  left
1 Jan     10 / 1        5 / 1          15 / 2         2    0     2       0
2 Jan     10 / 2        5 / 1          15 / 3         3    0     1       2
3 Jan     12 / 1          —            12 / 1         1    1     1       0
"""

import datetime

from openopvang.core.testing import factories

D1, D2, D3 = (datetime.date(2024, 1, day) for day in (1, 2, 3))


def build(municipality):
    a = factories.LocationFactory(municipality=municipality, name="Alfa", opened_on=D1)
    b = factories.LocationFactory(
        municipality=municipality, name="Bravo", opened_on=D1, closed_on=D2
    )
    factories.CapacityPeriodFactory(location=a, start_date=D1, end_date=D2, places=10)
    factories.CapacityPeriodFactory(location=a, start_date=D3, places=12)
    factories.CapacityPeriodFactory(location=b, start_date=D1, end_date=D2, places=5)
    host = factories.HostFactory(municipality=municipality, active_from=D1)
    person = lambda year=1985: factories.PersonFactory(  # noqa: E731
        municipality=municipality, birth_date=datetime.date(year, 6, 1)
    )
    p1, p2, p3, p4 = person(), person(2015), person(1950), person(1990)
    factories.PlacementFactory(person=p1, location=a, start_date=D1, end_date=D2)
    factories.PlacementFactory(person=p2, location=a, start_date=D2)
    factories.PlacementFactory(person=p3, location=b, start_date=D1, end_date=D2)
    factories.PlacementFactory(person=p4, location=None, host=host, start_date=D3)
    household = factories.HouseholdFactory(municipality=municipality)
    factories.MembershipFactory(household=household, person=p2, start_date=D1)
    factories.MembershipFactory(household=household, person=p4, start_date=D1)
    return a, b
