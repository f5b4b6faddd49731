"""Use cases of the support-services capability. Each function first checks
who may do it (support.permissions: who does what), is one transaction and
writes its audit events inside it."""

import calendar
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction
from openopvang.core.formatting import month as month_name
from openopvang.core.services import save_audited
from openopvang.rules.engine.money import round_cents

from .models import (
    Attendance,
    Enrolment,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    LineStatus,
    Offer,
    OfferLine,
    OfferStatus,
    Order,
    OrderLine,
    Service,
    ServiceText,
    Session,
    Unit,
)
from .permissions import (
    require_can_enrol,
    require_municipal_approver,
    require_municipal_buyer,
    require_ngo_worker,
)

# --- catalogue ---------------------------------------------------------------


@transaction.atomic
def save_service(user, service: Service, texts: dict[str, dict], *, request=None) -> Service:
    """Create or change a service with its texts per language
    ({"nl": {"title": …, "description": …, "public_text": …}, …}). A language
    whose title is empty is removed."""
    if service.pk is None:
        service.provider = user.organisation
    require_ngo_worker(user, service.provider_id)
    if service.pk is not None:
        # Also the provider as stored: a change may not take over another NGO's service.
        stored = Service.objects.filter(pk=service.pk).values_list("provider_id", flat=True)
        require_ngo_worker(user, stored.first())
    save_audited(user, service, request=request)
    existing = {text.language: text for text in service.texts.all()}
    for language, values in texts.items():
        text = existing.get(language)
        if not (values.get("title") or "").strip():
            if text is not None:
                audit.record(
                    user, AuditAction.DELETE, text, changes=audit.snapshot(text), request=request
                )
                text.delete()
            continue
        text = text or ServiceText(service=service, language=language)
        text.title = values["title"].strip()
        text.description = values.get("description", "") or ""
        text.public_text = values.get("public_text", "") or ""
        save_audited(user, text, request=request)
    if not service.texts.exists():
        raise ValidationError({"texts": _("A service needs a title in at least one language.")})
    return service


# --- offers ------------------------------------------------------------------


def _require_draft(offer: Offer) -> None:
    if offer.status != OfferStatus.DRAFT:
        raise ValidationError(_("Only a draft offer can be changed."))


@transaction.atomic
def create_offer(
    user, *, municipality, title: str, notes: str = "", lines=(), request=None
) -> Offer:
    require_ngo_worker(user)
    if municipality is None or not municipality.is_municipality:
        raise ValidationError({"municipality": _("An offer is addressed to a municipality.")})
    offer = save_audited(
        user,
        Offer(ngo=user.organisation, municipality=municipality, title=title, notes=notes),
        request=request,
    )
    for values in lines:
        add_offer_line(user, offer, request=request, **values)
    return offer


@transaction.atomic
def update_offer(user, offer: Offer, *, request=None, **values) -> Offer:
    require_ngo_worker(user, offer.ngo)
    _require_draft(offer)
    for key in ("title", "notes"):
        if key in values:
            setattr(offer, key, values[key])
    return save_audited(user, offer, request=request)


@transaction.atomic
def add_offer_line(
    user, offer: Offer, *, service, units, unit_price, period_start, period_end, request=None
) -> OfferLine:
    require_ngo_worker(user, offer.ngo)
    _require_draft(offer)
    if service.provider_id != offer.ngo_id:
        raise ValidationError({"service": _("The service is not in this NGO's catalogue.")})
    line = OfferLine(
        offer=offer,
        service=service,
        units=units,
        unit_price=unit_price,
        period_start=period_start,
        period_end=period_end,
    )
    return save_audited(user, line, request=request)


@transaction.atomic
def delete_offer_line(user, line: OfferLine, *, request=None) -> None:
    require_ngo_worker(user, line.offer.ngo)
    _require_draft(line.offer)
    audit.record(user, AuditAction.DELETE, line, changes=audit.snapshot(line), request=request)
    line.delete()


def _set_status(user, obj, request=None, action=None, **values):
    before = audit.snapshot(obj)
    for key, value in values.items():
        setattr(obj, key, value)
    obj.full_clean()
    obj.save()
    changes = audit.diff(before, audit.snapshot(obj))
    audit.record(user, action or AuditAction.UPDATE, obj, changes=changes, request=request)
    return obj


@transaction.atomic
def send_offer(user, offer: Offer, *, request=None) -> Offer:
    require_ngo_worker(user, offer.ngo)
    _require_draft(offer)
    if not offer.lines.exists():
        raise ValidationError(_("An offer needs at least one line before it can be sent."))
    return _set_status(user, offer, request, status=OfferStatus.SENT, sent_at=timezone.now())


def _next_order_number(offer: Offer) -> str:
    prefix = f"{offer.ngo.code}-{offer.municipality.code}-"
    taken = Order.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{taken + 1:03d}"


@transaction.atomic
def accept_offer(user, offer: Offer, *, request=None) -> Order:
    """The municipality accepts: an order with the offer's lines copied and a
    budget of the sum of the (rounded) line amounts."""
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    require_municipal_buyer(user, offer.municipality)
    if offer.status != OfferStatus.SENT:
        raise ValidationError(_("Only a sent offer can be accepted or declined."))
    _set_status(
        user,
        offer,
        request,
        action=AuditAction.APPROVE,
        status=OfferStatus.ACCEPTED,
        decided_at=timezone.now(),
        decided_by=user,
    )
    lines = list(offer.lines.select_related("service"))
    order = save_audited(
        user,
        Order(
            offer=offer,
            ngo=offer.ngo,
            municipality=offer.municipality,
            number=_next_order_number(offer),
            title=offer.title,
            budget=sum((line.amount for line in lines), Decimal("0.00")),
        ),
        request=request,
    )
    for line in lines:
        save_audited(
            user,
            OrderLine(
                order=order,
                service=line.service,
                units=line.units,
                unit_price=line.unit_price,
                period_start=line.period_start,
                period_end=line.period_end,
            ),
            request=request,
        )
    return order


@transaction.atomic
def decline_offer(user, offer: Offer, *, reason: str, request=None) -> Offer:
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    require_municipal_buyer(user, offer.municipality)
    if offer.status != OfferStatus.SENT:
        raise ValidationError(_("Only a sent offer can be accepted or declined."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason for declining the offer.")})
    return _set_status(
        user,
        offer,
        request,
        status=OfferStatus.DECLINED,
        decided_at=timezone.now(),
        decided_by=user,
        decline_reason=reason.strip(),
    )


# --- enrolment -----------------------------------------------------------------


class OutsideTargetGroup(ValidationError):
    """The person is outside the service's target group on the enrolment
    date (e.g. a child in a service for adults); the enrolment is saved only
    when the user confirms."""


@transaction.atomic
def enrol(
    user,
    order_line: OrderLine,
    person,
    *,
    enrolled_on=None,
    confirm_outside_target_group: bool = False,
    request=None,
) -> Enrolment:
    """Enrol `person` in `order_line`. Raises OutsideTargetGroup, saving
    nothing, when the person's age on the enrolment date falls outside the
    service's target group and it is not confirmed."""
    require_can_enrol(user, order_line.order)
    enrolment = Enrolment(
        order_line=order_line, person=person, enrolled_on=enrolled_on or timezone.localdate()
    )
    # The rules first: what is refused anyway is not put to the user to confirm.
    enrolment.full_clean()
    warning = enrolment.target_group_warning()
    if warning and not confirm_outside_target_group:
        raise OutsideTargetGroup(
            {"confirm_outside_target_group": [warning]}, code="outside_target_group"
        )
    enrolment.outside_target_group_confirmed = bool(warning)
    return save_audited(user, enrolment, request=request)


@transaction.atomic
def end_enrolment(user, enrolment: Enrolment, *, ended_on, request=None) -> Enrolment:
    """End `enrolment`: `ended_on` is its last day (Enrolment.clean: not
    before the enrolment date, no attendance after it). Who may enrol may end
    an enrolment; the change is audited."""
    require_can_enrol(user, enrolment.order_line.order)
    if ended_on is None:
        raise ValidationError({"ended_on": _("Give the date the enrolment ends.")})
    enrolment.ended_on = ended_on
    return save_audited(user, enrolment, request=request)


# --- delivery --------------------------------------------------------------------


class ExceedsOrder(ValidationError):
    """The registration would use more than the ordered units or budget; it is
    saved only when the user confirms."""


def _month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def units_for_session(
    order_line: OrderLine,
    date: datetime.date,
    hours: Decimal,
    attendance: list[tuple[Enrolment, Decimal | None]],
    exclude_session=None,
) -> Decimal:
    """What a session counts for the invoice, by the service's unit:

    - per session: 1;
    - per hour: the session's hours, or — when hours are given per
      participant — the sum of the participants' hours (empty = session hours);
    - per participant: the participants not yet counted on this order line
      (a participant is paid once per ordered trajectory/training);
    - per month: 1 for the first session of the line in a calendar month, else 0.
    """
    unit = order_line.service.unit
    hours = Decimal(hours or 0)
    if unit == Unit.PER_SESSION:
        return Decimal("1")
    if unit == Unit.PER_HOUR:
        if any(own is not None for _enrolment, own in attendance):
            return sum((own if own is not None else hours for _e, own in attendance), Decimal("0"))
        return hours
    others = Session.objects.filter(order_line=order_line)
    if exclude_session is not None:
        others = others.exclude(pk=exclude_session.pk)
    if unit == Unit.PER_PARTICIPANT:
        counted = set(
            Attendance.objects.filter(session__in=others).values_list("enrolment_id", flat=True)
        )
        return Decimal(len({e.pk for e, _own in attendance} - counted))
    if unit == Unit.PER_MONTH:
        start, end = _month_bounds(date)
        return Decimal("0") if others.filter(date__range=(start, end)).exists() else Decimal("1")
    raise ValueError(f"unknown unit {unit}")


def line_usage(order_line: OrderLine) -> dict:
    """Units and amount used on an order line, and what is left."""
    used = sum((s.units for s in order_line.sessions.all()), Decimal("0"))
    amount_used = round_cents(used * order_line.unit_price)
    return {
        "units_ordered": order_line.units,
        "units_used": used,
        "units_left": order_line.units - used,
        "amount_ordered": order_line.amount,
        "amount_used": amount_used,
        "amount_left": order_line.amount - amount_used,
    }


def order_usage(order: Order) -> dict:
    lines = [(line, line_usage(line)) for line in order.lines.all()]
    used = sum((usage["amount_used"] for _line, usage in lines), Decimal("0.00"))
    return {
        "lines": lines,
        "budget": order.budget,
        "budget_used": used,
        "budget_left": order.budget - used,
    }


def check_exceeding(order_line: OrderLine, new_units: Decimal) -> list[str]:
    """Warnings when `new_units` more would exceed the line's ordered units
    or the order's budget (empty list: within the order)."""
    warnings = []
    usage = line_usage(order_line)
    if usage["units_used"] + new_units > order_line.units:
        warnings.append(
            _("This registration brings %(service)s to %(used)s of %(ordered)s ordered units.")
            % {
                "service": order_line.service,
                "used": usage["units_used"] + new_units,
                "ordered": order_line.units,
            }
        )
    totals = order_usage(order_line.order)
    new_amount = round_cents((usage["units_used"] + new_units) * order_line.unit_price)
    budget_used = totals["budget_used"] - usage["amount_used"] + new_amount
    if budget_used > order_line.order.budget:
        warnings.append(
            _("This registration brings the order to € %(used)s of a budget of € %(budget)s.")
            % {"used": budget_used, "budget": order_line.order.budget}
        )
    return warnings


def _require_month_open(order: Order, day: datetime.date) -> None:
    start, _end = _month_bounds(day)
    if order.invoices.filter(month=start).exclude(status=InvoiceStatus.DRAFT).exists():
        raise ValidationError(
            {
                "date": _(
                    "The invoice for this month has been sent; delivery in that month "
                    "can no longer be registered."
                )
            }
        )


@transaction.atomic
def register_session(
    user,
    order_line: OrderLine,
    *,
    date,
    hours=Decimal("0"),
    description: str = "",
    attendance=(),
    confirm_exceeding: bool = False,
    request=None,
) -> Session:
    """Register a session with its attendance: `attendance` is a list of
    (enrolment, hours or None). Raises ExceedsOrder, saving nothing, when the
    session would exceed the ordered units or budget and it is not confirmed."""
    order = order_line.order
    require_ngo_worker(user, order.ngo)
    _require_month_open(order, date)
    session = Session(
        order_line=order_line,
        date=date,
        hours=hours,
        description=description,
        registered_by=user,
    )
    # The date rules first (not in the future, within the ordered period):
    # what is refused anyway is not put to the user to confirm.
    session.full_clean()
    attendance = list(attendance)
    for enrolment, _own in attendance:
        if enrolment.order_line_id != order_line.pk:
            raise ValidationError(
                {
                    "attendance": _("%(person)s is not enrolled in this service.")
                    % {"person": enrolment.person}
                }
            )
        if enrolment.ended_on and enrolment.ended_on < date:
            raise ValidationError(
                {
                    "attendance": _("The enrolment of %(person)s ended before this date.")
                    % {"person": enrolment.person}
                }
            )
    units = units_for_session(order_line, date, hours, attendance)
    warnings = check_exceeding(order_line, units)
    if warnings and not confirm_exceeding:
        raise ExceedsOrder({"confirm_exceeding": warnings}, code="exceeds_order")
    session.units = units
    session.over_order_confirmed = bool(warnings)
    save_audited(user, session, request=request)
    for enrolment, own in attendance:
        save_audited(
            user, Attendance(session=session, enrolment=enrolment, hours=own), request=request
        )
    return session


@transaction.atomic
def delete_session(user, session: Session, *, request=None) -> None:
    require_ngo_worker(user, session.order_line.order.ngo)
    if session.invoice_lines.exists():
        raise ValidationError(_("This session is on an invoice and cannot be deleted."))
    for attendance in session.attendances.all():
        audit.record(
            user,
            AuditAction.DELETE,
            attendance,
            changes=audit.snapshot(attendance),
            request=request,
        )
    audit.record(
        user, AuditAction.DELETE, session, changes=audit.snapshot(session), request=request
    )
    session.delete()


# --- invoices --------------------------------------------------------------------


@transaction.atomic
def generate_invoice(
    user, order: Order, month: datetime.date, *, interim: bool = False, request=None
) -> Invoice:
    """Build (or rebuild, while draft) the invoice of `order` for the calendar
    month of `month`: one line per ordered service with delivery in that month,
    units × unit price rounded half-up per line. A month that has not ended
    yet is invoiced only as an interim invoice (Invoice.clean)."""
    require_ngo_worker(user, order.ngo)
    start, end = _month_bounds(month)
    invoice = Invoice.objects.select_for_update().filter(order=order, month=start).first()
    if invoice is not None and invoice.status != InvoiceStatus.DRAFT:
        raise ValidationError(_("The invoice for this month has already been sent."))
    invoice = invoice or Invoice(order=order, month=start, number=f"{order.number}-{start:%Y%m}")
    invoice.interim = interim
    # The invoice's own rules first (has the month ended?), before its lines.
    invoice.full_clean()
    if invoice.pk is not None:
        for line in invoice.lines.all():
            audit.record(
                user, AuditAction.DELETE, line, changes=audit.snapshot(line), request=request
            )
            line.delete()
    lines = []
    for order_line in order.lines.select_related("service").order_by("id"):
        sessions = list(order_line.sessions.filter(date__range=(start, end)).order_by("date", "id"))
        units = sum((s.units for s in sessions), Decimal("0"))
        if not sessions or units == 0:
            continue
        lines.append((order_line, sessions, units))
    if not lines:
        raise ValidationError(
            _("No delivery is registered for this order in %(month)s.")
            % {"month": month_name(start, get_language())}
        )
    invoice.total = Decimal("0.00")
    save_audited(user, invoice, request=request)
    total = Decimal("0.00")
    for order_line, sessions, units in lines:
        line = InvoiceLine(
            invoice=invoice,
            order_line=order_line,
            description=order_line.service.title("nl"),
            units=units,
            unit_price=order_line.unit_price,
            amount=round_cents(units * order_line.unit_price),
        )
        save_audited(
            user, line, request=request, extra_changes={"sessions": [s.pk for s in sessions]}
        )
        line.sessions.set(sessions)
        total += line.amount
    invoice.total = total
    return save_audited(user, invoice, request=request)


@transaction.atomic
def send_invoice(user, invoice: Invoice, *, request=None) -> Invoice:
    require_ngo_worker(user, invoice.order.ngo)
    if invoice.status != InvoiceStatus.DRAFT:
        raise ValidationError(_("Only a draft invoice can be sent."))
    return _set_status(user, invoice, request, status=InvoiceStatus.SENT, sent_at=timezone.now())


def _decide(user, line: InvoiceLine, request, action, **values) -> InvoiceLine:
    invoice = Invoice.objects.select_for_update().get(pk=line.invoice_id)
    require_municipal_approver(user, invoice.order.municipality)
    if invoice.status == InvoiceStatus.DRAFT:
        raise ValidationError(_("The invoice has not been sent yet."))
    line = InvoiceLine.objects.select_for_update().get(pk=line.pk)
    if line.status != LineStatus.OPEN:
        raise ValidationError(_("This line has already been decided."))
    _set_status(
        user, line, request, action=action, decided_at=timezone.now(), decided_by=user, **values
    )
    if not invoice.lines.filter(status=LineStatus.OPEN).exists():
        _set_status(user, invoice, request, status=InvoiceStatus.SETTLED)
    return line


@transaction.atomic
def approve_invoice_line(user, line: InvoiceLine, *, request=None) -> InvoiceLine:
    return _decide(user, line, request, AuditAction.APPROVE, status=LineStatus.APPROVED)


@transaction.atomic
def dispute_invoice_line(user, line: InvoiceLine, *, reason: str, request=None) -> InvoiceLine:
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason for disputing the line.")})
    return _decide(
        user,
        line,
        request,
        AuditAction.UPDATE,
        status=LineStatus.DISPUTED,
        dispute_reason=reason.strip(),
    )


def record_export(user, obj, fmt: str, request=None) -> None:
    audit.record(user, AuditAction.EXPORT, obj, changes={"format": fmt}, request=request)
