"""The national view: per municipality, safety region and the country, with
small counts suppressed so that no total reveals them."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from openopvang.accounts.models import Organisation, Role
from openopvang.core.testing import factories

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 3, 1)


@pytest.fixture
def national_client(client):
    national = factories.MunicipalityFactory(code="NAT", name="Landelijk", kind="national")
    client.force_login(factories.UserFactory(organisation=national, role=Role.NATIONAL_VIEWER))
    return client


def _place(municipality, goo: int, poo: int, places: int):
    location = factories.LocationFactory(municipality=municipality, opened_on=DAY)
    factories.CapacityPeriodFactory(location=location, start_date=DAY, places=places)
    host = factories.HostFactory(municipality=municipality, active_from=DAY)
    for _ in range(goo):
        person = factories.PersonFactory(municipality=municipality)
        factories.PlacementFactory(person=person, location=location, start_date=DAY)
    for _ in range(poo):
        person = factories.PersonFactory(municipality=municipality)
        factories.PlacementFactory(person=person, location=None, host=host, start_date=DAY)


def test_three_persons_are_suppressed_and_totals_do_not_reveal_them(national_client):
    Organisation.objects.municipalities().delete()
    region = {"veiligheidsregio_code": "VR09", "veiligheidsregio_name": "Utrecht"}
    small = factories.MunicipalityFactory(code="GM0001", name="Klein", **region)
    big = factories.MunicipalityFactory(code="GM0002", name="Groot", **region)
    _place(small, goo=3, poo=6, places=10)
    _place(big, goo=40, poo=12, places=50)
    response = national_client.get("/reports/national/", {"day": DAY.isoformat()})
    tables = response.context["tables"]
    klein = next(r for r in tables.municipalities if r.code == "GM0001")
    assert klein.cells["goo"] == "<5"
    assert klein.places == 10  # beds, not persons: shown
    # Klein's total (9) and POO (6) would give 3 away; Utrecht's GOO total
    # (43) minus Groot's (40) too: so more cells are hidden.
    assert "x" in (klein.cells["poo"], klein.cells["persons"])
    groot = next(r for r in tables.municipalities if r.code == "GM0002")
    region_row = tables.regions[0]
    shown = [groot.cells["goo"], region_row.cells["goo"]]
    assert not all(isinstance(v, int) for v in shown) or shown[1] - shown[0] != 3
    assert tables.country.places == 60
    assert "&lt;5" in response.content.decode()


def test_open_data_csv(national_client):
    Organisation.objects.municipalities().delete()
    m = factories.MunicipalityFactory(code="GM0003", name="Stad", veiligheidsregio_code="VR01")
    _place(m, goo=20, poo=2, places=25)
    response = national_client.get("/reports/national/open-data.csv", {"day": "2024-03-01"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    stad = next(r for r in rows if r["code"] == "GM0003")
    assert stad["places"] == "25" and stad["persons_poo"] == "<5"
    # 22 persons minus 20 at a location would reveal the 2: the 20 is hidden,
    # the total stays (x ≥ 5 and 1 to 4 make 22 in many ways).
    assert stad["persons_goo"] == "x" and stad["persons"] == "22"
    region = next(r for r in rows if r["level"] == "region")
    assert region["persons_goo"] == "x"  # the region has only Stad: its 20 would show
    assert {r["level"] for r in rows} == {"country", "region", "municipality"}


def test_municipal_staff_cannot_see_it(coordinator_client):
    assert coordinator_client.get("/reports/national/").status_code == 403


def test_capacity_against_the_national_target(national_client, settings):
    Organisation.objects.municipalities().delete()
    settings.NATIONAL_CAPACITY_TARGET = {**settings.NATIONAL_CAPACITY_TARGET, "places": 200}
    m = factories.MunicipalityFactory(code="GM0003", name="Stad")
    _place(m, goo=20, poo=2, places=50)
    response = national_client.get("/reports/national/", {"day": DAY.isoformat()})
    html = response.content.decode()
    assert "the municipalities had 50 places: 25% of the national target of 200 places" in html
    assert "Source of the target: Ministerie van JenV" in html


def test_target_is_120000_places_by_january_2025(settings):
    target = settings.NATIONAL_CAPACITY_TARGET
    assert target["places"] == 120_000 and target["by"] == "2025-01-01"


def test_costs_per_municipality(national_client):
    from openopvang.reports.costs import refresh_costs

    from .costs_data import build

    Organisation.objects.municipalities().delete()
    stad = factories.MunicipalityFactory(code="GM0003", name="Stad")
    factories.MunicipalityFactory(code="GM0004", name="Dorp")
    coordinator = factories.UserFactory(organisation=stad, role=Role.COORDINATOR)
    build(stad, coordinator)
    refresh_costs(datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    response = national_client.get("/reports/national/", {"day": "2024-02-15"})
    rows = {row.code: row for row in response.context["cost_rows"]}
    assert rows["GM0003"].values == [
        Decimal("7676.23"),
        Decimal("499.75"),
        Decimal("0.00"),
        Decimal("1750.10"),
    ]
    assert response.context["cost_total"].booo_claim == Decimal("7676.23")
    assert "€ 7,676.23" in response.content.decode()
    response = national_client.get("/reports/national/costs.csv", {"day": "2024-02-15"})
    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    stad_line = next(r for r in lines if r["code"] == "GM0003")
    assert stad_line["booo_claim"] == "7676.23" and stad_line["support_invoiced"] == "1750.10"
