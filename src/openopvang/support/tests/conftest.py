"""Fixtures for the support-services tests: VluchtelingenWerk (seeded by
migration, with its catalogue), an NGO worker, a second NGO, persons with
BSN/IBAN/notes that must never reach an NGO, and an accepted order."""

import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from openopvang.accounts.models import Organisation, Role
from openopvang.core.testing import factories
from openopvang.support import services
from openopvang.support.models import Service

SECRET_BSN = factories.valid_bsn(4242)
SECRET_IBAN = "NL91ABNA0417164300"
SECRET_NOTE = "confidential-note-xyz"


@pytest.fixture
def vwn(db):
    return Organisation.objects.get(code="VWN")


@pytest.fixture
def ngo_worker(vwn):
    return factories.UserFactory(username="vwn-worker", organisation=vwn, role=Role.NGO_WORKER)


@pytest.fixture
def other_ngo_worker(db):
    ngo = factories.NgoFactory(code="OTHERNGO", name="Andere NGO")
    return factories.UserFactory(username="other-ngo", organisation=ngo, role=Role.NGO_WORKER)


@pytest.fixture
def national_user(db):
    noo = Organisation.objects.get(code="NOO")
    return factories.UserFactory(username="noo", organisation=noo, role=Role.NATIONAL_VIEWER)


def api_as(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def service(vwn):
    def get(code):
        return Service.objects.get(provider=vwn, code=code)

    return get


def person(municipality, n, **extra):
    values = {
        "municipality": municipality,
        "bsn": factories.valid_bsn(5000 + n),
        "iban": SECRET_IBAN,
        "notes": SECRET_NOTE,
    }
    values.update(extra)
    return factories.PersonFactory(**values)


@pytest.fixture
def persons(municipality):
    return [
        person(municipality, 1, bsn=SECRET_BSN, phone="0612345678", email="olena@example.org"),
        person(municipality, 2),
        person(municipality, 3),  # never enrolled
    ]


YEAR = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


@pytest.fixture
def order(ngo_worker, coordinator, municipality, service):
    """Accepted offer: 40 hours of social guidance at € 33.33 and parenting
    support for 15 participants at € 120.00 → budget € 3,133.20."""
    offer = services.create_offer(
        ngo_worker,
        municipality=municipality,
        title="Begeleiding 2025",
        lines=[
            {
                "service": service("maatschappelijke-begeleiding"),
                "units": Decimal("40"),
                "unit_price": Decimal("33.33"),
                "period_start": YEAR[0],
                "period_end": YEAR[1],
            },
            {
                "service": service("ouderschapsondersteuning"),
                "units": Decimal("15"),
                "unit_price": Decimal("120.00"),
                "period_start": YEAR[0],
                "period_end": YEAR[1],
            },
        ],
    )
    services.send_offer(ngo_worker, offer)
    return services.accept_offer(coordinator, offer)


@pytest.fixture
def lines(order):
    guidance, parenting = order.lines.order_by("id")
    return guidance, parenting


@pytest.fixture
def current_lines(ngo_worker, coordinator, municipality, service):
    """An accepted order whose period runs from last year to next year, so that
    today lies inside it: social guidance (adults, per hour) and children's
    activities (children, per session)."""
    from django.utils import timezone

    year = timezone.localdate().year
    period = {
        "period_start": datetime.date(year - 1, 1, 1),
        "period_end": datetime.date(year + 1, 12, 31),
    }
    offer = services.create_offer(
        ngo_worker,
        municipality=municipality,
        title="Lopend",
        lines=[
            {
                "service": service("maatschappelijke-begeleiding"),
                "units": Decimal("100"),
                "unit_price": Decimal("50.00"),
                **period,
            },
            {
                "service": service("kinderactiviteiten"),
                "units": Decimal("20"),
                "unit_price": Decimal("100.00"),
                **period,
            },
        ],
    )
    services.send_offer(ngo_worker, offer)
    guidance, children = services.accept_offer(coordinator, offer).lines.order_by("id")
    return guidance, children


def nl(text: str, **values) -> str:
    """`text` as the Dutch reader sees it (the invoice PDF is always Dutch):
    its translation once the catalogue has it, the English msgid before."""
    from django.utils import translation

    with translation.override("nl"):
        translated = translation.gettext(text)
    return translated % values if values else translated
