"""The reports API gives exactly the numbers of the tables."""

import pytest
from rest_framework.test import APIClient

from openopvang.accounts.models import Role
from openopvang.core.testing import factories

from . import costs_data, data

pytestmark = pytest.mark.django_db
PERIOD = {"start": "2024-01-01", "end": "2024-01-03"}


def _as(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_capacity_figure_is_the_hand_count(coordinator, municipality):
    data.build(municipality)
    body = _as(coordinator).get("/api/v1/report-figures/capacity/", PERIOD).json()
    assert body["rows"] == [["2024-01-01", 15, 2], ["2024-01-02", 15, 3], ["2024-01-03", 12, 1]]
    slugs = [
        f["slug"] for f in _as(coordinator).get("/api/v1/report-figures/", PERIOD).json()["figures"]
    ]
    assert "capacity" in slugs and "costs" not in slugs


def test_costs_to_the_cent(finance_officer, coordinator, municipality):
    costs_data.build(municipality, coordinator)
    body = (
        _as(finance_officer)
        .get("/api/v1/report-figures/costs/", {"start": "2024-02-01", "end": "2024-02-29"})
        .json()
    )
    assert body["rows"] == [
        ["2024-02-01", "6066.67", "375.00", "1234.56", "7676.23", "499.75", "0.00", "1750.10"]
    ]


def test_other_municipality_sees_its_own(outsider, municipality):
    data.build(municipality)
    body = _as(outsider).get("/api/v1/report-figures/capacity/", PERIOD).json()
    assert [row[1:] for row in body["rows"]] == [[0, 0], [0, 0], [0, 0]]


def test_national(municipality, coordinator):
    national = factories.MunicipalityFactory(code="NAT", name="Landelijk", kind="national")
    viewer = factories.UserFactory(organisation=national, role=Role.NATIONAL_VIEWER)
    body = _as(viewer).get("/api/v1/national-report-figures/", {"day": "2024-01-03"}).json()
    assert body["target"]["places"] == 120_000
    assert _as(coordinator).get("/api/v1/national-report-figures/").status_code == 403
