"""A year's declaration: the index of years, the live draft with everything
around it, exports, submitting and correcting, and the offline document."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from openopvang.core.documents import file_response
from openopvang.core.mixins import StaffRequiredMixin, add_validation_error
from openopvang.parameters import missing
from openopvang.parameters.services import current_parameters
from openopvang.rules.engine import law
from openopvang.rules.engine.errors import RulesError

from .. import documents, selectors, services
from ..diff import diff
from ..figures import DeclarationData, compute
from ..forms import CorrectionForm
from .common import (
    FORMATS,
    DeclarationMixin,
    FinanceMixin,
    rules_error_context,
    year_choices,
)


class IndexView(StaffRequiredMixin, TemplateView):
    template_name = "declarations/index.html"

    def get(self, request, *args, **kwargs):
        organisation = request.user.organisation
        if organisation is not None and organisation.is_national:
            return HttpResponseRedirect(reverse("declarations:national"))
        selectors.own_municipality(request.user)
        year = request.GET.get("year", "")
        if year.isdigit() and int(year) in year_choices():
            return HttpResponseRedirect(reverse("declarations:year", args=[int(year)]))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            years=year_choices(),
            current_year=timezone.localdate().year,
            declarations=selectors.declarations(self.request.user),
            advances=selectors.advance_requests(self.request.user),
            **kwargs,
        )


class YearView(DeclarationMixin, TemplateView):
    """The live draft of a year, with everything around it."""

    template_name = "declarations/year.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        versions = list(selectors.declarations(user, self.year).order_by("version"))
        latest = versions[-1] if versions else None
        if latest is not None and "data" in context:
            context["changes"] = diff(DeclarationData.from_declaration(latest), context["data"])
        context.update(
            years=year_choices(),
            versions=versions,
            latest=latest,
            cost_lines=selectors.cost_lines(user, self.year),
            settings=services.year_settings(self.municipality, self.year),
            advance=selectors.advance_requests(user, self.year).first(),
            deadline=services.advance_deadline(self.year),
            actual_cost_from=law.actual_cost_from(current_parameters()),
        )
        return context


class ExportView(DeclarationMixin, View):
    def get(self, request, *args, fmt, **kwargs):
        if fmt not in FORMATS:
            raise Http404
        try:
            data = self.get_data()
        except RulesError as error:
            messages.error(request, missing.rules_error_html(error, request.user))
            return HttpResponseRedirect(reverse("declarations:year", args=[self.year]))
        if fmt == "xlsx":
            body = documents.to_xlsx(data, self.municipality)
        elif fmt == "pdf":
            body = documents.to_pdf(data, self.municipality)
        else:
            body = documents.to_csv(data)
        services.record_export(
            request.user,
            self.municipality,
            self.year,
            fmt,
            declaration=self.declaration,
            request=request,
        )
        return file_response(
            body,
            content_type=FORMATS[fmt],
            filename=documents.filename(data, self.municipality, fmt),
        )


class SubmitView(FinanceMixin, TemplateView):
    template_name = "declarations/submit.html"

    def get_context_data(self, **kwargs):
        kwargs.update(year=self.year, municipality=self.municipality)
        context = super().get_context_data(**kwargs)
        try:
            data = compute(self.municipality, self.year)
        except RulesError as error:
            context.update(rules_error_context(error, self.request.user))
        else:
            context.update(data=data, components=data.components())
        context["submitted"] = services.versions(self.municipality, self.year).exists()
        return context

    def post(self, request, *args, **kwargs):
        try:
            expected = Decimal(request.POST.get("expected_total", ""))
        except InvalidOperation:
            expected = None  # a form from before the check step: submit what is computed
        try:
            declaration = services.submit(
                request.user,
                self.municipality,
                self.year,
                expected_total=expected,
                request=request,
            )
        except RulesError as error:
            messages.error(request, missing.rules_error_html(error, request.user))
            return HttpResponseRedirect(self.year_url())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(request.path)
        messages.success(
            request,
            _("The declaration for %(year)s has been submitted (version 1).") % {"year": self.year},
        )
        return HttpResponseRedirect(reverse("declarations:version_page", args=[declaration.pk]))


class CorrectView(FinanceMixin, TemplateView):
    template_name = "declarations/correct.html"

    def get_context_data(self, form=None, **kwargs):
        kwargs.update(year=self.year, municipality=self.municipality, form=form or CorrectionForm())
        context = super().get_context_data(**kwargs)
        latest = services.versions(self.municipality, self.year).last()
        if latest is None:
            raise Http404
        context["latest"] = latest
        try:
            context["changes"] = diff(
                DeclarationData.from_declaration(latest), compute(self.municipality, self.year)
            )
        except RulesError as error:
            context.update(rules_error_context(error, self.request.user))
        return context

    def post(self, request, *args, **kwargs):
        form = CorrectionForm(request.POST)
        if form.is_valid():
            try:
                declaration = services.correct(
                    request.user,
                    self.municipality,
                    self.year,
                    form.cleaned_data["reason"],
                    request=request,
                )
            except RulesError as error:
                form.add_error(None, missing.rules_error_html(error, request.user))
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("Correction version %(version)s has been submitted.")
                    % {"version": declaration.version},
                )
                return HttpResponseRedirect(
                    reverse("declarations:version_page", args=[declaration.pk])
                )
        return self.render_to_response(self.get_context_data(form=form))
