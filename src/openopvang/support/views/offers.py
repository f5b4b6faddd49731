"""Offers: an NGO proposes, the municipality accepts or declines."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openopvang.core.mixins import isolation_model

from .. import permissions, selectors, services
from ..forms import OfferForm, OfferLineForm, ReasonForm
from ..models import Offer, OfferStatus
from .common import show_errors


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
            show_errors(request, error)
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
            show_errors(request, error)
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
        show_errors(request, error)
    return redirect(offer)
