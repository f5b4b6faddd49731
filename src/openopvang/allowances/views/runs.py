"""Payment runs: the list, create, check, prepare, approve and the downloads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from openopvang.audit import services as audit
from openopvang.core.documents import PDF, XLSX, file_response
from openopvang.core.mixins import add_validation_error
from openopvang.core.permissions import is_finance_of
from openopvang.parameters import missing
from openopvang.parameters.services import current_parameters
from openopvang.rules.engine.errors import RulesError

from .. import documents, reproduce, selectors, services
from ..forms import RunForm
from ..models import PaymentRun
from ..permissions import can_approve_run, can_prepare_run
from ..policies import policy_of
from ..runs import last_computable_month
from .common import MunicipalMixin, error_text

RUN_FORMATS = {
    "sepa": ("application/xml", "xml"),
    "xlsx": (XLSX, "xlsx"),
    "pdf": (PDF, "pdf"),
    "json": ("application/json", "json"),
}


class IndexView(MunicipalMixin, TemplateView):
    template_name = "allowances/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        runs = selectors.payment_runs(self.request.user)
        this_month = timezone.localdate().replace(day=1)
        computable = last_computable_month(current_parameters(), this_month)
        context.update(
            runs=runs,
            open_run=next((r for r in runs if r.is_open), None),
            form=kwargs.get("form")
            or RunForm(initial={"month": (computable or this_month).strftime("%Y-%m")}),
            policy=policy_of(self.municipality),
            computable_until=computable if computable != this_month else None,
            amounts_missing=computable is None,
        )
        return context


class RunCreateView(MunicipalMixin, View):
    def post(self, request):
        form = RunForm(request.POST)
        if form.is_valid():
            try:
                run = services.create_run(
                    request.user,
                    form.cleaned_data["month"],
                    execution_date=form.cleaned_data["execution_date"],
                    request=request,
                )
            except ValidationError as error:
                add_validation_error(form, error)
            except RulesError as error:
                form.add_error(None, missing.rules_error_html(error, request.user))
            else:
                messages.success(request, _("Draft run computed: check it, then prepare it."))
                return HttpResponseRedirect(reverse("allowances:run_detail", args=[run.pk]))
        view = IndexView()
        view.setup(request)
        view.municipality = self.municipality
        return render(
            request, IndexView.template_name, view.get_context_data(form=form), status=400
        )


class RunMixin(MunicipalMixin):
    isolation_model = PaymentRun

    def get_run(self):
        return get_object_or_404(selectors.payment_runs(self.request.user), pk=self.kwargs["pk"])


def _run_shown(items) -> list:
    return [
        *(("registry.Household", item.household_id) for item in items),
        *(("registry.Person", item.payee_id) for item in items),
    ]


class RunDetailView(RunMixin, TemplateView):
    template_name = "allowances/run_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.get_run()
        items = list(selectors.run_items(run))
        # Payee names and IBANs of every household: one audited read for the page.
        audit.record_read(self.request.user, _run_shown(items), obj=run, request=self.request)
        user = self.request.user
        context.update(
            run=run,
            items=items,
            corrections=sum(
                1 for item in items for line in item.lines.all() if line.kind == "correction"
            ),
            can_prepare=can_prepare_run(user, run),
            can_approve=can_approve_run(user, run),
            approve_blocked=run.status == "prepared" and run.prepared_by_id == user.pk,
            debtor_missing=not self.municipality.iban,
        )
        return context


class RunActionView(RunMixin, View):
    actions = {
        "recompute": services.recompute_run,
        "prepare": services.prepare_run,
        "approve": services.approve_run,
        "delete": services.delete_run,
    }
    done = {
        "recompute": gettext_lazy("Recomputed from the registry as it is now."),
        "prepare": gettext_lazy("Prepared: another finance officer can now approve the run."),
        "approve": gettext_lazy(
            "Approved: the run is frozen; download the SEPA file for the bank."
        ),
        "delete": gettext_lazy("The run was deleted."),
    }

    # Irreversible: first a page with what will happen and the totals (GET).
    checked_first = ("approve", "delete")

    def get(self, request, pk, action):
        if action not in self.checked_first:
            return HttpResponseNotAllowed(["POST"])
        run = self.get_run()
        user = request.user
        allowed = can_approve_run(user, run) if action == "approve" else run.is_open
        return render(
            request,
            "allowances/run_confirm.html",
            {
                "run": run,
                "action": action,
                "allowed": allowed and is_finance_of(user, run.municipality_id),
                "approve_blocked": action == "approve" and run.prepared_by_id == user.pk,
                "summary": selectors.run_summary(run),
                "debtor_iban": self.municipality.iban,
            },
        )

    def post(self, request, pk, action):
        if action not in self.actions:
            raise Http404
        run = self.get_run()
        try:
            self.actions[action](request.user, run, request=request)
        except ValidationError as error:
            messages.error(request, error_text(error))
        except RulesError as error:
            messages.error(request, missing.rules_error_html(error, request.user))
        else:
            messages.success(request, str(self.done[action]))
            if action == "delete":
                return HttpResponseRedirect(reverse("allowances:index"))
        return HttpResponseRedirect(reverse("allowances:run_detail", args=[run.pk]))


class RunExportView(RunMixin, View):
    def get(self, request, pk, fmt):
        if fmt not in RUN_FORMATS:
            raise Http404
        run = self.get_run()
        content_type, extension = RUN_FORMATS[fmt]
        if fmt == "json":  # scenario and parameters, to evaluate offline
            services.record_export(request.user, run, fmt, request=request)
            return file_response(
                reproduce.run_document_json(run),
                content_type=content_type,
                filename=reproduce.filename(run),
            )
        try:
            body = {
                "sepa": documents.to_sepa,
                "xlsx": documents.run_to_xlsx,
                "pdf": documents.run_to_pdf,
            }[fmt](run)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return HttpResponseRedirect(reverse("allowances:run_detail", args=[run.pk]))
        services.record_export(request.user, run, fmt, request=request)
        return file_response(
            body, content_type=content_type, filename=documents.filename(run, extension)
        )
