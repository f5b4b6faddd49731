"""The templates: the overview of letter types, a template's versions and
texts, the editor (a new version on each save, with a preview of the unsaved
text) and the PDF preview of a saved version with sample data."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from openopvang.core.documents import PDF, file_response
from openopvang.core.mixins import MunicipalStaffRequiredMixin, add_validation_error

from .. import documents, placeholders, selectors, services
from ..forms import TemplateForm
from ..models import LetterTemplate, TemplateText
from ..permissions import can_edit_templates
from ..types import LANGUAGES, get_type


def _pdf(content: bytes, filename: str) -> HttpResponse:
    return file_response(content, content_type=PDF, filename=filename, inline=True)


class TemplateListView(MunicipalStaffRequiredMixin, TemplateView):
    template_name = "letters/template_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            rows=selectors.templates_overview(user),
            may_edit=can_edit_templates(user, user.organisation),
            batches=selectors.batches(user)[:10],
            **kwargs,
        )


class TemplateDetailView(MunicipalStaffRequiredMixin, TemplateView):
    template_name = "letters/template_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        template = get_object_or_404(selectors.templates(user), pk=self.kwargs["pk"])
        versions = list(selectors.versions(user, template))
        return super().get_context_data(
            template=template,
            type=template.type,
            versions=versions,
            current=versions[0] if versions else None,
            may_edit=can_edit_templates(user, user.organisation),
            **kwargs,
        )


TemplateDetailView.isolation_model = LetterTemplate


class TemplateEditView(MunicipalStaffRequiredMixin, FormView):
    """New (?type=code, from the standard text) or a new version of a
    template (pk). "Preview" renders the unsaved text of one language."""

    template_name = "letters/template_form.html"
    form_class = TemplateForm
    isolation_model = LetterTemplate

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.template = None
        if "pk" in kwargs:
            self.template = get_object_or_404(selectors.templates(user), pk=kwargs["pk"])
            self.type = self.template.type
        else:
            self.type = get_type(request.GET.get("type", ""))
            if self.type is None:
                if not can_edit_templates(user, getattr(user, "organisation", None)):
                    raise PermissionDenied
                return HttpResponseBadRequest(_("Choose a letter type."))
            self.template = selectors.template_of_type(user, self.type.code)
            if self.template is not None:
                return redirect("letters:template_update", self.template.pk)
        if not can_edit_templates(user, user.organisation):
            raise PermissionDenied(_("Your role cannot change letter texts."))
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        current = self.template.current if self.template else None
        if current is None:
            return TemplateForm.initial_from(self.type.texts)
        return TemplateForm.initial_from(
            {text.language: (text.subject, text.body) for text in current.texts.all()}
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            template=self.template,
            type=self.type,
            languages=[(code, placeholders.language_name(code)) for code in LANGUAGES],
            **kwargs,
        )

    def form_valid(self, form):
        user = self.request.user
        preview = self.request.POST.get("preview", "")
        if preview in LANGUAGES:
            subject, body = form.texts()[preview]
            try:
                placeholders.check(self.type, preview, subject, body)
            except ValidationError as error:
                add_validation_error(
                    form, error, {"subject": f"subject_{preview}", "body": f"body_{preview}"}
                )
                return self.form_invalid(form)
            text = TemplateText(language=preview, subject=subject, body=body)
            data = documents.sample_data(
                user.organisation, self.type, preview, timezone.localdate()
            )
            content = documents.render_pdf(self.type, text, data)
            return _pdf(content, f"preview-{self.type.code}-{preview}.pdf")
        try:
            version = services.save_template(
                user,
                user.organisation,
                self.type.code,
                form.texts(),
                note=form.cleaned_data.get("note", ""),
                request=self.request,
            )
        except ValidationError as error:
            add_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Version %(number)s of %(letter)s is saved.")
            % {"number": version.number, "letter": self.type.name},
        )
        return redirect("letters:template_detail", version.template_id)


class TemplatePreviewView(MunicipalStaffRequiredMixin, TemplateView):
    """A saved version (?version=N, else the current one) in one language,
    filled with sample data (no person's data)."""

    isolation_model = LetterTemplate

    def get(self, request, *args, **kwargs):
        user = request.user
        template = get_object_or_404(selectors.templates(user), pk=kwargs["pk"])
        versions = selectors.versions(user, template)
        number = request.GET.get("version", "")
        version = versions.filter(number=number).first() if number.isdigit() else versions.first()
        text = version.text_for(kwargs["lang"]) if version else None
        if text is None:
            raise Http404
        data = documents.sample_data(
            user.organisation, template.type, text.language, timezone.localdate()
        )
        content = documents.render_pdf(template.type, text, data)
        return _pdf(content, f"{template.letter_type}-v{version.number}-{text.language}.pdf")
