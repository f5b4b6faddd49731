"""One letter for one person: the form (type, language, the values a type
asks), a preview and making it (kept on the person's page); and a kept
letter's PDF, rendered again from its version and snapshot."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from openopvang.audit import services as audit
from openopvang.core.documents import PDF, file_response
from openopvang.core.mixins import MunicipalStaffRequiredMixin, add_validation_error
from openopvang.registry.models import Person
from openopvang.registry.selectors import get_person

from .. import selectors, services
from ..forms import LetterForm
from ..models import SentLetter
from ..permissions import require_can_send_letters


def _pdf(content: bytes, filename: str) -> HttpResponse:
    return file_response(content, content_type=PDF, filename=filename, inline=True)


class PersonLetterView(MunicipalStaffRequiredMixin, FormView):
    template_name = "letters/person_letter.html"
    form_class = LetterForm
    isolation_model = Person

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                self.person = get_person(request.user, kwargs["pk"])
            except Person.DoesNotExist:
                from django.http import Http404

                raise Http404 from None
            require_can_send_letters(request.user, self.person.municipality)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        audit.record_view(request.user, self.person, request=request)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"letter_type": self.request.GET.get("type", "")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person,
            letters=selectors.person_letters(self.request.user, self.person)[:20],
            **kwargs,
        )

    def form_valid(self, form):
        user, person = self.request.user, self.person
        code = form.cleaned_data["letter_type"]
        language = form.cleaned_data.get("language") or None
        try:
            if self.request.POST.get("action") == "preview":
                content = services.preview_letter(
                    user, person, code, language=language, asked=form.asked(), request=self.request
                )
                return _pdf(content, f"preview-{code}-{person.pk}.pdf")
            letter, _content = services.make_letter(
                user,
                person,
                code,
                language=language,
                asked=form.asked(),
                request=self.request,
                render=False,
            )
        except ValidationError as error:
            add_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The letter “%(subject)s” is made.") % {"subject": letter.subject}
        )
        return redirect("letters:sent_pdf", letter.pk)


class SentLetterPdfView(MunicipalStaffRequiredMixin, View):
    model = SentLetter

    def get(self, request, pk):
        letter = get_object_or_404(
            selectors.sent_letters(request.user).select_related("version__template"), pk=pk
        )
        content = services.letter_pdf(request.user, letter, request=request)
        return _pdf(content, f"{letter.letter_type}-{letter.person_id}-{letter.pk}.pdf")
