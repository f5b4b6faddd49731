"""The shared model pieces of core: a month is stored as its first day, a
dated record never ends before it starts (in the database and in clean()),
and a municipality-owned record is seen by its own municipality only."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from openopvang.core.checks import check_shared_model_constraints
from openopvang.core.testing import factories
from openopvang.declarations.models import CostLine
from openopvang.registry.models import CapacityPeriod, IncomePeriod, Provision, ProvisionKind

D = datetime.date


@pytest.mark.parametrize("day", [1, 2, 15, 28, 31])
def test_a_month_field_stores_the_first_day_whatever_day_is_given(municipality, day):
    person = factories.PersonFactory(municipality=municipality)
    created = Provision.objects.create(
        person=person, month=D(2024, 1, day), kind=ProvisionKind.OTHER
    )
    assert created.month == D(2024, 1, 1)
    assert Provision.objects.get(pk=created.pk).month == D(2024, 1, 1)


def test_a_month_field_normalises_in_full_clean_update_and_bulk_create(municipality):
    person = factories.PersonFactory(municipality=municipality)
    provision = Provision(person=person, month=D(2024, 5, 17), kind=ProvisionKind.LEEFGELD)
    provision.full_clean()
    assert provision.month == D(2024, 5, 1)
    provision.save()
    Provision.objects.filter(pk=provision.pk).update(month=D(2024, 6, 20))
    assert Provision.objects.get(pk=provision.pk).month == D(2024, 6, 1)
    Provision.objects.bulk_create(
        [Provision(person=person, month=D(2024, 7, 9), kind=ProvisionKind.OTHER)]
    )
    assert Provision.objects.filter(month=D(2024, 7, 1), kind=ProvisionKind.OTHER).count() == 1


def test_the_database_refuses_a_month_that_is_not_a_first_day(municipality):
    """Writes that bypass the field (raw SQL, another tool) meet the constraint."""
    person = factories.PersonFactory(municipality=municipality)
    provision = Provision.objects.create(person=person, month=D(2024, 5, 1), kind="other")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Provision._meta.db_table} SET month = %s WHERE id = %s",
            [D(2024, 5, 15), provision.pk],
        )
    assert Provision.objects.get(pk=provision.pk).month == D(2024, 5, 1)


def test_an_empty_optional_month_stays_empty(municipality):
    line = CostLine.objects.create(
        municipality=municipality,
        year=2024,
        category="transition",
        amount=Decimal("1.00"),
        description="x",
        month=None,
    )
    assert CostLine.objects.get(pk=line.pk).month is None


def test_the_database_refuses_an_end_before_the_start(municipality):
    location = factories.LocationFactory(municipality=municipality)
    with pytest.raises(IntegrityError), transaction.atomic():
        CapacityPeriod.objects.create(
            location=location, places=10, start_date=D(2024, 3, 1), end_date=D(2024, 2, 1)
        )
    person = factories.PersonFactory(municipality=municipality)
    with pytest.raises(IntegrityError), transaction.atomic():
        IncomePeriod.objects.create(
            person=person,
            kind="work",
            monthly_amount=Decimal("100.00"),
            start_date=D(2024, 3, 1),
            end_date=D(2024, 2, 29),
        )
    assert not CapacityPeriod.objects.exists() and not IncomePeriod.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The end date cannot be before the start date."),
        ("nl", "De einddatum kan niet vóór de begindatum liggen."),
    ],
)
def test_clean_refuses_an_end_before_the_start_next_to_the_end_date(
    municipality, language, message
):
    person = factories.PersonFactory(municipality=municipality)
    income = IncomePeriod(
        person=person,
        kind="work",
        monthly_amount=Decimal("100.00"),
        start_date=D(2024, 3, 1),
        end_date=D(2024, 2, 1),
    )
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            income.full_clean()
        assert caught.value.message_dict["end_date"] == [message]


def test_a_municipality_owned_record_is_seen_by_its_own_municipality_only(
    municipality, finance_officer, coordinator, outsider
):
    line = CostLine.objects.create(
        municipality=municipality,
        year=2024,
        category="transition",
        amount=Decimal("5.00"),
        description="Verhuizing",
    )
    assert list(CostLine.objects.for_user(finance_officer)) == [line]
    assert not CostLine.objects.for_user(outsider).exists()
    # The money is for the finance roles (scope_roles), even in the own municipality.
    assert not CostLine.objects.for_user(coordinator).exists()


def test_every_dated_model_and_month_field_keeps_its_database_constraint():
    assert check_shared_model_constraints() == []
