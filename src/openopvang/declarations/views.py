"""The finance officer's pages: a year's declaration (live draft or a
submitted version), drill-down from totals to lines to locations and persons,
exports, submitting and correcting, cost lines, the actual-cost choice, the
advance; and the national totals for the national organisation."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction
from openopvang.core.mixins import StaffRequiredMixin, add_validation_error
from openopvang.rules.engine.errors import MissingParameter, RulesError

from . import exports, selectors, services
from .computation import DeclarationData, compute, diff, label
from .forms import AdvanceRequestForm, CorrectionForm, CostLineForm, YearSettingsForm
from .models import AdvanceRequest, CostLine, Declaration, NationalRun, YearSettings
from .tasks import start_national_run

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}


def year_choices() -> list[int]:
    return list(range(2022, timezone.localdate().year + 2))


def check_year(year: int) -> int:
    if not 2022 <= year <= timezone.localdate().year + 1:
        raise Http404
    return year


def rules_error_context(error: RulesError) -> dict:
    parameter = getattr(error, "name", None) if isinstance(error, MissingParameter) else None
    return {
        "error": str(error),
        "error_parameter": parameter,
        "error_day": getattr(error, "day", None),
    }


class DeclarationMixin(StaffRequiredMixin):
    """Resolves the declaration of the page: the live draft of `year` for the
    user's municipality, or a submitted version (`pk`, scoped: 404 for
    anyone else)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.municipality = selectors.own_municipality(request.user)
            self.declaration = None
            if "pk" in kwargs:
                self.declaration = get_object_or_404(
                    selectors.declarations(request.user), pk=kwargs["pk"]
                )
                self.year = self.declaration.year
            else:
                self.year = check_year(kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_data(self) -> DeclarationData:
        if self.declaration is not None:
            return DeclarationData.from_declaration(self.declaration)
        return compute(self.municipality, self.year)

    isolation_model = Declaration  # a version's pk; a line index is a position in it

    def url(self, name: str, *args, query: dict | None = None) -> str:
        if self.declaration is not None:
            path = reverse(f"declarations:version_{name}", args=[self.declaration.pk, *args])
        else:
            path = reverse(f"declarations:draft_{name}", args=[self.year, *args])
        return f"{path}?{urlencode(query)}" if query else path

    def decorate(self, data: DeclarationData) -> dict:
        components = data.components()
        for row in components:
            row["url"] = self.url("lines", query={"component": row["component"]})
        months = data.months()
        for row in months:
            row["url"] = self.url("lines", query={"month": row["month"]})
        for line in data.lines():
            line["url"] = self.url("line", line["index"])
        return {
            "data": data,
            "components": components,
            "months": months,
            "lines_url": self.url("lines"),
            "export_urls": {fmt: self.url(f"export_{fmt}") for fmt in FORMATS},
            "status_text": exports.status_text(data),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            municipality=self.municipality,
            year=self.year,
            declaration=self.declaration,
            is_finance=self.request.user.is_finance,
        )
        try:
            context.update(self.decorate(self.get_data()))
        except RulesError as error:
            context.update(rules_error_context(error))
        return context


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
        )
        return context


class VersionView(DeclarationMixin, TemplateView):
    """A submitted version, from its stored snapshot, with the diff against
    the version before it."""

    template_name = "declarations/version.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        previous = self.declaration.previous
        if previous is not None:
            context["changes"] = diff(DeclarationData.from_declaration(previous), context["data"])
        context["versions"] = selectors.declarations(self.request.user, self.year).order_by(
            "version"
        )
        return context


class LinesView(DeclarationMixin, TemplateView):
    template_name = "declarations/lines.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        component = self.request.GET.get("component") or None
        month = self.request.GET.get("month") or None
        if "data" in context:
            context["lines"] = context["data"].lines_for(component, month)
        context.update(
            component=component,
            component_label=label(component) if component else "",
            month=month,
            back_url=self.url("page")
            if self.declaration
            else reverse("declarations:year", args=[self.year]),
        )
        return context


class LineView(DeclarationMixin, TemplateView):
    """One line: the explanation tree, the locations with their capacity
    periods, the persons behind a POO line (scoped names; the view is audited)
    and the source of a line another capability fed in."""

    template_name = "declarations/line.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "data" not in context:
            return context
        data = context["data"]
        line = data.line(self.kwargs["index"])
        if line is None:
            raise Http404
        user = self.request.user
        location_refs = [line["location"]] if line.get("location") else []
        explanation = line.get("explanation") or {}
        location_refs += [
            r
            for r in explanation.get("records", [])
            if r.startswith("L") and r not in location_refs
        ]
        registry_locations = selectors.locations_for(user, location_refs)
        locations = []
        for location_ref in location_refs:
            stored = data.scenario_location(location_ref) or {}
            pk = int(location_ref[1:])
            locations.append(
                {
                    "ref": location_ref,
                    "location": registry_locations.get(pk),
                    "kind": stored.get("kind"),
                    "capacity": stored.get("capacity", []),
                }
            )
        persons = selectors.persons_for(user, line["persons"]) if line["persons"] else []
        if persons:
            audit.record(
                user,
                AuditAction.VIEW,
                object_type="registry.Person",
                object_repr=_("Persons behind a declaration line"),
                changes={
                    "persons": [p["pk"] for p in persons],
                    "year": self.year,
                    "line": line["index"],
                },
                request=self.request,
            )
        context.update(
            line=line,
            locations=locations,
            persons=persons,
            back_url=self.url("lines", query={"component": line["component"]}),
        )
        return context


class ExportView(DeclarationMixin, View):
    def get(self, request, *args, fmt, **kwargs):
        if fmt not in FORMATS:
            raise Http404
        try:
            data = self.get_data()
        except RulesError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(reverse("declarations:year", args=[self.year]))
        if fmt == "xlsx":
            body = exports.to_xlsx(data, self.municipality)
        elif fmt == "pdf":
            body = exports.to_pdf(data, self.municipality)
        else:
            body = exports.to_csv(data)
        services.record_export(
            request.user,
            self.municipality,
            self.year,
            fmt,
            declaration=self.declaration,
            request=request,
        )
        response = HttpResponse(body, content_type=FORMATS[fmt])
        response["Content-Disposition"] = (
            f'attachment; filename="{exports.filename(data, self.municipality, fmt)}"'
        )
        return response


class FinanceMixin(StaffRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.municipality = selectors.own_municipality(request.user)
            if not request.user.is_finance:
                raise PermissionDenied(_("Only finance officers of the municipality can do this."))
            if "year" in kwargs:
                self.year = check_year(kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def year_url(self, year=None) -> str:
        return reverse("declarations:year", args=[year or self.year])


class SubmitView(FinanceMixin, TemplateView):
    template_name = "declarations/submit.html"

    def get_context_data(self, **kwargs):
        kwargs.update(year=self.year, municipality=self.municipality)
        context = super().get_context_data(**kwargs)
        try:
            context["data"] = compute(self.municipality, self.year)
        except RulesError as error:
            context.update(rules_error_context(error))
        return context

    def post(self, request, *args, **kwargs):
        try:
            declaration = services.submit(
                request.user, self.municipality, self.year, request=request
            )
        except RulesError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(self.year_url())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(self.year_url())
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
            context.update(rules_error_context(error))
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
                form.add_error(None, str(error))
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


class FormPageMixin(FinanceMixin):
    """A form page whose save goes through a declarations service."""

    template_name = "declarations/form_page.html"
    heading = ""

    def context(self, form, **extra):
        return {
            "form": form,
            "heading": self.heading,
            "year": self.year,
            "cancel_url": self.year_url(),
            **extra,
        }

    def render(self, form, **extra):
        from django.shortcuts import render

        return render(self.request, self.template_name, self.context(form, **extra))


class CostLineCreateView(FormPageMixin, View):
    @property
    def heading(self):
        return _("Add a cost line for %(year)s") % {"year": self.year}

    def get(self, request, *args, **kwargs):
        return self.render(CostLineForm(user=request.user))

    def post(self, request, *args, **kwargs):
        form = CostLineForm(request.POST, user=request.user)
        if form.is_valid():
            line = form.save(commit=False)
            line.municipality, line.year = self.municipality, self.year
            try:
                services.save_cost_line(request.user, line, request=request)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The cost line has been added."))
                return HttpResponseRedirect(self.year_url() + "#cost-lines")
        return self.render(form)


class CostLineUpdateView(FormPageMixin, View):
    isolation_model = CostLine

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.line = get_object_or_404(selectors.cost_lines(request.user), pk=kwargs["pk"])
            self.year = self.line.year
        return super().dispatch(request, *args, **kwargs)

    @property
    def heading(self):
        return _("Change a cost line of %(year)s") % {"year": self.year}

    def get(self, request, *args, **kwargs):
        return self.render(CostLineForm(instance=self.line, user=request.user), line=self.line)

    def post(self, request, *args, **kwargs):
        before = audit.snapshot(self.line)
        if "delete" in request.POST:
            services.delete_cost_line(request.user, self.line, request=request)
            messages.success(request, _("The cost line has been deleted."))
            return HttpResponseRedirect(self.year_url() + "#cost-lines")
        form = CostLineForm(request.POST, instance=self.line, user=request.user)
        if form.is_valid():
            try:
                services.save_cost_line(
                    request.user, form.save(commit=False), before=before, request=request
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The cost line has been changed."))
                return HttpResponseRedirect(self.year_url() + "#cost-lines")
        return self.render(form, line=self.line)


class YearSettingsView(FormPageMixin, View):
    @property
    def heading(self):
        return _("Actual GOO costs (art. 3 lid 2) for %(year)s") % {"year": self.year}

    def get_instance(self) -> YearSettings:
        return services.year_settings(self.municipality, self.year)

    def get(self, request, *args, **kwargs):
        return self.render(YearSettingsForm(instance=self.get_instance()))

    def post(self, request, *args, **kwargs):
        instance = self.get_instance()
        before = audit.snapshot(instance) if instance.pk else None
        form = YearSettingsForm(request.POST, instance=instance)
        if form.is_valid():
            try:
                services.save_year_settings(
                    request.user, form.save(commit=False), before=before, request=request
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The choice has been saved."))
                return HttpResponseRedirect(self.year_url())
        return self.render(form)


class AdvanceRequestView(FormPageMixin, View):
    template_name = "declarations/advance_form.html"

    @property
    def heading(self):
        return _("Request the advance for %(year)s") % {"year": self.year}

    def estimate(self):
        try:
            return compute(self.municipality, self.year).total, ""
        except RulesError as error:
            return None, str(error)

    def extra(self, estimate, error):
        return {
            "estimate": estimate,
            "estimate_error": error,
            "deadline": services.advance_deadline(self.year),
            "existing": selectors.advance_requests(self.request.user, self.year).first(),
        }

    def get(self, request, *args, **kwargs):
        estimate, error = self.estimate()
        form = AdvanceRequestForm(initial={"amount": estimate})
        return self.render(form, **self.extra(estimate, error))

    def post(self, request, *args, **kwargs):
        estimate, error = self.estimate()
        form = AdvanceRequestForm(request.POST)
        if form.is_valid():
            advance = form.save(commit=False)
            advance.municipality, advance.year, advance.estimate = (
                self.municipality,
                self.year,
                estimate,
            )
            try:
                services.request_advance(request.user, advance, request=request)
            except ValidationError as err:
                add_validation_error(form, err)
            else:
                messages.success(
                    request, _("The advance for %(year)s has been requested.") % {"year": self.year}
                )
                return HttpResponseRedirect(self.year_url())
        return self.render(form, **self.extra(estimate, error))


# -- national view ---------------------------------------------------------------------


class NationalMixin(StaffRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            organisation = request.user.organisation
            if not (request.user.is_superuser or (organisation and organisation.is_national)):
                raise PermissionDenied(_("Only the national organisation sees national totals."))
        return super().dispatch(request, *args, **kwargs)

    def selected_year(self) -> int:
        value = self.request.GET.get("year") or self.request.POST.get("year") or ""
        year = int(value) if value.isdigit() else timezone.localdate().year - 1
        return year if year in year_choices() else timezone.localdate().year - 1


def national_summary(run: NationalRun | None) -> dict:
    if run is None or run.status != "done":
        return {}
    components: dict[str, object] = {}
    from decimal import Decimal

    totals = {"goo_place_days": 0, "poo_person_months": 0, "total": Decimal("0.00")}
    rows = []
    for row in run.rows:
        row = dict(row)
        for component, amount in row["by_component"].items():
            components[component] = components.get(component, Decimal("0.00")) + Decimal(amount)
        if row["total"] is not None:
            totals["total"] += Decimal(row["total"])
            totals["goo_place_days"] += row["goo_place_days"]
            totals["poo_person_months"] += row["poo_person_months"]
        rows.append(row)
    from .computation import _ordered

    order = _ordered(components)
    for row in rows:
        row["amounts"] = [row["by_component"].get(c) for c in order]
    return {
        "rows": rows,
        "component_labels": [label(c) for c in order],
        "component_totals": [components[c] for c in order],
        "totals": totals,
    }


class NationalView(NationalMixin, TemplateView):
    template_name = "declarations/national.html"

    def get_context_data(self, **kwargs):
        year = self.selected_year()
        run = NationalRun.objects.filter(year=year).first()
        return super().get_context_data(
            year=year, years=year_choices(), run=run, **national_summary(run), **kwargs
        )

    def post(self, request, *args, **kwargs):
        year = self.selected_year()
        start_national_run(request.user, year)
        return HttpResponseRedirect(f"{reverse('declarations:national')}?year={year}")


class NationalProgressView(NationalMixin, TemplateView):
    """The progress box of the latest run for ?year=, polled by htmx."""

    template_name = "declarations/_national_progress.html"

    def get_context_data(self, **kwargs):
        year = self.selected_year()
        run = NationalRun.objects.filter(year=year).first()
        if run is None:
            raise Http404
        return super().get_context_data(run=run, year=year, **kwargs)


def today() -> datetime.date:
    return timezone.localdate()


__all__ = ["AdvanceRequest", "CostLine"]
