"""Parameter values entered by administrators. The YAML files under
openopvang/rules/parameters are the defaults; a value here with the same parameter and
start date replaces the file value, a new start date adds one (for example the
2026 amounts once they are published)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    # The engine's values (rules.engine.parameters.CONFIDENCE), labelled once here.
    CONFIRMED = "confirmed", _("confirmed (official publication)")
    MUNICIPAL_PAGE = "municipal_page", _("municipal page quoting the national rule")
    SECONDARY = "secondary", _("secondary (news report)")


class ParameterOverride(models.Model):
    name = models.CharField(_("parameter"), max_length=120, db_index=True)
    start = models.DateField(_("valid from"))
    end = models.DateField(
        _("valid to"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the value applies until a next value."),
    )
    value = models.CharField(
        _("value"), max_length=40, help_text=_("An amount such as 44.00, a date or a number.")
    )
    publication = models.CharField(
        _("publication"), max_length=200, help_text=_("E.g. Stcrt. 2025, 41734.")
    )
    article = models.CharField(_("article"), max_length=120, help_text=_("E.g. BooO art. 3 lid 1."))
    url = models.URLField(_("link"), blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=20, choices=Confidence.choices, default=Confidence.CONFIRMED
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The table of the former `rules` app: moved without copying data.
        db_table = "rules_parameteroverride"
        ordering = ["name", "start"]
        verbose_name = _("parameter value")
        verbose_name_plural = _("parameter values")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "start"],
                name="parameter_override_once_per_start",
                violation_error_message=_(
                    "There is already a value for this parameter from that date; "
                    "correct that one instead."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.start}: {self.value}"


class LoadStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (previewed, not used)")
    APPLIED = "applied", _("Applied")
    ROLLED_BACK = "rolled_back", _("Rolled back")


class ParameterLoad(models.Model):
    """A file of parameter values (a year of published amounts) loaded at once:
    staged as a draft with its preview, applied in one transaction, and
    possibly rolled back while no declaration or run was computed with it.
    `values` holds every value of the file as plain JSON (see
    parameters.loading), with the override each one created or replaced once
    applied."""

    file_name = models.CharField(_("file"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=LoadStatus.choices, default=LoadStatus.DRAFT
    )
    values = models.JSONField(_("values"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rolled_back_at = models.DateTimeField(_("rolled back at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("parameter load")
        verbose_name_plural = _("parameter loads")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def changed_values(self) -> list[dict]:
        return [value for value in self.values if value.get("change") != "unchanged"]
