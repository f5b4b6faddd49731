"""Support services in the demo: (fictional) prices in VluchtelingenWerk's
catalogue, one accepted offer → order per demo municipality, a few
enrolments, delivery last month and this month, and one sent invoice.

Registered with `demo_loader` when DemoConfig.ready imports this module
(the demo app imports support, never the reverse), after the registry
loaders it builds on. Everything goes through support.services, so
the demo is exactly what a user could have done (and it is audited)."""

import datetime
from decimal import Decimal

from openopvang.accounts.models import Organisation, User
from openopvang.core.formatting import money
from openopvang.registry.models import Person
from openopvang.support import services
from openopvang.support.models import (
    Attendance,
    Enrolment,
    Invoice,
    Offer,
    OfferLine,
    Order,
    OrderLine,
    Service,
)
from openopvang.support.models import Session as DeliverySession

from .data import demo_loader

# Demo prices only: real prices are agreed per contract.
DEMO_PRICES = {
    "owm": "950.00",
    "maatschappelijke-begeleiding": "72.50",
    "mindfit": "310.00",
    "mindpower": "260.00",
    "ouderschapsondersteuning": "285.00",
    "kinderactiviteiten": "175.00",
    "arbeidsparticipatie": "640.00",
    "taallessen": "195.00",
    "fysiek-spreekuur": "68.00",
}
# code → units ordered per municipality
DEMO_ORDER = [
    ("maatschappelijke-begeleiding", 80),
    ("ouderschapsondersteuning", 15),
    ("taallessen", 24),
]
DEMO_LOGIN_PREFIX = {"GM0344": "utrecht", "GM0363": "amsterdam", "GM0014": "groningen"}


def wipe_support_demo(municipalities) -> None:
    Invoice.objects.filter(order__municipality__in=municipalities).delete()
    Attendance.objects.filter(session__order_line__order__municipality__in=municipalities).delete()
    DeliverySession.objects.filter(order_line__order__municipality__in=municipalities).delete()
    Enrolment.objects.filter(order_line__order__municipality__in=municipalities).delete()
    OrderLine.objects.filter(order__municipality__in=municipalities).delete()
    Order.objects.filter(municipality__in=municipalities).delete()
    OfferLine.objects.filter(offer__municipality__in=municipalities).delete()
    Offer.objects.filter(municipality__in=municipalities).delete()


def _adults(context, code, municipality, on: datetime.date) -> list[Person]:
    """Adults on `on` (the enrolment date: services for adults and parents
    warn about anyone younger, support.models.Enrolment.target_group_warning)."""
    members = [
        person
        for household in getattr(context, "households", {}).get(code, [])
        for person in household.members
    ]
    if not members:
        members = list(Person.objects.filter(municipality=municipality).order_by("id")[:60])
    return [person for person in members if person.age_on(on) >= 18]


@demo_loader("support", wipe=wipe_support_demo)
def load_support_demo(context) -> None:
    today = context.today
    vwn = Organisation.objects.get(code="VWN")
    if not vwn.kvk_number:  # made-up supplier details, as an invoice needs them
        vwn.street_address, vwn.postcode, vwn.city = "Postbus 2894", "1000 CW", "Amsterdam"
        vwn.kvk_number, vwn.iban = "40530212", "NL20INGB0001234567"
        vwn.save()
    worker = User.objects.get(username="vwn.worker")
    for service in Service.objects.filter(provider=vwn, code__in=DEMO_PRICES):
        service.standard_price = Decimal(DEMO_PRICES[service.code])
        service.save(update_fields=["standard_price"])
    catalogue = {s.code: s for s in Service.objects.filter(provider=vwn)}

    this_month = today.replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    period = (last_month, datetime.date(today.year + (1 if today.month > 9 else 0), 12, 31))
    invoiced = False
    for code, municipality in context.municipalities.items():
        prefix = DEMO_LOGIN_PREFIX.get(code)
        if prefix is None:
            continue
        coordinator = User.objects.get(username=f"{prefix}.coordinator")
        offer = services.create_offer(
            worker,
            municipality=municipality,
            title=f"Begeleiding en activiteiten {municipality.name} {period[0].year}",
            notes="Maatwerk na overleg met de gemeente.",
            lines=[
                {
                    "service": catalogue[service_code],
                    "units": Decimal(units),
                    "unit_price": Decimal(DEMO_PRICES[service_code]),
                    "period_start": period[0],
                    "period_end": period[1],
                }
                for service_code, units in DEMO_ORDER
            ],
        )
        services.send_offer(worker, offer)
        order = services.accept_offer(coordinator, offer)
        guidance, parenting, language = order.lines.order_by("id")

        adults = _adults(context, code, municipality, period[0])
        enrolled = {
            guidance: [
                services.enrol(coordinator, guidance, p, enrolled_on=period[0]) for p in adults[:3]
            ],
            parenting: [
                services.enrol(coordinator, parenting, p, enrolled_on=period[0])
                for p in adults[3:9]
            ],
            language: [
                services.enrol(worker, language, p, enrolled_on=period[0])
                for p in adults[:2] + adults[9:13]
            ],
        }
        days = [d for d in (last_month.replace(day=n) for n in (4, 11, 18, 25))]
        days += [this_month.replace(day=n) for n in (2, 9) if this_month.replace(day=n) <= today]
        for index, day in enumerate(days):
            present = [(e, None) for e in enrolled[parenting][: 6 - index % 2]]
            services.register_session(
                worker,
                parenting,
                date=day,
                hours=Decimal("2"),
                description="Groepsbijeenkomst",
                attendance=present,
                confirm_exceeding=True,
            )
            services.register_session(
                worker,
                language,
                date=day,
                hours=Decimal("2.5"),
                description="Les Nederlands",
                attendance=[(e, None) for e in enrolled[language]],
                confirm_exceeding=True,
            )
            for position, enrolment in enumerate(enrolled[guidance]):
                services.register_session(
                    worker,
                    guidance,
                    date=day,
                    hours=Decimal("1"),
                    description="Individueel gesprek",
                    attendance=[(enrolment, Decimal("0.75") + Decimal("0.25") * position)],
                    confirm_exceeding=True,
                )
        if not invoiced:
            invoice = services.generate_invoice(worker, order, last_month)
            services.send_invoice(worker, invoice)
            invoiced = True
            context.write(f"  support: invoice {invoice.number} sent, {money(invoice.total, 'nl')}")
    context.write(f"  support: {Order.objects.filter(ngo=vwn).count()} orders for VWN services")
