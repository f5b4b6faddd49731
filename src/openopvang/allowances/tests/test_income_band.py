"""The income threshold (drempelbedrag) on the person page, in payment runs and
in the eigen bijdrage collection list: the partial amounts of the engine."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text

from .. import selectors, services
from ..collection import collection_list
from ..models import MunicipalPolicy

pytestmark = pytest.mark.django_db

NOVEMBER = datetime.date(2025, 11, 1)


def income(family, person, amount):
    factories.IncomeFactory(
        person=family[person],
        start_date=datetime.date(2025, 1, 1),
        end_date=None,
        monthly_amount=Decimal(amount),
    )


def test_person_page_shows_partial_leefgeld_and_the_threshold(family, coordinator, client):
    # Olena and Andrii, GOO without catering: L = 2 x 252.18 + 2 x 62.66 = 629.68.
    # Olena earns 700.00: 629.68 - 700.00 / 1.15 = 629.68 - 608.695652... = 20.984... -> 20.98
    income(family, "olena", "700.00")
    client.force_login(coordinator)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.localdate", lambda *a: datetime.date(2025, 11, 20))
        page = client.get(reverse("registry:person_detail", args=[family["andrii"].pk]))
    html = page_text(page)
    assert page.status_code == 200
    assert "Leefgeld November 2025: € 20.98" in html
    assert "leefgeld withdrawn in full from 1.15 × leefgeld = 724.13" in html  # 724.132
    assert "Eigen bijdrage: € 0.00" in html


def test_person_page_in_dutch_and_partial_eigen_bijdrage(family, coordinator, client):
    # Olena earns 1000.00: leefgeld max(0, 629.68 - 869.57) = 0.00; eigen bijdrage
    # min(244.22, 1000.00 / 1.15 - 629.68) = min(244.22, 239.885217...) = 239.89;
    # in full from 1.15 x (629.68 + 244.22) = 1004.985 -> 1004.99.
    income(family, "olena", "1000.00")
    client.force_login(coordinator)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.localdate", lambda *a: datetime.date(2025, 11, 20))
        page = client.get(
            reverse("registry:person_detail", args=[family["andrii"].pk]),
            HTTP_ACCEPT_LANGUAGE="nl",
        )
    html = page_text(page)
    assert "239,89" in html
    assert "inkomensdrempel" in html and "1.004,99" in html


def test_policy_keep_plus_15_reaches_the_engine(family, municipality, coordinator):
    MunicipalPolicy.objects.create(municipality=municipality, income_band="keep_plus_15")
    income(family, "olena", "700.00")
    # T = 1.15 x 629.68 = 724.132 -> 724.13; paid 724.13 - 700.00 = 24.13
    result = selectors.person_allowances(coordinator, family["andrii"], datetime.date(2025, 11, 20))
    [november] = [m for m in result["months"] if m.month == NOVEMBER]
    assert november.leefgeld == Decimal("24.13")


def test_payment_run_and_collection_list_use_the_band(family, municipality, finance_officer):
    income(family, "olena", "700.00")
    run = services.create_run(finance_officer, NOVEMBER)
    [item] = run.items.all()
    assert item.amount == Decimal("20.98")
    income(family, "andrii", "300.00")
    # I = 1000.00: eigen bijdrage min(488.44, 239.885217...) = 239.89 (two adults charged)
    rows, total = collection_list(municipality, NOVEMBER)
    assert [r.amount for r in rows] == [Decimal("239.89")] and total == Decimal("239.89")


# The published table (2025 amounts, GOO without catering, one adult): the
# thresholds from which leefgeld is withdrawn and the eigen bijdrage levied in full.
PUBLISHED = [
    (0, "362,07", "642,92"),
    (1, "675,68", "956,54"),
    (2, "873,23", "1154,08"),
    (3, "1049,49", "1330,34"),
    (4, "1302,80", "1583,65"),
]


@pytest.mark.parametrize(("minors", "leefgeld_from", "eigen_bijdrage_from"), PUBLISHED)
def test_person_page_shows_the_published_thresholds(
    municipality, coordinator, client, minors, leefgeld_from, eigen_bijdrage_from
):
    location = factories.LocationFactory(municipality=municipality, catering=False)
    factories.CapacityPeriodFactory(location=location, places=40)
    household = factories.HouseholdFactory(municipality=municipality, name="Melnyk")
    births = [datetime.date(1985, 3, 2)] + [datetime.date(2015 + n, 5, 1) for n in range(minors)]
    members = []
    for birth in births:
        person = factories.PersonFactory(municipality=municipality, birth_date=birth)
        factories.MembershipFactory(
            household=household, person=person, start_date=datetime.date(2024, 12, 1)
        )
        factories.PlacementFactory(
            person=person, location=location, start_date=datetime.date(2025, 1, 1)
        )
        members.append(person)
    factories.IncomeFactory(
        person=members[0],
        start_date=datetime.date(2025, 1, 1),
        end_date=None,
        monthly_amount=Decimal("100.00"),
    )
    client.force_login(coordinator)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.localdate", lambda *a: datetime.date(2025, 11, 20))
        page = client.get(
            reverse("registry:person_detail", args=[members[0].pk]), HTTP_ACCEPT_LANGUAGE="nl"
        )
    html = page.content.decode().replace(".", "")  # thousands separators aside
    assert leefgeld_from in html and eigen_bijdrage_from in html
