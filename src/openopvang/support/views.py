"""Web pages of the support-services capability: thin views over selectors
(scoped reads, 404 for other organisations) and services (audited changes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openopvang.accounts.models import Organisation
from openopvang.audit import services as audit
from openopvang.core.documents import PDF, XLSX, file_response
from openopvang.core.mixins import isolation_model

from . import permissions, selectors, services
from .documents import invoice_pdf, invoice_xlsx
from .forms import (
    EnrolForm,
    InvoiceGenerateForm,
    OfferForm,
    OfferLineForm,
    ReasonForm,
    ServiceForm,
    SessionForm,
)
from .models import (
    Invoice,
    InvoiceLine,
    Language,
    Offer,
    OfferStatus,
    Order,
    OrderLine,
    Service,
    Session,
)


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _record_participants(request, obj_type: str, person_ids, **extra) -> None:
    """A view of participants' personal data (names, contact details): one
    audited read naming the persons shown (audit.services.record_read)."""
    audit.record_read(
        request.user,
        [("registry.Person", pk) for pk in sorted({pk for pk in person_ids if pk is not None})],
        object_type=obj_type,
        request=request,
        extra=extra,
    )


@login_required
def index(request):
    user = request.user
    return render(
        request,
        "support/index.html",
        {
            "offers": selectors.offers_for(user)[:50],
            "orders": selectors.orders_for(user)[:50],
            "invoices": selectors.invoices_for(user)[:50],
            "is_ngo_worker": permissions.is_ngo_worker(user),
        },
    )


# --- catalogue ---------------------------------------------------------------


@login_required
def service_list(request):
    return render(
        request,
        "support/service_list.html",
        {
            "services": selectors.services_for(request.user),
            "is_ngo_worker": permissions.is_ngo_worker(request.user),
        },
    )


@isolation_model(Service)
@login_required
def service_edit(request, pk=None):
    user = request.user
    if pk is None:
        permissions.require_ngo_worker(user)
        service = Service(provider=user.organisation)
    else:
        service = get_object_or_404(selectors.own_services(user), pk=pk)
        permissions.require_ngo_worker(user, service.provider)
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_service(user, form.apply(service), form.texts(), request=request)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The service has been saved."))
            return redirect("support:service_list")
    return render(
        request,
        "support/service_form.html",
        {"form": form, "service": service, "languages": Language.choices},
    )


# --- offers ------------------------------------------------------------------


@login_required
def offer_create(request):
    permissions.require_ngo_worker(request.user)
    form = OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.create_offer(
                request.user,
                municipality=form.cleaned_data["municipality"],
                title=form.cleaned_data["title"],
                notes=form.cleaned_data["notes"],
                request=request,
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            return redirect(offer)
    return render(request, "support/offer_form.html", {"form": form})


@isolation_model(Offer)
@login_required
def offer_detail(request, pk):
    user = request.user
    offer = get_object_or_404(
        selectors.offers_for(user).prefetch_related("lines__service__texts"), pk=pk
    )
    can_edit = offer.status == OfferStatus.DRAFT and permissions.is_ngo_worker(user, offer.ngo)
    can_decide = offer.status == OfferStatus.SENT and permissions.is_municipal_buyer(
        user, offer.municipality
    )
    line_form = OfferLineForm(request.POST or None, provider=offer.ngo) if can_edit else None
    decline_form = ReasonForm() if can_decide else None
    if request.method == "POST" and line_form is not None and line_form.is_valid():
        try:
            services.add_offer_line(user, offer, request=request, **line_form.cleaned_data)
        except ValidationError as error:
            _errors(request, error)
        else:
            return redirect(offer)
    return render(
        request,
        "support/offer_detail.html",
        {
            "offer": offer,
            "lines": offer.lines.all(),
            "line_form": line_form,
            "decline_form": decline_form,
            "can_edit": can_edit,
            "can_decide": can_decide,
            "order": getattr(offer, "order", None)
            if offer.status == OfferStatus.ACCEPTED
            else None,
        },
    )


@isolation_model(Offer)
@login_required
@require_POST
def offer_action(request, pk, action):
    user = request.user
    offer = get_object_or_404(selectors.offers_for(user), pk=pk)
    try:
        if action == "send":
            services.send_offer(user, offer, request=request)
            messages.success(request, _("The offer has been sent to the municipality."))
        elif action == "accept":
            order = services.accept_offer(user, offer, request=request)
            messages.success(
                request,
                _("The offer has been accepted: order %(number)s.") % {"number": order.number},
            )
            return redirect(order)
        elif action == "decline":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give a reason for declining the offer."))
            services.decline_offer(user, offer, reason=form.cleaned_data["reason"], request=request)
            messages.success(request, _("The offer has been declined."))
        elif action == "delete-line":
            line = get_object_or_404(offer.lines.all(), pk=request.POST.get("line"))
            services.delete_offer_line(user, line, request=request)
        else:
            raise Http404
    except ValidationError as error:
        _errors(request, error)
    return redirect(offer)


# --- orders, enrolment, participants --------------------------------------------


def _order(request, pk):
    return get_object_or_404(selectors.orders_for(request.user), pk=pk)


@isolation_model(Order)
@login_required
def order_detail(request, pk):
    user = request.user
    order = _order(request, pk)
    usage = services.order_usage(order)
    can_enrol = permissions.can_enrol(user, order)
    enrol_form = None
    if can_enrol:
        persons = selectors.enrollable_persons(user, order)
        enrol_form = EnrolForm(request.POST or None, order=order, persons=persons)
        if request.method == "POST" and enrol_form.is_valid():
            try:
                services.enrol(
                    user,
                    enrol_form.cleaned_data["order_line"],
                    enrol_form.cleaned_data["person"],
                    enrolled_on=enrol_form.cleaned_data["enrolled_on"],
                    request=request,
                )
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(request, _("The person has been enrolled."))
                return redirect(order)
    is_ngo = permissions.is_ngo_worker(user, order.ngo)
    if is_ngo and enrol_form is not None:
        # The NGO sees the names of its participants in the enrolment form.
        _record_participants(
            request,
            "support.Order",
            enrol_form.fields["person"].queryset.values_list("id", flat=True),
            order=order.number,
        )
    return render(
        request,
        "support/order_detail.html",
        {
            "order": order,
            "usage": usage,
            "enrol_form": enrol_form,
            "is_ngo_worker": is_ngo,
            "invoice_form": InvoiceGenerateForm(initial={"month": timezone.localdate()})
            if is_ngo
            else None,
            "invoices": selectors.invoices_for(user).filter(order=order),
            "sessions": selectors.sessions_for(user).filter(order_line__order=order)[:100],
        },
    )


@isolation_model(Order)
@login_required
def participants(request, pk):
    """The participants of an order with only the fields an NGO needs."""
    order = _order(request, pk)
    rows = selectors.participants_for(request.user, order=order)
    enrolments = selectors.enrolments_for(request.user).filter(order_line__order=order)
    services_by_person: dict[int, list[str]] = {}
    for enrolment in enrolments:
        services_by_person.setdefault(enrolment.person_id, []).append(
            enrolment.order_line.service.title()
        )
    for row in rows:
        row["services"] = services_by_person.get(row["id"], [])
    _record_participants(
        request, "registry.Person", [row["id"] for row in rows], order=order.number
    )
    return render(request, "support/participants.html", {"order": order, "participants": rows})


# --- delivery ------------------------------------------------------------------


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
            _errors(request, error)
        else:
            messages.success(request, _("The session has been registered."))
            return redirect(line.order)
    _record_participants(
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
        _errors(request, error)
    return redirect(order)


# --- invoices -------------------------------------------------------------------


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
            request.user, order, form.cleaned_data["month"], request=request
        )
    except ValidationError as error:
        _errors(request, error)
        return redirect(order)
    return redirect(invoice)


def _invoice(request, pk):
    return get_object_or_404(
        selectors.invoices_for(request.user).prefetch_related("lines__order_line__service"), pk=pk
    )


@isolation_model(Invoice)
@login_required
def invoice_detail(request, pk):
    user = request.user
    invoice = _invoice(request, pk)
    return render(
        request,
        "support/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.all(),
            "can_send": invoice.status == "draft"
            and permissions.is_ngo_worker(user, invoice.order.ngo),
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
        if action == "send":
            services.send_invoice(user, invoice, request=request)
            messages.success(request, _("The invoice has been sent."))
        elif action in ("approve", "dispute"):
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
        _errors(request, error)
    return redirect(invoice)


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
    _record_participants(
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


# --- public page -----------------------------------------------------------------

PUBLIC_LANGUAGES = [code for code, _name in Language.choices]


def public_services(request, code):
    """Services the municipality has ordered today, in Dutch, English or
    Ukrainian. No login, no personal data."""
    municipality = get_object_or_404(Organisation.objects.municipalities(), code=code.upper())
    language = request.GET.get("lang") or translation.get_language() or "nl"
    language = language[:2] if language[:2] in PUBLIC_LANGUAGES else "nl"
    today = timezone.localdate()
    with translation.override(language):
        rows = selectors.public_services(municipality, today, language)
        response = render(
            request,
            "support/public_services.html",
            {
                "municipality": municipality,
                "rows": rows,
                "language": language,
                "languages": Language.choices,
                "today": today,
            },
        )
    response["Content-Language"] = language
    return response
