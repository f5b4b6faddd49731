"""Privacy duties: how long each kind of record is kept after a person leaves
reception (a municipality's setting over the national default in
`retention.py`), and which kinds of a person's records have been anonymised."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from openopvang.core.models import MunicipalityOwned, municipality_field
from openopvang.core.scoping import ScopedQuerySet


class RecordKind(models.TextChoices):
    PERSONAL_DETAILS = "personal_details", _("Personal details")
    CASEWORK = "casework", _("Casework notes")
    LETTERS = "letters", _("Letters sent")
    FINANCIAL = "financial", _("Financial records")


class RetentionSetting(MunicipalityOwned):
    """A municipality's own retention period for one kind of record; without
    a row the national default applies (retention.DEFAULTS). Never below the
    legal minimum of that kind."""

    municipality = municipality_field("retention_settings")
    kind = models.CharField(_("kind of record"), max_length=30, choices=RecordKind.choices)
    months = models.PositiveIntegerField(
        _("months after leaving reception"),
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("retention setting")
        verbose_name_plural = _("retention settings")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind"], name="privacy_retention_once_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.months}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from .retention import DEFAULTS

        super().clean()
        minimum = DEFAULTS[self.kind].minimum_months if self.kind in DEFAULTS else 0
        if self.months is not None and self.months < minimum:
            raise ValidationError(
                {
                    "months": _("The law requires at least %(months)s months for this kind.")
                    % {"months": minimum}
                }
            )


class Anonymisation(models.Model):
    """One kind of one person's records anonymised, when, and how many rows
    were changed (by model label)."""

    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="anonymisations",
    )
    kind = models.CharField(_("kind of record"), max_length=30, choices=RecordKind.choices)
    done_at = models.DateTimeField(_("anonymised at"), auto_now_add=True)
    counts = models.JSONField(_("rows changed"), default=dict)

    scope_path = "person__municipality"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["done_at", "id"]
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="privacy_anonymised_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind}"
