"""Letters: a municipality's templates (one per letter type), their versions
with a text per language as rows, the letters sent (each keeps the version,
language and data it was made with) and the batches that make many at once.

A template is never changed in place: an edit adds a version, so a sent
letter renders again exactly as it was sent (ADR 0001: row rules in clean()
or a constraint; the placeholder check is in clean() of TemplateText)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from openopvang.core.models import MunicipalityOwned, municipality_field
from openopvang.core.scoping import ScopedQuerySet

from . import placeholders
from .types import LANGUAGES, get_type

LANGUAGE_CHOICES = [(code, code) for code in LANGUAGES]


class LetterTemplate(MunicipalityOwned):
    municipality = municipality_field("letter_templates")
    letter_type = models.CharField(_("letter type"), max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["letter_type", "id"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "letter_type"],
                name="letter_template_one_per_type",
                violation_error_message=_("This municipality already has a template of this type."),
            )
        ]

    def __str__(self) -> str:
        kind = self.type
        return str(kind.name) if kind else self.letter_type

    @property
    def type(self):
        return get_type(self.letter_type)

    def clean(self):
        super().clean()
        if self.letter_type and self.type is None:
            raise ValidationError({"letter_type": _("Unknown letter type.")})

    @property
    def current(self) -> "TemplateVersion | None":
        return self.versions.order_by("-number").first()


class TemplateVersion(models.Model):
    """One version of a template: its texts never change once saved."""

    scope_path = "template__municipality"

    template = models.ForeignKey(
        LetterTemplate,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("template"),
    )
    number = models.PositiveIntegerField(_("version"))
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["template", "-number"]
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="template_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"

    def text_for(self, language: str) -> "TemplateText | None":
        return next((t for t in self.texts.all() if t.language == language), None)


class TemplateText(models.Model):
    """The subject and body of one version in one language."""

    scope_path = "version__template__municipality"

    version = models.ForeignKey(
        TemplateVersion, on_delete=models.CASCADE, related_name="texts", verbose_name=_("version")
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["version", "language"]
        verbose_name = _("template text")
        verbose_name_plural = _("template texts")
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="template_text_unique")
        ]

    def __str__(self) -> str:
        return f"{self.version} ({self.language})"

    def clean(self):
        super().clean()
        letter_type = self.version.template.type if self.version_id else None
        if letter_type is not None:
            placeholders.check(letter_type, self.language, self.subject, self.body)


class Channel(models.TextChoices):
    PRINT = "print", _("Print (PDF)")
    EMAIL = "email", _("E-mail")


class LetterBatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class Delivery(models.TextChoices):
    """How far a letter got: made (a PDF, for print), or e-mailed (sent, or
    failed with the reason; a failed one can be sent again)."""

    MADE = "made", _("Made")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Not delivered")


def batch_file_path(batch, filename: str) -> str:
    return f"letters/batch-{batch.pk}/{filename}"


class LetterBatch(MunicipalityOwned):
    """Letters of one type for a selection of persons, made in the background
    into one PDF for print; progress and the persons that failed (with why)."""

    municipality = municipality_field("letter_batches")
    letter_type = models.CharField(_("letter type"), max_length=40)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.PRINT
    )
    asked = models.JSONField(_("values given"), default=dict, blank=True)
    person_ids = models.JSONField(_("persons"), default=list)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=LetterBatchStatus.choices,
        default=LetterBatchStatus.QUEUED,
    )
    count = models.PositiveIntegerField(_("letters"), default=0)
    done = models.PositiveIntegerField(_("letters done"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # Written to disk letter by letter (tasks.run_batch), never held in memory whole.
    run_file = models.FileField(
        _("print run (PDF)"), upload_to=batch_file_path, max_length=200, blank=True
    )
    zip_file = models.FileField(
        _("letters (ZIP)"), upload_to=batch_file_path, max_length=200, blank=True
    )
    cancel_requested = models.BooleanField(_("cancel asked"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("letter batch")
        verbose_name_plural = _("letter batches")

    def __str__(self) -> str:
        kind = get_type(self.letter_type)
        return f"{kind.name if kind else self.letter_type} ({self.created_at:%Y-%m-%d})"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.count) if self.count else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (
            LetterBatchStatus.DONE,
            LetterBatchStatus.FAILED,
            LetterBatchStatus.CANCELLED,
        )

    @property
    def has_files(self) -> bool:
        return bool(self.run_file) and bool(self.zip_file)


class SentLetter(MunicipalityOwned):
    """A letter made for a person: the version and language it used and the
    data it was filled with, so it renders the same again."""

    municipality = municipality_field("sent_letters")
    person = models.ForeignKey(
        "registry.Person",
        on_delete=models.CASCADE,
        related_name="letters",
        verbose_name=_("person"),
    )
    version = models.ForeignKey(
        TemplateVersion,
        on_delete=models.PROTECT,
        related_name="letters",
        verbose_name=_("template version"),
    )
    letter_type = models.CharField(_("letter type"), max_length=40)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.MADE
    )
    email_to = models.EmailField(_("e-mail address"), blank=True)
    # A code (core of the reason) and the mail server's words, shown at display time.
    failure = models.CharField(_("why not delivered"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    data = models.JSONField(_("data"), default=dict)
    batch = models.ForeignKey(
        LetterBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="letters",
        verbose_name=_("batch"),
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("sent letter")
        verbose_name_plural = _("sent letters")
        indexes = [models.Index(fields=["person", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.subject} ({self.language})"
