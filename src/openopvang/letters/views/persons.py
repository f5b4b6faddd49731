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
from ..models import Channel, Delivery, SentLetter
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
                channel=form.cleaned_data["channel"],
                request=self.request,
                render=False,
            )
        except ValidationError as error:
            add_validation_error(form, error)
            return self.form_invalid(form)
        if letter.channel == Channel.PRINT:
            messages.success(
                self.request, _("The letter “%(subject)s” is made.") % {"subject": letter.subject}
            )
            return redirect("letters:sent_pdf", letter.pk)
        _delivery_message(self.request, letter)
        return redirect("letters:person_letter", person.pk)


def _delivery_message(request, letter) -> None:
    if letter.delivery == Delivery.SENT:
        messages.success(
            request,
            _("The letter “%(subject)s” is sent to %(to)s.")
            % {"subject": letter.subject, "to": letter.email_to},
        )
    else:
        messages.error(
            request,
            _(
                "The letter “%(subject)s” is kept but not delivered: %(reason)s. "
                "Send it again later."
            )
            % {"subject": letter.subject, "reason": letter.failure},
        )


class SentLetterResendView(MunicipalStaffRequiredMixin, View):
    """A letter by e-mail that was not delivered, sent again (POST)."""

    model = SentLetter

    def post(self, request, pk):
        letter = get_object_or_404(
            selectors.sent_letters(request.user).select_related("version"), pk=pk
        )
        try:
            letter = services.resend_letter(request.user, letter, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            _delivery_message(request, letter)
        return redirect("letters:person_letter", letter.person_id)


class SentLetterPdfView(MunicipalStaffRequiredMixin, View):
    model = SentLetter

    def get(self, request, pk):
        letter = get_object_or_404(
            selectors.sent_letters(request.user).select_related("version__template"), pk=pk
        )
        content = services.letter_pdf(request.user, letter, request=request)
        return _pdf(content, f"{letter.letter_type}-{letter.person_id}-{letter.pk}.pdf")
