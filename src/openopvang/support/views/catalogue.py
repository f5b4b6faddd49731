"""An NGO's catalogue of services, with texts per language."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from openopvang.core.mixins import isolation_model

from .. import permissions, selectors, services
from ..forms import ServiceForm
from ..models import Language, Service
from .common import show_errors


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
            show_errors(request, error)
        else:
            messages.success(request, _("The service has been saved."))
            return redirect("support:service_list")
    return render(
        request,
        "support/service_form.html",
        {"form": form, "service": service, "languages": Language.choices},
    )
