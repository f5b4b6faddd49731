import datetime
from decimal import Decimal

import pytest

from openopvang.demo.data import DEMO_LOADERS, load_demo
from openopvang.support.models import Invoice, InvoiceStatus, Order, Service, Session


@pytest.mark.django_db
def test_demo_loads_orders_delivery_and_one_sent_invoice():
    assert DEMO_LOADERS[-1].name == "support" or "support" in [d.name for d in DEMO_LOADERS]
    load_demo(datetime.date(2025, 10, 15), write=lambda text: None)
    orders = Order.objects.filter(ngo__code="VWN")
    assert sorted(orders.values_list("municipality__code", flat=True)) == [
        "GM0014",
        "GM0344",
        "GM0363",
    ]
    assert all(order.offer.status == "accepted" for order in orders)
    assert Session.objects.filter(order_line__order__in=orders).count() > 20
    invoice = Invoice.objects.get()
    assert invoice.status == InvoiceStatus.SENT
    assert invoice.month == datetime.date(2025, 9, 1)
    assert invoice.total == sum(line.amount for line in invoice.lines.all()) > Decimal("0")
    assert Service.objects.get(provider__code="VWN", code="owm").standard_price is not None
