"""Letters for a selection of persons: the selection (the person list's
filters, or persons by id), the batch's progress page and its print-run PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from openopvang.audit import services as audit
from openopvang.core.documents import PDF
from openopvang.core.mixins import MunicipalStaffRequiredMixin, add_validation_error
from openopvang.registry import selectors as registry
from openopvang.registry.forms import PersonSearchForm

from .. import selectors, services
from ..forms import LetterForm
from ..models import Delivery, LetterBatch

TYPES = {"pdf": PDF, "zip": "application/zip"}
SHOWN = 50  # persons listed on the selection page (all of them get the letter)


class BatchCreateView(MunicipalStaffRequiredMixin, FormView):
    """The persons come from the person list's filters in the query string
    (q, location, host, household, nationality, status) or `person=<id>`
    repeated; the form picks the letter and the values it asks."""

    template_name = "letters/batch_form.html"

    def get_form(self, form_class=None):
        return LetterForm(
            self.request.POST or None,
            initial={"letter_type": self.request.GET.get("type", "")},
            with_language=False,
        )

    def selection(self):
        user, query = self.request.user, self.request.GET
        ids = [int(pk) for pk in query.getlist("person") if pk.isdigit()]
        if ids:
            return registry.person_list(
                user, registry.PersonFilters(), today=timezone.localdate()
            ).filter(pk__in=ids)
        search = PersonSearchForm(
            query or None, user=user, nationalities=registry.nationalities_in_use(user)
        )
        filters = registry.PersonFilters()
        if search.is_bound and search.is_valid():
            data = search.cleaned_data
            filters = registry.PersonFilters(
                query=data["q"],
                location=data["location"],
                host=data["host"],
                household=data["household"],
                nationality=data["nationality"],
                status=data["status"],
            )
        return registry.person_list(user, filters, today=timezone.localdate())

    def get_context_data(self, **kwargs):
        persons = self.selection()
        shown = list(persons[:SHOWN])
        audit.record_read(
            self.request.user, shown, object_type="registry.Person", request=self.request
        )
        return super().get_context_data(
            persons=shown, count=persons.count(), query=self.request.GET.urlencode(), **kwargs
        )

    def form_valid(self, form):
        try:
            batch = services.start_batch(
                self.request.user,
                form.cleaned_data["letter_type"],
                list(self.selection()),
                asked=form.asked(),
                channel=form.cleaned_data["channel"],
                request=self.request,
            )
        except ValidationError as error:
            add_validation_error(form, error)
            return self.form_invalid(form)
        return redirect("letters:batch_detail", batch.pk)


class BatchDetailView(MunicipalStaffRequiredMixin, TemplateView):
    template_name = "letters/batch_detail.html"
    isolation_model = LetterBatch

    def get_context_data(self, **kwargs):
        batch = get_object_or_404(selectors.batches(self.request.user), pk=self.kwargs["pk"])
        if batch.errors:
            audit.record_read(
                self.request.user,
                [("registry.Person", e["person"]) for e in batch.errors if e.get("person")],
                obj=batch,
                request=self.request,
            )
        failed = batch.letters.filter(delivery=Delivery.FAILED).select_related("person")
        if failed:
            audit.record_read(
                self.request.user,
                [letter.person for letter in failed],
                obj=batch,
                request=self.request,
            )
        return super().get_context_data(
            batch=batch,
            failed=list(failed[:SHOWN]),
            sent=batch.letters.filter(delivery=Delivery.SENT).count(),
            **kwargs,
        )


class BatchFileView(MunicipalStaffRequiredMixin, View):
    """The print run (`kind` "pdf") or every letter as its own PDF in a ZIP."""

    model = LetterBatch
    kind = "pdf"

    def get(self, request, pk):
        batch = get_object_or_404(selectors.batches(request.user), pk=pk)
        try:
            handle = services.batch_file(request.user, batch, self.kind, request=request)
        except ValidationError:
            return redirect("letters:batch_detail", batch.pk)
        filename = f"letters-batch-{batch.pk}.{self.kind}"
        response = FileResponse(
            handle, as_attachment=True, filename=filename, content_type=TYPES[self.kind]
        )
        response["Cache-Control"] = "no-store"
        return response


class BatchPdfView(BatchFileView):
    kind = "pdf"


class BatchZipView(BatchFileView):
    kind = "zip"


class BatchCancelView(MunicipalStaffRequiredMixin, View):
    model = LetterBatch

    def post(self, request, pk):
        batch = get_object_or_404(selectors.batches(request.user), pk=pk)
        try:
            services.cancel_batch(request.user, batch, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The batch stops after the letter being made."))
        return redirect("letters:batch_detail", batch.pk)


class BatchResendView(MunicipalStaffRequiredMixin, View):
    """The batch's e-mails that were not delivered, sent again."""

    model = LetterBatch

    def post(self, request, pk):
        batch = get_object_or_404(selectors.batches(request.user), pk=pk)
        sent, failed = services.resend_failed(request.user, batch, request=request)
        messages.info(
            request,
            _("Sent again: %(sent)s delivered, %(failed)s still not delivered.")
            % {"sent": sent, "failed": failed},
        )
        return redirect("letters:batch_detail", batch.pk)
