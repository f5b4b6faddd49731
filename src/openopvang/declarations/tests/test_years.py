"""One answer to "which years can a declaration be about", from the grant's
first day (a parameter) to next year, whatever door asks: page, API, form,
model, service."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from openopvang.declarations import services
from openopvang.declarations.models import CostCategory, CostLine
from openopvang.declarations.years import valid_years


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@freeze_time("2026-12-02")
def test_valid_years_run_from_the_grant_to_next_year(db):
    assert list(valid_years()) == [2022, 2023, 2024, 2025, 2026, 2027]


@freeze_time("2026-12-02")
@pytest.mark.parametrize("year", ["2099", "2021", "20x4"])
def test_api_refuses_a_year_outside_the_grant(finance_api, year):
    response = finance_api.get(f"/api/v1/declarations/compute/?year={year}")
    assert response.status_code == 400
    assert "Choose a year from 2022 to 2027." in str(response.json())


@freeze_time("2026-12-02")
def test_api_submit_refuses_2099(finance_api):
    response = finance_api.post("/api/v1/declarations/submit/", {"year": 2099}, format="json")
    assert response.status_code == 400
    assert "Choose a year from 2022 to 2027." in str(response.json())


@freeze_time("2026-12-02")
def test_a_cost_line_for_2099_is_refused_by_the_model(municipality, finance_officer):
    line = CostLine(
        municipality=municipality,
        year=2099,
        category=CostCategory.TRANSITION,
        amount=Decimal("10.00"),
        description="Bus",
    )
    with pytest.raises(ValidationError) as refused:
        services.save_cost_line(finance_officer, line)
    assert refused.value.message_dict["year"] == ["Choose a year from 2022 to 2027."]
