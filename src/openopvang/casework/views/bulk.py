"""Bulk actions on the work list: the selection is posted here, a page shows
the selected cases and asks for the change, and only a second, confirmed
post applies it (all or nothing)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from openopvang.audit import services as audit
from openopvang.core.mixins import add_validation_error

from .. import services
from ..forms import (
    BULK_ASSIGN,
    BULK_LETTER,
    BULK_SITUATION,
    BulkAssignForm,
    BulkSelectForm,
    BulkSituationForm,
)
from .common import CaseworkRequiredMixin


class BulkActionView(CaseworkRequiredMixin, View):
    http_method_names = ["post"]
    template_name = "casework/bulk_confirm.html"

    def action_form(self, action, data=None):
        if action == BULK_ASSIGN:
            return BulkAssignForm(data, user=self.request.user)
        return BulkSituationForm(data)

    def post(self, request):
        selection = BulkSelectForm(request.POST, user=request.user)
        if not selection.is_valid():
            for error in selection.errors.get("cases", []) or selection.errors.get("action", []):
                messages.error(request, error)
            return HttpResponseRedirect(reverse("casework:case_list"))
        cases = sorted(
            selection.cleaned_data["cases"],
            key=lambda case: (case.person.family_name, case.person.given_names, case.pk),
        )
        action = selection.cleaned_data["action"]
        if action == BULK_LETTER:  # the letters batch page, with these persons
            query = urlencode([("person", case.person_id) for case in cases])
            return HttpResponseRedirect(f"{reverse('letters:batch_create')}?{query}")
        confirmed = request.POST.get("confirmed") == "1"
        form = self.action_form(action, request.POST if confirmed else None)
        if confirmed and form.is_valid():
            try:
                count = self.apply(action, cases, form.cleaned_data)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, self.done_message(action, count))
                return HttpResponseRedirect(reverse("casework:case_list"))
        # The confirmation page names the selected persons: an audited read.
        audit.record_read(
            request.user,
            cases + [case.person for case in cases],
            request=request,
            object_type="casework.Case",
        )
        return render(
            request,
            self.template_name,
            {"cases": cases, "action": action, "form": form, "is_assign": action == BULK_ASSIGN},
        )

    def apply(self, action, cases, data) -> int:
        user = self.request.user
        if action == BULK_ASSIGN:
            return len(services.bulk_assign(user, cases, data["caseworker"], request=self.request))
        if action == BULK_SITUATION:
            return len(services.bulk_record_situation(user, cases, request=self.request, **data))
        raise ValidationError(_("Unknown action."))

    def done_message(self, action, count) -> str:
        if action == BULK_ASSIGN:
            return ngettext(
                "%(count)s case has been assigned.", "%(count)s cases have been assigned.", count
            ) % {"count": count}
        return ngettext(
            "The situation change has been recorded for %(count)s case.",
            "The situation change has been recorded for %(count)s cases.",
            count,
        ) % {"count": count}
