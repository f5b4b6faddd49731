"""Orders, their participants and sessions."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openopvang.core.formatting import long_date
from openopvang.core.mixins import add_validation_error, isolation_model
from openopvang.registry.forms import is_picker_search, picker_context
from openopvang.registry.selectors import pick_persons

from .. import permissions, selectors, services
from ..forms import EndEnrolmentForm, EnrolForm, InvoiceGenerateForm, SessionForm
from ..models import Enrolment, Order, OrderLine, Session
from .common import record_participants, show_errors


def _order(request, pk):
    return get_object_or_404(selectors.orders_for(request.user), pk=pk)


def _last_month() -> datetime.date:
    """The month an invoice is usually made for: the last one that has ended."""
    return (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


@isolation_model(Order)
@login_required
def order_detail(request, pk):
    user = request.user
    order = _order(request, pk)
    usage = services.order_usage(order)
    can_enrol = permissions.can_enrol(user, order)
    enrol_form = None
    target_group_warnings = []
    is_ngo = permissions.is_ngo_worker(user, order.ngo)
    if can_enrol:
        enrol_form = _enrol_form(request, order, identifying=not is_ngo)
        if request.method == "POST" and enrol_form.is_bound and enrol_form.is_valid():
            try:
                services.enrol(
                    user,
                    enrol_form.cleaned_data["order_line"],
                    enrol_form.cleaned_data["person"],
                    enrolled_on=enrol_form.cleaned_data["enrolled_on"],
                    confirm_outside_target_group=enrol_form.cleaned_data[
                        "confirm_outside_target_group"
                    ],
                    request=request,
                )
            except services.OutsideTargetGroup as error:
                target_group_warnings = error.messages
            except ValidationError as error:
                add_validation_error(enrol_form, error)
            else:
                messages.success(request, _("The person has been enrolled."))
                return redirect(order)
    if enrol_form is not None and enrol_form.fields["person"].shown:
        # The person picker shows the persons it found (names; for the
        # municipality also birth date and part of the BSN).
        record_participants(
            request,
            "support.Order",
            [person.pk for person in enrol_form.fields["person"].shown],
            order=order.number,
        )
    return render(
        request,
        "support/order_detail.html",
        {
            "order": order,
            "usage": usage,
            "enrol_form": enrol_form,
            "target_group_warnings": target_group_warnings,
            "is_ngo_worker": is_ngo,
            "invoice_form": InvoiceGenerateForm(initial={"month": _last_month()})
            if is_ngo
            else None,
            "invoices": selectors.invoices_for(user).filter(order=order),
            "sessions": selectors.sessions_for(user).filter(order_line__order=order)[:100],
        },
    )


def _enrol_form(request, order, *, identifying):
    """The enrolment form; posted with the picker's Search button (no
    JavaScript) it only shows the matches, keeping what was typed."""
    data = request.POST if request.method == "POST" else None
    searching = data is not None and is_picker_search(data)
    line_id = (data or request.GET).get("order_line")
    return EnrolForm(
        None if searching else data,
        initial=data.dict() if searching else None,
        order=order,
        persons=selectors.enrol_candidates(request.user, order, identifying=identifying),
        offered=selectors.enrol_candidates(request.user, order, line_id, identifying=identifying),
        search_url=reverse("support:enrol_person_search", args=[order.pk]),
        identifying=identifying,
    )


@isolation_model(Order)
@login_required
def enrol_person_search(request, pk):
    """The person picker's matches for the enrolment form (htmx), without
    those already enrolled in the chosen service; audited."""
    order = _order(request, pk)
    permissions.require_can_enrol(request.user, order)
    identifying = not permissions.is_ngo_worker(request.user, order.ngo)
    persons = selectors.enrol_candidates(
        request.user, order, request.GET.get("order_line"), identifying=identifying
    )
    query = request.GET.get("person_search", "")
    results, more = pick_persons(persons, query, identifying=identifying)
    record_participants(request, "support.Order", [p.pk for p in results], order=order.number)
    picker = picker_context("person", "id_person", query, results, more, identifying)
    return render(request, "registry/partials/person_picker_results.html", {"picker": picker})


@isolation_model(Order)
@login_required
def participants(request, pk):
    """The participants of an order with only the fields an NGO needs."""
    order = _order(request, pk)
    rows = selectors.participants_for(request.user, order=order)
    enrolments = (
        selectors.enrolments_for(request.user)
        .filter(order_line__order=order)
        .prefetch_related("order_line__service__texts")
    )
    enrolments_by_person: dict[int, list[Enrolment]] = {}
    for enrolment in enrolments:
        enrolments_by_person.setdefault(enrolment.person_id, []).append(enrolment)
    for row in rows:
        row["enrolments"] = enrolments_by_person.get(row["id"], [])
    record_participants(request, "registry.Person", [row["id"] for row in rows], order=order.number)
    return render(
        request,
        "support/participants.html",
        {
            "order": order,
            "participants": rows,
            "can_enrol": permissions.can_enrol(request.user, order),
        },
    )


@isolation_model(Enrolment)
@login_required
def enrolment_end(request, pk):
    """End an enrolment (its last day), reached from the participants page."""
    user = request.user
    enrolment = get_object_or_404(selectors.enrolments_for(user), pk=pk)
    order = enrolment.order_line.order
    permissions.require_can_enrol(user, order)
    form = EndEnrolmentForm(
        request.POST or None,
        initial={"ended_on": enrolment.ended_on or timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.end_enrolment(
                user, enrolment, ended_on=form.cleaned_data["ended_on"], request=request
            )
        except ValidationError as error:
            enrolment.refresh_from_db()
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                _("The enrolment of %(person)s in %(service)s ends on %(date)s.")
                % {
                    "person": enrolment.person.full_name,
                    "service": enrolment.order_line.service.title(),
                    "date": long_date(enrolment.ended_on, translation.get_language()),
                },
            )
            return redirect("support:participants", order.pk)
    record_participants(request, "support.Enrolment", [enrolment.person_id], order=order.number)
    return render(
        request,
        "support/enrolment_end.html",
        {"form": form, "enrolment": enrolment, "order": order},
    )


@isolation_model(OrderLine)
@login_required
def session_create(request, pk):
    user = request.user
    line = get_object_or_404(selectors.order_lines_for(user), pk=pk)
    permissions.require_ngo_worker(user, line.order.ngo)
    form = SessionForm(request.POST or None, order_line=line)
    warnings = []
    if request.method == "POST" and form.is_valid():
        try:
            services.register_session(
                user,
                line,
                date=form.cleaned_data["date"],
                hours=form.cleaned_data["hours"],
                description=form.cleaned_data["description"],
                attendance=form.attendance_rows(),
                confirm_exceeding=form.cleaned_data["confirm_exceeding"],
                request=request,
            )
        except services.ExceedsOrder as error:
            warnings = error.messages
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The session has been registered."))
            return redirect(line.order)
    record_participants(
        request, "support.OrderLine", [e.person_id for e in form.enrolments], order_line=line.pk
    )
    return render(
        request,
        "support/session_form.html",
        {
            "form": form,
            "line": line,
            "usage": services.line_usage(line),
            "warnings": warnings,
        },
    )


@isolation_model(Session)
@login_required
@require_POST
def session_delete(request, pk):
    session = get_object_or_404(selectors.sessions_for(request.user), pk=pk)
    order = session.order_line.order
    try:
        services.delete_session(request.user, session, request=request)
    except ValidationError as error:
        show_errors(request, error)
    return redirect(order)
