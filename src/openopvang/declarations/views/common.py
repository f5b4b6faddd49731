"""What the declaration pages share: the declaration of the page (live
draft or submitted version), the finance-officer check, the form page, the
year check and how a rules error is shown."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode

from openopvang.core.documents import CSV, PDF, XLSX
from openopvang.core.mixins import StaffRequiredMixin
from openopvang.parameters import missing
from openopvang.rules.engine.errors import RulesError

from .. import documents, selectors
from ..figures import DeclarationData, compute
from ..models import Declaration
from ..permissions import can_change_declarations, require_finance_of
from ..years import is_valid_year, valid_years

FORMATS = {"xlsx": XLSX, "pdf": PDF, "csv": CSV}


def year_choices() -> list[int]:
    return list(valid_years())


def check_year(year: int) -> int:
    if not is_valid_year(year):
        raise Http404
    return year


def rules_error_context(error: RulesError, user=None) -> dict:
    """How declarations/_error.html shows a rules error: a missing parameter
    through parameters/_missing.html, any other error as the engine says it."""
    return missing.rules_error_context(error, user)


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
            "status_text": documents.status_text(data),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            municipality=self.municipality,
            year=self.year,
            declaration=self.declaration,
            is_finance=can_change_declarations(self.request.user, self.municipality),
        )
        try:
            context.update(self.decorate(self.get_data()))
        except RulesError as error:
            context.update(rules_error_context(error, self.request.user))
        return context


class FinanceMixin(StaffRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.municipality = selectors.own_municipality(request.user)
            require_finance_of(request.user, self.municipality)
            if "year" in kwargs:
                self.year = check_year(kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def year_url(self, year=None) -> str:
        return reverse("declarations:year", args=[year or self.year])


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
        return render(self.request, self.template_name, self.context(form, **extra))
