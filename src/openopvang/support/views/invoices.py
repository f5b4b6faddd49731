"""Monthly invoices: generate, check line by line, approve or dispute, download."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openopvang.accounts.permissions import can_manage_organisation
from openopvang.core.documents import PDF, XLSX, file_response
from openopvang.core.mixins import isolation_model

from .. import permissions, selectors, services
from ..documents import invoice_pdf, invoice_xlsx, missing_details
from ..forms import InvoiceGenerateForm, ReasonForm
from ..models import PAYMENT_TERM_DAYS, Invoice, InvoiceLine, Order
from .common import record_participants, show_errors
from .orders import _order


@isolation_model(Order)
@login_required
@require_POST
def invoice_generate(request, pk):
    order = _order(request, pk)
    form = InvoiceGenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the month as YYYY-MM."))
        return redirect(order)
    try:
        invoice = services.generate_invoice(
            request.user,
            order,
            form.cleaned_data["month"],
            interim=form.cleaned_data["interim"],
            request=request,
        )
    except ValidationError as error:
        show_errors(request, error)
        return redirect(order)
    return redirect(invoice)


def _invoice(request, pk):
    return get_object_or_404(
        selectors.invoices_for(request.user).prefetch_related("lines__order_line__service"), pk=pk
    )


def _invoice_context(user, invoice, missing):
    """What the invoice page and its send check both show."""
    return {
        "invoice": invoice,
        "lines": invoice.lines.all(),
        "municipality": invoice.order.municipality,
        "missing_details": [text for _organisation, text in missing],
        "can_send": invoice.status == "draft"
        and permissions.is_ngo_worker(user, invoice.order.ngo),
    }


@isolation_model(Invoice)
@login_required
def invoice_detail(request, pk):
    user = request.user
    invoice = _invoice(request, pk)
    missing = missing_details(invoice)
    return render(
        request,
        "support/invoice_detail.html",
        {
            **_invoice_context(user, invoice, missing),
            "ngo": invoice.order.ngo,
            "payment_term_days": PAYMENT_TERM_DAYS,
            "can_complete_details": any(
                can_manage_organisation(user, organisation) for organisation, _text in missing
            ),
            "can_decide": invoice.status != "draft"
            and permissions.is_municipal_approver(user, invoice.order.municipality),
            "dispute_form": ReasonForm(),
        },
    )


@isolation_model(Invoice)
@login_required
@require_POST
def invoice_action(request, pk, action):
    user = request.user
    invoice = _invoice(request, pk)
    try:
        if action in ("approve", "dispute"):
            line = get_object_or_404(invoice.lines.all(), pk=request.POST.get("line"))
            if action == "approve":
                services.approve_invoice_line(user, line, request=request)
            else:
                services.dispute_invoice_line(
                    user, line, reason=request.POST.get("reason", ""), request=request
                )
        else:
            raise Http404
    except ValidationError as error:
        show_errors(request, error)
    return redirect(invoice)


@isolation_model(Invoice)
@login_required
def invoice_send(request, pk):
    """Check your answers, then send: once sent the invoice cannot be changed,
    and the municipality decides on its lines."""
    user = request.user
    invoice = _invoice(request, pk)
    if request.method == "POST":
        try:
            services.send_invoice(user, invoice, request=request)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("The invoice has been sent."))
        return redirect(invoice)
    today = timezone.localdate()
    return render(
        request,
        "support/invoice_send.html",
        {
            **_invoice_context(user, invoice, missing_details(invoice)),
            "invoice_date": today,
            "due_date": today + datetime.timedelta(days=PAYMENT_TERM_DAYS),
        },
    )


@isolation_model(Invoice)
@login_required
def invoice_download(request, pk, fmt):
    invoice = _invoice(request, pk)
    services.record_export(request.user, invoice, fmt, request=request)
    if fmt == "pdf":
        content, content_type = invoice_pdf(invoice), PDF
    elif fmt == "xlsx":
        content, content_type = invoice_xlsx(invoice), XLSX
    else:
        raise Http404
    return file_response(content, content_type=content_type, filename=f"{invoice.number}.{fmt}")


@isolation_model(InvoiceLine)
@login_required
def invoice_line_detail(request, pk):
    """The delivery records (sessions and attendance) an invoice line is built from."""
    line = get_object_or_404(selectors.invoice_lines_for(request.user), pk=pk)
    sessions = line.sessions.order_by("date", "id").prefetch_related(
        "attendances__enrolment__person"
    )
    record_participants(
        request,
        "support.InvoiceLine",
        [a.enrolment.person_id for s in sessions for a in s.attendances.all()],
        line=line.pk,
    )
    return render(
        request,
        "support/invoice_line_detail.html",
        {"line": line, "invoice": line.invoice, "sessions": sessions},
    )
