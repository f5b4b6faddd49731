"""Amounts beyond a sanity bound are refused (issue 16 §3, docs/decisions/0018):
not only asked to be confirmed, refused with a sentence that names the bound,
in the form, the API and the services alike."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text
from openopvang.registry.models import IncomePeriod

pytestmark = pytest.mark.django_db

TOO_MUCH = "An amount above € 50,000.00 is not plausible here."


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def person(municipality):
    return factories.PersonFactory(municipality=municipality)


def test_an_income_of_a_million_a_month_is_refused_in_the_form(client, coordinator, person):
    client.force_login(coordinator)
    url = reverse("registry:income_create", args=[person.pk])
    data = {"kind": "work", "start_date": "2025-03-01", "end_date": ""}
    # Ticking "yes, this amount is right" does not make it plausible.
    response = client.post(
        url, {**data, "monthly_amount": "1000000", "monthly_amount_confirmed": "on"}
    )
    assert response.status_code in (200, 400)
    assert TOO_MUCH in page_text(response)
    assert not IncomePeriod.objects.exists()
    client.post(url, {**data, "monthly_amount": "50000", "monthly_amount_confirmed": "on"})
    assert IncomePeriod.objects.get().monthly_amount == Decimal("50000.00")


def test_an_income_of_a_million_a_month_is_refused_by_the_api_in_dutch(coordinator, person):
    response = _api(coordinator).post(
        "/api/v1/income-periods/",
        {
            "person": person.pk,
            "kind": "work",
            "monthly_amount": "1000000.00",
            "start_date": "2025-03-01",
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "Een bedrag boven € 50.000,00 is hier niet aannemelijk." in response.content.decode()
    assert not IncomePeriod.objects.exists()


def test_a_reduction_beyond_its_bound_is_refused_in_the_form(client, finance_officer):
    household = factories.HouseholdFactory(municipality=finance_officer.organisation)
    client.force_login(finance_officer)
    response = client.post(
        reverse("allowances:reduction_create"),
        {
            "household": household.pk,
            "month": "2025-03",
            "amount": "25000",
            "amount_confirmed": "on",
            "reason": "Payment arrangement",
        },
    )
    assert "An amount above € 10,000.00 is not plausible here." in page_text(response)
    from openopvang.allowances.models import EigenBijdrageReduction

    assert not EigenBijdrageReduction.objects.exists()


@pytest.mark.parametrize(
    ("path", "data", "bound"),
    [
        ("/api/v1/cost-lines/", {"year": 2025, "category": "transition"}, "€ 1,000,000,000.00"),
        ("/api/v1/advance-requests/", {"year": 2025}, "€ 5,000,000,000.00"),
    ],
)
def test_a_declared_amount_beyond_its_bound_is_refused_by_the_api(
    finance_officer, path, data, bound
):
    response = _api(finance_officer).post(path, {**data, "amount": "9000000000.00"}, format="json")
    assert response.status_code == 400, response.content
    assert f"An amount above {bound} is not plausible here." in response.content.decode()


def test_an_offer_line_whose_amount_is_beyond_its_bound_is_refused():
    from openopvang.support.models import OfferLine

    line = OfferLine(
        units=Decimal("9999999.00"),
        unit_price=Decimal("99999.00"),
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        line.clean()
    assert "An amount above € 10,000,000.00" in str(error.value.message_dict["units"])
    line.units = Decimal("100")
    line.clean()


def test_a_price_beyond_its_bound_is_refused_by_the_model():
    from openopvang.support.models import OfferLine

    field = OfferLine._meta.get_field("unit_price")
    with pytest.raises(ValidationError, match="An amount above € 100,000.00"):
        field.run_validators(Decimal("250000.00"))
    field.run_validators(Decimal("100000.00"))


def test_a_parameter_amount_beyond_its_bound_is_refused(db):
    from openopvang.parameters.models import ParameterOverride
    from openopvang.parameters.services import check_override
    from openopvang.rules.engine.parameters import ParameterSet

    defaults = ParameterSet.load_default()
    name = next(n for n in defaults.names() if defaults.parameter(n).unit == "EUR/month")
    override = ParameterOverride(
        name=name,
        start=datetime.date(2027, 1, 1),
        value="2000000.00",
        publication="Stcrt. 2026, 1",
        article="BooO art. 3",
    )
    with pytest.raises(ValidationError) as error:
        check_override(override)
    assert "An amount above € 1,000,000.00" in str(error.value.message_dict["value"])
    override.value = "300.00"
    check_override(override)
    override.start = datetime.date(1, 1, 1)
    with pytest.raises(ValidationError) as error:
        check_override(override)
    assert "start" in error.value.message_dict
