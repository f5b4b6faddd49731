"""Amounts typed the Dutch way (ADR 0016): "1250,50" and "1.250,50" mean
€ 1.250,50 in every money input, ambiguous input gets a Dutch sentence, and an
amount above the field's bound asks to be confirmed."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from openopvang.core.forms import MoneyFormField
from openopvang.core.testing import factories
from openopvang.registry.forms import IncomeForm
from openopvang.registry.models import IncomePeriod

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(municipality):
    return factories.PersonFactory(municipality=municipality, given_names="Olena")


@pytest.fixture
def dutch(coordinator_client):
    coordinator_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    with freeze_time("2025-06-15 12:00:00"):
        yield coordinator_client


def post_income(client, person, typed, **extra):
    return client.post(
        reverse("registry:income_create", args=[person.pk]),
        {"kind": "work", "start_date": "2025-03-01", "monthly_amount": typed, **extra},
    )


@pytest.mark.parametrize("typed", ["1250,50", "1.250,50", "1250.50", "€ 1.250,50"])
def test_dutch_notation_is_the_amount_typed(dutch, person, typed):
    # Before: <input type=number> sent "1250,50" on as 125050 (€ 125.050,00).
    response = post_income(dutch, person, typed)
    assert response.status_code == 302, response.context["form"].errors
    assert IncomePeriod.objects.get().monthly_amount == Decimal("1250.50")
    page = dutch.get(reverse("registry:person_detail", args=[person.pk])).content.decode()
    assert "€ 1.250,50" in page


def test_the_amount_box_is_a_text_box_with_the_decimal_keypad(dutch, person):
    page = dutch.get(reverse("registry:income_create", args=[person.pk])).content.decode()
    assert 'name="monthly_amount"' in page
    assert 'type="number"' not in page
    assert 'inputmode="decimal"' in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.250", "kan op twee manieren gelezen worden"),
        ("1,250", "kan op twee manieren gelezen worden"),
        ("12,505,00", "Vul een bedrag in euro's in"),
        ("twaalf", "Vul een bedrag in euro's in"),
        ("12,5050", "hoogstens twee decimalen"),
    ],
)
def test_ambiguous_or_invalid_amounts_get_a_dutch_sentence(dutch, person, typed, message):
    response = post_income(dutch, person, typed)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["monthly_amount"])
    assert not IncomePeriod.objects.exists()


def test_an_amount_above_the_bound_asks_for_confirmation(dutch, person):
    # The monthly income field's bound is € 5.000,00: € 12.500,00 is a typo
    # more often than an income.
    response = post_income(dutch, person, "12.500,00")
    assert response.status_code == 200
    page = response.content.decode()
    assert "€ 12.500,00 is meer dan € 5.000,00" in page
    assert 'name="monthly_amount_confirmed"' in page
    assert "Ja, dit bedrag klopt" in page
    assert not IncomePeriod.objects.exists()

    response = post_income(dutch, person, "12.500,00", monthly_amount_confirmed="on")
    assert response.status_code == 302
    assert IncomePeriod.objects.get().monthly_amount == Decimal("12500.00")


def test_below_the_bound_no_checkbox(dutch, person):
    response = post_income(dutch, person, "4.999,99")
    assert response.status_code == 302


def test_a_stored_amount_is_shown_for_editing_as_typed_in_dutch(person):
    income = IncomePeriod(person=person, kind="work", start_date=datetime.date(2025, 3, 1))
    income.monthly_amount = Decimal("1250.50")
    from django.utils import translation

    with translation.override("nl"):
        html = str(IncomeForm(instance=income)["monthly_amount"])
    assert 'value="1250,50"' in html


def test_every_money_input_uses_the_one_field():
    from openopvang.allowances.forms import ReductionForm
    from openopvang.declarations.forms import AdvanceRequestForm, CostLineForm
    from openopvang.support.forms import OfferLineForm, ServiceForm

    fields = [
        IncomeForm.base_fields["monthly_amount"],
        ReductionForm.base_fields["amount"],
        CostLineForm.base_fields["amount"],
        AdvanceRequestForm.base_fields["amount"],
        OfferLineForm.base_fields["unit_price"],
        ServiceForm.base_fields["standard_price"],
    ]
    assert all(isinstance(field, MoneyFormField) for field in fields)
