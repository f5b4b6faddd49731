"""The two phases of an import as background tasks (django-tasks): progress
is written to the ImportJob row, which the import page polls. Messages are
in the language of the user who uploaded the file."""

from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django_tasks import task

from .models import ImportJob, ImportStatus


def _failed(job_id: int, error: Exception) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportStatus.FAILED, error=str(error), finished_at=timezone.now()
    )


@task()
def validate_import(job_id: int) -> None:
    from .services import validate_job

    job = ImportJob.objects.select_related("municipality").get(pk=job_id)
    with translation.override(job.language):
        try:
            validate_job(job)
        except Exception as error:  # noqa: BLE001 - the page must show why it failed
            _failed(job_id, error)
            raise


@task()
def write_import(job_id: int, user_id: int) -> None:
    from .services import write_job

    job = ImportJob.objects.select_related("municipality").get(pk=job_id)
    user = get_user_model().objects.select_related("organisation").get(pk=user_id)
    with translation.override(job.language):
        try:
            write_job(job, user)
        except Exception as error:  # noqa: BLE001
            _failed(job_id, error)
            raise
