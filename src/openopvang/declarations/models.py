"""The BooO declaration of a municipality for a year (Bekostigingsregeling
opvang ontheemden Oekraïne): the other cost lines the finance officer enters,
the per-year choice for actual GOO costs (art. 3 lid 2), advance requests
(art. 5) and the submitted versions.

A draft is never stored: it is computed live from the registry. A submitted
version stores the scenario document, the engine's result and the parameter
values used, so it never changes when the registry does and can be reproduced
offline with `openopvang rules evaluate`."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from openopvang.core.models import (
    BackgroundJob,
    JobStatus,
    MoneyField,
    MonthField,
    MunicipalityOwned,
    first_of_month_constraint,
)
from openopvang.core.permissions import FINANCE_ROLES

from .years import validate_year


class CostCategory(models.TextChoices):
    TRANSITION = "transition", _("Transition costs (sub e, on application)")
    PURCHASED_SERVICES = "purchased_services", _("Purchased services (within sub a)")
    # No longer accepted for new lines (docs/decisions/0010): existing lines stay
    # readable and are listed, not declared on top of the GOO normbedrag.
    ACTUAL_HOTEL_SHIP_CATERING = (
        "actual_hotel_ship_catering",
        _("Hotels, ships and catering (listed, not claimed separately)"),
    )
    ACTUAL_COST_GOO = "actual_cost_goo", _("GOO at actual cost (art. 3 lid 2)")


class CostLine(MunicipalityOwned):
    """A cost the municipality claims next to the normbedragen, entered by
    the finance officer."""

    scope_roles = FINANCE_ROLES  # core.scoping: the money is for finance officers

    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_year])
    category = models.CharField(_("category"), max_length=30, choices=CostCategory.choices)
    amount = MoneyField(
        _("amount (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        confirm_above=5_000_000,
        maximum=1_000_000_000,
    )
    month = MonthField(
        _("month"),
        null=True,
        blank=True,
        help_text=_("Optional: the first day of the month the cost belongs to."),
    )
    location = models.ForeignKey(
        "registry.Location",
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=300)
    evidence = models.CharField(
        _("evidence"),
        max_length=300,
        blank=True,
        help_text=_("Where the proof is kept: invoice number, contract, ledger account."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "category", "month", "id"]
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="cost_line_amount_not_negative"
            ),
            first_of_month_constraint("month"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_category_display()}: € {self.amount}"


class YearSettings(MunicipalityOwned):
    """Per municipality and year: whether it claims actual GOO costs instead
    of the normbedrag (BooO art. 3 lid 2), with the reason."""

    scope_roles = FINANCE_ROLES  # core.scoping: the money is for finance officers

    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_year])
    actual_cost_goo = models.BooleanField(
        _("claim actual GOO costs (art. 3 lid 2)"),
        default=False,
        help_text=_(
            "Where actual GOO costs deviate significantly from the normbedrag: the "
            "normbedrag lines stop and the actual-cost lines replace them."
        ),
    )
    actual_cost_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("declaration year settings")
        verbose_name_plural = _("declaration year settings")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="year_settings_once"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}"

    def policy(self) -> dict:
        if not self.actual_cost_goo:
            return {}
        return {"actual_cost_goo": {"enabled": True, "reason": self.actual_cost_reason}}


class AdvanceRequest(MunicipalityOwned):
    """A request for an advance (voorschot, BooO art. 5) for a financial year."""

    scope_roles = FINANCE_ROLES  # core.scoping: the money is for finance officers

    year = models.PositiveSmallIntegerField(_("financial year"), validators=[validate_year])
    amount = MoneyField(
        _("amount requested (€)"),
        confirm_above=50_000_000,
        maximum=5_000_000_000,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    estimate = models.DecimalField(
        _("computed estimate (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The live declaration total when the request was made."),
    )
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("First day on which a request is too late."),
    )
    note = models.TextField(_("note"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-requested_at"]
        verbose_name = _("advance request")
        verbose_name_plural = _("advance requests")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"],
                name="advance_request_once_per_year",
                violation_error_message=_("An advance has already been requested for this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}: € {self.amount}"


class Declaration(MunicipalityOwned):
    """A submitted version of a declaration: version 1 is the submission,
    2, 3 … are corrections. Frozen: the stored documents are the truth."""

    scope_roles = FINANCE_ROLES  # core.scoping: the money is for finance officers

    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"))
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    reason = models.TextField(_("reason for the correction"), blank=True)
    total = models.DecimalField(_("total declared (€)"), max_digits=14, decimal_places=2)
    scenario = models.JSONField(_("scenario document"))
    result = models.JSONField(_("result"))
    parameters = models.JSONField(_("parameter values used"))
    sources = models.JSONField(_("cost line sources"), default=list)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-version"]
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "version"], name="declaration_version_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year} v{self.version}"

    @property
    def status(self) -> str:
        return "submitted" if self.version == 1 else "corrected"


# The national run's states are every background job's (core.models.JobStatus).
NationalRunStatus = JobStatus


class NationalRun(BackgroundJob):
    """Totals per municipality for one year, for the national organisation
    (no personal data). Computed as a background task with progress."""

    year = models.PositiveSmallIntegerField(_("year"))
    done = models.PositiveIntegerField(_("municipalities done"), default=0)
    count = models.PositiveIntegerField(_("municipalities"), default=0)
    rows = models.JSONField(_("rows"), default=list)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("national run")
        verbose_name_plural = _("national runs")

    def __str__(self) -> str:
        return f"{self.year} ({self.status})"
