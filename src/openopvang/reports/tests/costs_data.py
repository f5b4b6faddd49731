"""The hand-countable money of the costs tests (February 2024).

BooO claim (declaration 2024, version 2 replaces version 1):
- GOO 20 Jan–10 Feb (22 days, 10 places × € 60.00): € 13,200.00, of which
  10/22 in February: € 6,000.00; GOO 31 Jan–2 Feb, € 100.00 over 3 days:
  2/3 in February (€ 66.666…); GOO in February: € 6,066.67
- POO February € 375.00; POO leefgeld February € 1,234.56
- purchased services € 999.99, listed only (not declared): not counted
- BooO claim February: 6,066.67 + 375.00 + 1,234.56 = € 7,676.23
Leefgeld paid (approved runs): 410.25 + 89.50 = € 499.75 for February; a
correction of −12.40 for January in the same run counts in January; a
draft run's € 500.00 does not count.
Support services invoiced: sent € 1,500.10 + settled € 250.00 = € 1,750.10;
a draft of € 999.00 does not count.
Eigen bijdrage: no one has income: € 0.00."""

import datetime
from decimal import Decimal

from openopvang.accounts.models import Organisation, Role
from openopvang.allowances.models import PaymentItem, PaymentLine, PaymentRun, RunStatus
from openopvang.core.testing import factories
from openopvang.declarations.models import Declaration
from openopvang.support import services as support_services
from openopvang.support.models import Invoice, InvoiceStatus, Service

FEB = datetime.date(2024, 2, 1)
JAN = datetime.date(2024, 1, 1)


def _line(component, amount, *, month=None, start=None, end=None, declared=True):
    return {
        "component": component,
        "declared": declared,
        "from": start,
        "to": end,
        "month": month,
        "amount": amount,
    }


def _declaration(municipality, version, lines, previous=None):
    return Declaration.objects.create(
        municipality=municipality,
        year=2024,
        version=version,
        previous=previous,
        total=Decimal("0.00"),
        scenario={},
        result={"booo": {"lines": lines, "total": "0.00", "by_month": {}}},
        parameters=[],
    )


def _run(municipality, status, lines):
    run = PaymentRun.objects.create(
        municipality=municipality,
        month=FEB,
        status=status,
        execution_date=datetime.date(2024, 2, 20),
        recompute_from=JAN,
    )
    item = PaymentItem.objects.create(
        run=run, household_ref="H1", household_name="Household", method="cash", amount=0
    )
    for month, amount in lines:
        PaymentLine.objects.create(
            run=run,
            item=item,
            household_ref="H1",
            person_ref="P1",
            month=month,
            component="eetgeld",
            kind="entitlement",
            amount=Decimal(amount),
            computed=Decimal(amount),
        )


def build(municipality, coordinator):
    first = _declaration(municipality, 1, [_line("goo", "1.00", month="2024-02")])
    _declaration(
        municipality,
        2,
        [
            _line("goo", "13200.00", start="2024-01-20", end="2024-02-10"),
            _line("goo", "100.00", start="2024-01-31", end="2024-02-02"),
            _line("poo", "375.00", month="2024-02"),
            _line("poo_leefgeld", "1234.56", month="2024-02"),
            _line("purchased_services", "999.99", month="2024-02", declared=False),
        ],
        previous=first,
    )
    _run(municipality, RunStatus.APPROVED, [(FEB, "410.25"), (FEB, "89.50"), (JAN, "-12.40")])
    _run(municipality, RunStatus.DRAFT, [(FEB, "500.00")])
    if not Organisation.objects.filter(code="VWN").exists():
        # A browser test's database was emptied between tests: seed the
        # catalogue again the way its migration does.
        import importlib

        from django.apps import apps

        importlib.import_module("openopvang.support.migrations.0002_seed_vwn_catalogue").seed(
            apps, None
        )
    vwn = Organisation.objects.get(code="VWN")
    worker = factories.UserFactory(organisation=vwn, role=Role.NGO_WORKER)
    service = Service.objects.filter(provider=vwn).first()
    offer = support_services.create_offer(
        worker,
        municipality=municipality,
        title="Begeleiding 2024",
        lines=[
            {
                "service": service,
                "units": Decimal("100"),
                "unit_price": Decimal("40.00"),
                "period_start": JAN,
                "period_end": datetime.date(2024, 12, 31),
            }
        ],
    )
    support_services.send_offer(worker, offer)
    order = support_services.accept_offer(coordinator, offer)
    for number, status, total in (
        ("F-1", InvoiceStatus.SENT, "1500.10"),
        ("F-2", InvoiceStatus.SETTLED, "250.00"),
        ("F-3", InvoiceStatus.DRAFT, "999.00"),
    ):
        # one invoice per order and month: a second order per invoice
        if number != "F-1":
            offer = support_services.create_offer(
                worker,
                municipality=municipality,
                title=f"Order {number}",
                lines=[
                    {
                        "service": service,
                        "units": Decimal("1"),
                        "unit_price": Decimal("1.00"),
                        "period_start": JAN,
                        "period_end": datetime.date(2024, 12, 31),
                    }
                ],
            )
            support_services.send_offer(worker, offer)
            order = support_services.accept_offer(coordinator, offer)
        Invoice.objects.create(
            order=order, number=number, month=FEB, status=status, total=Decimal(total)
        )
    return order
