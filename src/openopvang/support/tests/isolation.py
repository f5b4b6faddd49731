"""Victim records for the project's isolation walk (core/testing/isolation.py):
one support record of every kind, owned by the walk's municipality, so every
support URL is asked for by other organisations and must answer 404."""

import datetime
from decimal import Decimal

from openopvang.accounts.models import Organisation
from openopvang.core.testing.isolation import victim

D = datetime.date


def _vwn():
    return Organisation.objects.get(code="VWN")


@victim("support.Service")
def _service(v):
    from openopvang.support.models import Service

    return Service.objects.filter(provider=_vwn()).order_by("id").first()


@victim("support.Offer")
def _offer(v):
    from openopvang.support.models import Offer

    return Offer.objects.create(
        ngo=_vwn(), municipality=v["municipality"], title="Victim offer", status="sent"
    )


@victim("support.OfferLine")
def _offer_line(v):
    from openopvang.support.models import OfferLine

    return OfferLine.objects.create(
        offer=v["support.Offer"],
        service=v["support.Service"],
        units=Decimal("10"),
        unit_price=Decimal("50"),
        period_start=D(2024, 1, 1),
        period_end=D(2024, 12, 31),
    )


@victim("support.Order")
def _order(v):
    from openopvang.support.models import Offer, Order

    offer = Offer.objects.create(
        ngo=_vwn(), municipality=v["municipality"], title="Victim order", status="accepted"
    )
    return Order.objects.create(
        offer=offer,
        ngo=offer.ngo,
        municipality=v["municipality"],
        number=f"VWN-{v['municipality'].code}-VICTIM",
        title=offer.title,
        budget=Decimal("500.00"),
    )


@victim("support.OrderLine")
def _order_line(v):
    from openopvang.support.models import OrderLine

    return OrderLine.objects.create(
        order=v["support.Order"],
        service=v["support.Service"],
        units=Decimal("10"),
        unit_price=Decimal("50"),
        period_start=D(2024, 1, 1),
        period_end=D(2024, 12, 31),
    )


@victim("support.Enrolment")
def _enrolment(v):
    from openopvang.support.models import Enrolment

    return Enrolment.objects.create(
        order_line=v["support.OrderLine"], person=v["registry.Person"], enrolled_on=D(2024, 1, 1)
    )


@victim("support.Session")
def _session(v):
    from openopvang.support.models import Attendance, Session

    session = Session.objects.create(
        order_line=v["support.OrderLine"],
        date=D(2024, 3, 4),
        hours=Decimal("2"),
        units=Decimal("1"),
    )
    Attendance.objects.create(session=session, enrolment=v["support.Enrolment"])
    return session


@victim("support.Invoice")
def _invoice(v):
    from openopvang.support.models import Invoice

    return Invoice.objects.create(
        order=v["support.Order"],
        month=D(2024, 3, 1),
        status="sent",
        number=f"{v['support.Order'].number}-202403",
        total=Decimal("50.00"),
    )


@victim("support.InvoiceLine")
def _invoice_line(v):
    from openopvang.support.models import InvoiceLine

    line = InvoiceLine.objects.create(
        invoice=v["support.Invoice"],
        order_line=v["support.OrderLine"],
        description="Victim",
        units=Decimal("1"),
        unit_price=Decimal("50"),
        amount=Decimal("50.00"),
    )
    line.sessions.add(v["support.Session"])
    return line
