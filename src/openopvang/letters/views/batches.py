"""Letters for a selection of persons: the selection (the person list's
filters, or persons by id), the batch's progress page and its print-run PDF."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView, View

from openopvang.audit import services as audit
from openopvang.core.documents import PDF, file_response
from openopvang.core.mixins import MunicipalStaffRequiredMixin, add_validation_error
from openopvang.registry import selectors as registry
from openopvang.registry.forms import PersonSearchForm

from .. import selectors, services
from ..forms import LetterForm
from ..models import LetterBatch

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
        return super().get_context_data(batch=batch, **kwargs)


class BatchPdfView(MunicipalStaffRequiredMixin, View):
    model = LetterBatch

    def get(self, request, pk):
        batch = get_object_or_404(selectors.batches(request.user), pk=pk)
        try:
            content = services.batch_pdf(request.user, batch, request=request)
        except ValidationError:
            return redirect("letters:batch_detail", batch.pk)
        return file_response(
            content, content_type=PDF, filename=f"letters-batch-{batch.pk}.pdf", inline=False
        )
