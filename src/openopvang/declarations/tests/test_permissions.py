"""The declarations services check the owner of the record, as it is and as
it is stored, before the finance role."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from openopvang.accounts.models import Role
from openopvang.core.testing import factories

from .. import services
from ..models import CostCategory, CostLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance_of_amsterdam(other_municipality):
    return factories.UserFactory(
        username="finance_amsterdam", organisation=other_municipality, role=Role.FINANCE
    )


@pytest.fixture
def utrecht_line(municipality, finance_officer):
    return services.save_cost_line(
        finance_officer,
        CostLine(
            municipality=municipality,
            year=2024,
            category=CostCategory.PURCHASED_SERVICES,
            amount=Decimal("1200.00"),
            description="Beveiliging",
        ),
    )


def test_another_municipality_cannot_change_or_delete_a_cost_line(
    utrecht_line, finance_of_amsterdam
):
    utrecht_line.amount = Decimal("1.00")
    with pytest.raises(PermissionDenied):
        services.save_cost_line(finance_of_amsterdam, utrecht_line)
    with pytest.raises(PermissionDenied):
        services.delete_cost_line(finance_of_amsterdam, utrecht_line)
    assert CostLine.objects.get(pk=utrecht_line.pk).amount == Decimal("1200.00")


def test_a_cost_line_cannot_be_taken_over_by_another_municipality(
    utrecht_line, municipality, other_municipality, finance_of_amsterdam
):
    """Pointing the line at one's own municipality does not help: the stored
    owner is checked too."""
    utrecht_line.municipality = other_municipality
    with pytest.raises(PermissionDenied):
        services.save_cost_line(finance_of_amsterdam, utrecht_line)
    assert CostLine.objects.get(pk=utrecht_line.pk).municipality_id == municipality.pk


def test_a_coordinator_of_the_municipality_cannot_submit(municipality, coordinator):
    with pytest.raises(PermissionDenied, match="Only finance officers of the municipality"):
        services.submit(coordinator, municipality, 2024)
    assert not services.versions(municipality, 2024).exists()
