"""offer → order → enrolment → delivery → invoice → approval → cost line."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openopvang.accounts.models import User
from openopvang.audit.models import AuditEvent
from openopvang.declarations.cost_sources import sourced_cost_lines
from openopvang.support import services
from openopvang.support.models import (
    Invoice,
    InvoiceStatus,
    LineStatus,
    OfferStatus,
    Session,
    Unit,
)

from .conftest import YEAR

MARCH = datetime.date(2025, 3, 1)


def support_lines(municipality, start, end):
    return [
        line
        for line in sourced_cost_lines(municipality, start, end)
        if line.source.get("type") == "support.InvoiceLine"
    ]


def deliver_march(ngo_worker, lines, persons):
    """The municipality enrols p1 (guidance and parenting), the NGO enrols p2."""
    guidance, parenting = lines
    p1, p2, _p3 = persons
    coordinator = User.objects.get(username="coordinator")
    e_g1 = services.enrol(coordinator, guidance, p1)
    e_p1 = services.enrol(coordinator, parenting, p1)
    e_p2 = services.enrol(ngo_worker, parenting, p2)
    # Parenting support is paid per participant: the second meeting adds nothing.
    services.register_session(
        ngo_worker,
        parenting,
        date=datetime.date(2025, 3, 4),
        hours=2,
        attendance=[(e_p1, None), (e_p2, None)],
    )
    services.register_session(
        ngo_worker,
        parenting,
        date=datetime.date(2025, 3, 11),
        hours=2,
        attendance=[(e_p1, None), (e_p2, None)],
    )
    # Social guidance per hour: 1.25 (session) + 1.25 (own hours) = 2.5 hours.
    services.register_session(
        ngo_worker,
        guidance,
        date=datetime.date(2025, 3, 5),
        hours=Decimal("1.25"),
        attendance=[(e_g1, None)],
    )
    services.register_session(
        ngo_worker,
        guidance,
        date=datetime.date(2025, 3, 12),
        hours=Decimal("3"),
        attendance=[(e_g1, Decimal("1.25"))],
    )
    return e_g1, e_p1, e_p2


def test_accepting_an_offer_creates_an_order_with_the_budget_and_copied_lines(order, lines):
    assert order.offer.status == OfferStatus.ACCEPTED
    assert order.budget == Decimal("3133.20")
    guidance, parenting = lines
    assert (guidance.units, guidance.unit_price, guidance.amount) == (
        Decimal("40.00"),
        Decimal("33.33"),
        Decimal("1333.20"),
    )
    assert parenting.amount == Decimal("1800.00")
    assert order.number == "VWN-GM0344-001"


def test_whole_flow_ends_in_exact_purchased_services_cost_lines(
    order,
    lines,
    persons,
    ngo_worker,
    coordinator,
    finance_officer,
    municipality,
    other_municipality,
):
    deliver_march(ngo_worker, lines, persons)
    guidance, parenting = lines
    usage = services.line_usage(parenting)
    assert (usage["units_used"], usage["units_left"]) == (Decimal("2"), Decimal("13"))
    assert services.line_usage(guidance)["units_used"] == Decimal("2.50")

    invoice = services.generate_invoice(ngo_worker, order, datetime.date(2025, 3, 17))
    assert invoice.number == "VWN-GM0344-001-202503"
    assert invoice.month == MARCH
    amounts = {line.order_line_id: line.amount for line in invoice.lines.all()}
    # 2.5 h × € 33.33 = 83.325 → 83.33 (half-up, not banker's 83.32)
    assert amounts == {guidance.pk: Decimal("83.33"), parenting.pk: Decimal("240.00")}
    assert invoice.total == Decimal("323.33")
    assert invoice.lines.get(order_line=guidance).sessions.count() == 2

    # Nothing is a cost before the municipality approves.
    services.send_invoice(ngo_worker, invoice)
    assert support_lines(municipality, *YEAR) == []

    with pytest.raises(PermissionDenied):  # a coordinator is not a finance officer
        services.approve_invoice_line(coordinator, invoice.lines.first())
    for line in invoice.lines.all():
        services.approve_invoice_line(finance_officer, line)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.SETTLED

    cost_lines = support_lines(municipality, *YEAR)
    assert [c.amount for c in cost_lines] == [Decimal("83.33"), Decimal("240.00")]
    assert sum(c.amount for c in cost_lines) == Decimal("323.33")
    first = cost_lines[0]
    assert first.category == "purchased_services"
    assert first.month == MARCH
    assert first.source["type"] == "support.InvoiceLine"
    assert first.source["invoice"] == "VWN-GM0344-001-202503"
    assert first.source["url"] == f"/support/invoice-lines/{first.source['id']}/"
    # Outside the period, or for another municipality: nothing.
    assert support_lines(municipality, datetime.date(2025, 4, 1), YEAR[1]) == []
    assert support_lines(municipality, MARCH, datetime.date(2025, 3, 31)) != []
    assert support_lines(other_municipality, *YEAR) == []


def test_disputed_line_needs_a_reason_and_is_not_a_cost(
    order, lines, persons, ngo_worker, finance_officer, municipality
):
    deliver_march(ngo_worker, lines, persons)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    services.send_invoice(ngo_worker, invoice)
    guidance_line = invoice.lines.get(order_line=lines[0])
    parenting_line = invoice.lines.get(order_line=lines[1])
    with pytest.raises(ValidationError):
        services.dispute_invoice_line(finance_officer, guidance_line, reason="  ")
    services.dispute_invoice_line(finance_officer, guidance_line, reason="Not agreed: 1 hour")
    guidance_line.refresh_from_db()
    assert guidance_line.status == LineStatus.DISPUTED
    assert guidance_line.dispute_reason == "Not agreed: 1 hour"
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.SENT  # one line still open
    services.approve_invoice_line(finance_officer, parenting_line)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.SETTLED
    assert [c.amount for c in support_lines(municipality, *YEAR)] == [Decimal("240.00")]


def test_budget_warning_saves_nothing_until_confirmed(order, lines, persons, ngo_worker):
    guidance, _parenting = lines
    services.register_session(ngo_worker, guidance, date=datetime.date(2025, 2, 3), hours=39)
    with pytest.raises(services.ExceedsOrder) as caught:
        services.register_session(ngo_worker, guidance, date=datetime.date(2025, 2, 4), hours=2)
    assert "41.00" in " ".join(caught.value.messages)
    assert Session.objects.filter(order_line=guidance).count() == 1
    session = services.register_session(
        ngo_worker, guidance, date=datetime.date(2025, 2, 4), hours=2, confirm_exceeding=True
    )
    assert session.over_order_confirmed
    assert services.line_usage(guidance)["units_left"] == Decimal("-1.00")


def test_budget_of_the_order_is_checked_too(ngo_worker, coordinator, municipality, service):
    # Units within the line, but the order total is what counts for the budget.
    offer = services.create_offer(
        ngo_worker,
        municipality=municipality,
        title="Klein",
        lines=[
            {
                "service": service("kinderactiviteiten"),
                "units": Decimal("2"),
                "unit_price": Decimal("50"),
                "period_start": YEAR[0],
                "period_end": YEAR[1],
            }
        ],
    )
    services.send_offer(ngo_worker, offer)
    line = services.accept_offer(coordinator, offer).lines.get()
    services.register_session(ngo_worker, line, date=datetime.date(2025, 5, 1))
    services.register_session(ngo_worker, line, date=datetime.date(2025, 5, 2))
    with pytest.raises(services.ExceedsOrder) as caught:
        services.register_session(ngo_worker, line, date=datetime.date(2025, 5, 3))
    assert "€ 100.00" in " ".join(caught.value.messages)


def test_units_per_month_count_the_first_session_of_a_month(
    ngo_worker, coordinator, municipality, service
):
    svc = service("fysiek-spreekuur")
    svc.unit = Unit.PER_MONTH
    svc.save()
    offer = services.create_offer(
        ngo_worker,
        municipality=municipality,
        title="Spreekuur",
        lines=[
            {
                "service": svc,
                "units": Decimal("12"),
                "unit_price": Decimal("800"),
                "period_start": YEAR[0],
                "period_end": YEAR[1],
            }
        ],
    )
    services.send_offer(ngo_worker, offer)
    line = services.accept_offer(coordinator, offer).lines.get()
    units = [
        services.register_session(ngo_worker, line, date=day, hours=3).units
        for day in (datetime.date(2025, 6, 2), datetime.date(2025, 6, 9), datetime.date(2025, 7, 7))
    ]
    assert units == [Decimal("1"), Decimal("0"), Decimal("1")]


def test_only_the_ngo_edits_and_only_the_addressed_municipality_decides(
    ngo_worker, other_ngo_worker, coordinator, outsider, municipality, service
):
    offer = services.create_offer(ngo_worker, municipality=municipality, title="T")
    with pytest.raises(PermissionDenied):
        services.update_offer(other_ngo_worker, offer, title="Hijack")
    with pytest.raises(PermissionDenied):
        services.create_offer(coordinator, municipality=municipality, title="x")
    services.add_offer_line(
        ngo_worker,
        offer,
        service=service("owm"),
        units=5,
        unit_price=Decimal("100"),
        period_start=YEAR[0],
        period_end=YEAR[1],
    )
    services.send_offer(ngo_worker, offer)
    with pytest.raises(ValidationError):  # sent offers are no longer edited
        services.update_offer(ngo_worker, offer, title="changed")
    with pytest.raises(PermissionDenied):
        services.accept_offer(outsider, offer)
    with pytest.raises(PermissionDenied):
        services.accept_offer(ngo_worker, offer)
    with pytest.raises(ValidationError):
        services.decline_offer(coordinator, offer, reason="")
    services.decline_offer(coordinator, offer, reason="Too expensive")
    offer.refresh_from_db()
    assert (offer.status, offer.decline_reason) == (OfferStatus.DECLINED, "Too expensive")
    assert not hasattr(offer, "order") or offer.order is None


def test_delivery_outside_the_period_or_after_the_invoice_is_refused(
    order, lines, persons, ngo_worker
):
    guidance, _ = lines
    with pytest.raises(ValidationError):
        services.register_session(ngo_worker, guidance, date=datetime.date(2026, 1, 5), hours=1)
    services.register_session(ngo_worker, guidance, date=datetime.date(2025, 3, 5), hours=1)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    services.send_invoice(ngo_worker, invoice)
    with pytest.raises(ValidationError):
        services.register_session(ngo_worker, guidance, date=datetime.date(2025, 3, 20), hours=1)
    with pytest.raises(ValidationError):
        services.generate_invoice(ngo_worker, order, MARCH)
    with pytest.raises(ValidationError):  # no delivery in April
        services.generate_invoice(ngo_worker, order, datetime.date(2025, 4, 1))
    assert Invoice.objects.count() == 1


def test_only_persons_of_the_ordering_municipality_can_be_enrolled(
    order, lines, coordinator, other_municipality
):
    from openopvang.core.testing.factories import PersonFactory

    stranger = PersonFactory(municipality=other_municipality)
    with pytest.raises(ValidationError):
        services.enrol(coordinator, lines[0], stranger)


def test_every_change_writes_an_audit_event(order, lines, persons, ngo_worker, finance_officer):
    deliver_march(ngo_worker, lines, persons)
    invoice = services.generate_invoice(ngo_worker, order, MARCH)
    services.send_invoice(ngo_worker, invoice)
    services.approve_invoice_line(finance_officer, invoice.lines.first())
    types = set(AuditEvent.objects.values_list("object_type", "action"))
    for expected in [
        ("support.Offer", "create"),
        ("support.OfferLine", "create"),
        ("support.Offer", "update"),
        ("support.Offer", "approve"),
        ("support.Order", "create"),
        ("support.OrderLine", "create"),
        ("support.Enrolment", "create"),
        ("support.Session", "create"),
        ("support.Attendance", "create"),
        ("support.Invoice", "create"),
        ("support.InvoiceLine", "create"),
        ("support.Invoice", "update"),
        ("support.InvoiceLine", "approve"),
    ]:
        assert expected in types, expected
