"""Maatwerk reductions of a household's eigen bijdrage."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from openopvang.core.mixins import add_validation_error

from .. import services
from ..forms import ReductionForm
from ..models import EigenBijdrageReduction
from .collection import CollectionView
from .common import MunicipalMixin


class ReductionCreateView(MunicipalMixin, View):
    def post(self, request):
        form = ReductionForm(request.POST, user=request.user)
        if form.is_valid():
            reduction = form.save(commit=False)
            try:
                services.save_reduction(request.user, reduction, request=request)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The reduction was saved."))
                return HttpResponseRedirect(
                    f"{reverse('allowances:collection')}?month={reduction.month:%Y-%m}"
                )
        view = CollectionView()
        view.setup(request)
        view.municipality = self.municipality
        return render(
            request,
            CollectionView.template_name,
            view.get_context_data(reduction_form=form),
            status=400,
        )


class ReductionDeleteView(MunicipalMixin, View):
    isolation_model = EigenBijdrageReduction

    def post(self, request, pk):
        reduction = get_object_or_404(EigenBijdrageReduction.objects.for_user(request.user), pk=pk)
        month = reduction.month
        services.delete_reduction(request.user, reduction, request=request)
        messages.success(request, _("The reduction was removed."))
        return HttpResponseRedirect(f"{reverse('allowances:collection')}?month={month:%Y-%m}")
