"""The figures of the eigen bijdrage notice (a letter): household income,
threshold, gross amount, what is charged and why, from the collection list of
the person's household alone."""

import datetime
from decimal import Decimal

import pytest

from openopvang.core.testing import factories

from .. import services
from ..collection import collection_list
from ..models import EigenBijdrageReduction
from ..selectors import eigen_bijdrage_notice
from .conftest import MARCH

pytestmark = pytest.mark.django_db

NOVEMBER = datetime.date(2025, 11, 1)


def income(person, amount):
    factories.IncomeFactory(
        person=person,
        start_date=datetime.date(2025, 1, 1),
        end_date=None,
        monthly_amount=Decimal(amount),
    )


def test_below_the_threshold_part_is_charged(family, coordinator):
    # Olena earns 1000.00 in November 2025 (GOO without catering, L = 629.68):
    # gross 244.22; in full from 1.15 x (629.68 + 244.22) = 1004.985 -> 1004.99;
    # charged min(244.22, 1000.00 / 1.15 - 629.68 = 239.885...) = 239.89.
    income(family["olena"], "1000.00")
    notice = eigen_bijdrage_notice(coordinator, family["andrii"], NOVEMBER)
    assert notice.household_name == "Shevchenko"
    assert notice.income == Decimal("1000.00")
    assert notice.threshold == Decimal("1004.99")
    assert notice.gross == Decimal("244.22")
    assert notice.charged == Decimal("239.89")
    assert notice.reasons == ["threshold"]


def test_above_the_threshold_in_full(family, coordinator):
    income(family["olena"], "1200.00")
    notice = eigen_bijdrage_notice(coordinator, family["olena"], NOVEMBER)
    assert (notice.gross, notice.charged) == (Decimal("244.22"), Decimal("244.22"))
    assert notice.reasons == ["in_full"]


def test_before_the_threshold_the_full_amount_without_one(family, coordinator):
    income(family["andrii"], "1500.00")
    notice = eigen_bijdrage_notice(coordinator, family["olena"], MARCH)
    assert notice.income == Decimal("1500.00") and notice.threshold is None
    assert (notice.gross, notice.charged) == (Decimal("105.00"), Decimal("105.00"))
    assert notice.reasons == ["no_threshold"]


def test_a_reduction_after_the_threshold(family, coordinator, finance_officer, municipality):
    income(family["olena"], "1000.00")
    services.save_reduction(
        finance_officer,
        EigenBijdrageReduction(
            household=family["household"], month=NOVEMBER, amount=Decimal("30.00"), reason="x"
        ),
    )
    notice = eigen_bijdrage_notice(coordinator, family["olena"], NOVEMBER)
    assert notice.charged == Decimal("209.89")  # 239.89 - 30.00
    assert notice.reduction == Decimal("30.00")
    assert notice.reasons == ["threshold", "reduction"]
    # The collection list names the reduction as given, not the threshold's part too
    # (it read 34.33 = 244.22 - 209.89 before).
    [row] = collection_list(municipality, NOVEMBER)[0]
    assert (row.gross, row.reduction, row.amount) == (
        Decimal("244.22"),
        Decimal("30.00"),
        Decimal("209.89"),
    )


def test_nobody_charged_and_other_municipalities(family, coordinator, outsider):
    assert eigen_bijdrage_notice(coordinator, family["olena"], NOVEMBER).reasons == ["none"]
    assert eigen_bijdrage_notice(outsider, family["olena"], NOVEMBER) is None
