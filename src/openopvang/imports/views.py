"""Import pages: upload, the check with every error by row and column, the
failed rows as a file, the confirmation, and the export."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import TemplateView, View

from openopvang.audit import services as audit
from openopvang.core.documents import XLSX, file_response
from openopvang.core.mixins import DesignSystemFormMixin, StaffRequiredMixin, add_validation_error

from . import documents, persons, selectors, services
from .models import ImportJob, ImportMode
from .permissions import can_use_imports
from .reading import MAX_BYTES, MAX_ROWS, FileProblem, check_upload


class UploadForm(DesignSystemFormMixin, forms.Form):
    file = forms.FileField(
        label=_lazy("File (XLSX or CSV)"),
        help_text=_lazy("At most %(mb)s MB and %(rows)s rows.")
        % {"mb": MAX_BYTES // 1024 // 1024, "rows": f"{MAX_ROWS:,}".replace(",", ".")},
    )


class ImportEditorMixin(StaffRequiredMixin):
    """The municipality's registry editors; others get 403 (another kind of
    organisation: 404, these pages do not exist for them)."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            organisation = getattr(user, "organisation", None)
            if organisation is None or not organisation.is_municipality:
                raise Http404
            if not can_use_imports(user, organisation):
                raise PermissionDenied(_("Your role cannot import or export registry data."))
        return super().dispatch(request, *args, **kwargs)


class JobMixin(ImportEditorMixin):
    model = ImportJob

    def get_job(self) -> ImportJob:
        return get_object_or_404(
            ImportJob.objects.for_user(self.request.user), pk=self.kwargs["pk"]
        )


class ImportListView(ImportEditorMixin, TemplateView):
    template_name = "imports/import_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            jobs=selectors.jobs(self.request.user)[:25],
            form=kwargs.pop("form", None) or UploadForm(),
            max_mb=MAX_BYTES // 1024 // 1024,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                check_upload(upload.name, upload.size)  # before reading a file that is too big
                job = services.start_import(
                    request.user, name=upload.name, data=upload.read(), request=request
                )
            except FileProblem as problem:
                form.add_error("file", str(problem))
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                return HttpResponseRedirect(reverse("imports:import_detail", args=[job.pk]))
        return self.render_to_response(self.get_context_data(form=form), status=422)


class ImportDetailView(JobMixin, TemplateView):
    template_name = "imports/import_detail.html"

    def get_context_data(self, **kwargs):
        job = self.get_job()
        rows = job.rows
        failed = [row for row in rows if row.get("errors")]
        hinted = [row for row in rows if row.get("hints") and not row.get("errors")]
        for row in failed:
            row["shown_errors"] = [
                (persons.column_label(column) if column else "—", message)
                for column, message in row["errors"]
            ]
        # The rows hold personal data: the page view is an audited read
        # (the import, and the registered persons the rows update).
        audit.record_read(
            self.request.user,
            [("registry.Person", row["person"]) for row in rows if row.get("person")],
            obj=job,
            request=self.request,
        )
        return super().get_context_data(
            job=job,
            failed=failed[:500],
            failed_more=max(0, len(failed) - 500),
            failed_count=len(failed),
            hinted=hinted[:200],
            modes=ImportMode,
            **kwargs,
        )


class ImportProgressView(JobMixin, TemplateView):
    """The progress box, polled by htmx; once the job has finished the page
    reloads to show the result."""

    template_name = "imports/_progress.html"

    def get(self, request, *args, **kwargs):
        job = self.get_job()
        response = self.render_to_response({"job": job})
        if not job.running:
            response["HX-Refresh"] = "true"
        return response


class ImportWriteView(JobMixin, View):
    def post(self, request, *args, **kwargs):
        job = self.get_job()
        try:
            services.start_write(
                request.user, job, mode=request.POST.get("mode", ""), request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(reverse("imports:import_detail", args=[job.pk]))


class FailedRowsView(JobMixin, View):
    def get(self, request, *args, **kwargs):
        body, filename = services.failed_rows_file(request.user, self.get_job(), request=request)
        return file_response(body, content_type=XLSX, filename=filename)


class TemplateDownloadView(ImportEditorMixin, View):
    def get(self, request, *args, **kwargs):
        return file_response(
            documents.template_xlsx(), content_type=XLSX, filename=_("persons-template.xlsx")
        )


class ExportView(ImportEditorMixin, View):
    file_format = "xlsx"

    def get(self, request, *args, **kwargs):
        body, content_type, filename = services.export_file(
            request.user, file_format=self.file_format, request=request
        )
        return file_response(body, content_type=content_type, filename=filename)
