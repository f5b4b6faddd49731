"""Imports: a file of persons brought in in two phases (validate, then write),
and the external ids that make a re-import update instead of duplicate.

The rows and their errors are kept on the job, so the page, the failed-rows
file and the write all read the same thing; the rules themselves stay on the
registry models (Person.full_clean), so an import refuses exactly what the
form refuses."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openopvang.core.models import MunicipalityOwned


class ImportKind(models.TextChoices):
    PERSONS = "persons", _("Persons")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    VALIDATING = "validating", _("Checking")
    VALIDATED = "validated", _("Checked")
    WRITING = "writing", _("Writing")
    DONE = "done", _("Written")
    FAILED = "failed", _("Failed")


class ImportMode(models.TextChoices):
    ALL_OR_NOTHING = "all", _("All rows or nothing")
    VALID_ONLY = "valid", _("Only the valid rows")


class ImportJob(MunicipalityOwned):
    """One uploaded file. `rows` holds every data row as read, with its
    errors: [{"row": 2, "values": {column: text}, "errors": [[column, message]],
    "person": pk or None}]; `error` a problem with the file as a whole."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=ImportKind.choices, default=ImportKind.PERSONS
    )
    file_name = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("file"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="nl")
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    mode = models.CharField(_("mode"), max_length=8, choices=ImportMode.choices, blank=True)
    done = models.PositiveIntegerField(_("rows done"), default=0)
    count = models.PositiveIntegerField(_("rows"), default=0)
    rows = models.JSONField(_("rows"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.file_name

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.count) if self.count else 0

    @property
    def running(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.WRITING)

    @property
    def failed_rows(self) -> list[dict]:
        return [row for row in self.rows if row.get("errors")]

    @property
    def valid_count(self) -> int:
        return sum(1 for row in self.rows if not row.get("errors"))


class ExternalId(MunicipalityOwned):
    """The id a person has in the municipality's own spreadsheet or system:
    the same id in a later file updates that person."""

    external_id = models.CharField(_("external id"), max_length=100)
    person = models.OneToOneField(
        "registry.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="import_external_id",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["external_id"]
        verbose_name = _("external id")
        verbose_name_plural = _("external ids")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "external_id"],
                name="imports_external_id_unique_per_municipality",
                violation_error_message=_(
                    "Another person in this municipality has this external id."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.external_id
