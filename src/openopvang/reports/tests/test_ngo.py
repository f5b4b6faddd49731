"""The NGO view: budget, used and left, sessions and attendances per
service and municipality, for the NGO's own orders only."""

import datetime
from decimal import Decimal

import pytest

from openopvang.accounts.models import Organisation, Role
from openopvang.core.testing import factories
from openopvang.support import services
from openopvang.support.models import Service

from .test_views_dashboard import _table

pytestmark = pytest.mark.django_db


def test_delivery_per_service_and_municipality(client, municipality, coordinator):
    vwn = Organisation.objects.get(code="VWN")
    worker = factories.UserFactory(organisation=vwn, role=Role.NGO_WORKER)
    guidance = Service.objects.get(provider=vwn, code="maatschappelijke-begeleiding")
    year = datetime.date.today().year
    offer = services.create_offer(
        worker,
        municipality=municipality,
        title="Begeleiding",
        lines=[
            {
                "service": guidance,
                "units": Decimal("40"),
                "unit_price": Decimal("33.33"),
                "period_start": datetime.date(year - 1, 1, 1),
                "period_end": datetime.date(year + 1, 12, 31),
            }
        ],
    )
    services.send_offer(worker, offer)
    order = services.accept_offer(coordinator, offer)
    line = order.lines.get()
    person = factories.PersonFactory(
        municipality=municipality, birth_date=datetime.date(1980, 1, 1)
    )
    enrolment = services.enrol(coordinator, line, person)
    day = datetime.date.today()
    services.register_session(
        worker, line, date=day, hours=Decimal("2"), attendance=[(enrolment, None)]
    )
    services.register_session(worker, line, date=day, hours=Decimal("1.5"), attendance=[])
    client.force_login(worker)
    rows = _table(client.get("/reports/ngo/").content.decode(), "ngo-delivery")
    # budget 40 × 33.33 = 1,333.20; used 3.5 × 33.33 = 116.655 → 116.66; left 1,216.54
    assert rows[1] == [
        "Utrecht",
        str(guidance),
        order.number,
        "€ 1,333.20",
        "€ 116.66",
        "€ 1,216.54",
        "2",
        "1",
    ]
    other = factories.NgoFactory(code="OTHER", name="Andere NGO")
    client.force_login(factories.UserFactory(organisation=other, role=Role.NGO_WORKER))
    assert "Utrecht" not in client.get("/reports/ngo/").content.decode()
    client.force_login(coordinator)
    assert client.get("/reports/ngo/").status_code == 403
