"""Leefgeld payment runs and eigen bijdrage (RooO), per municipality.

- `MunicipalPolicy`: the municipality's choices where the RooO leaves room; they
  become the scenario `policy` the rules engine reads (see `policy()`), plus two
  settings used on this side of the engine (eigen bijdrage floor, recompute window).
- `EigenBijdrageReduction`: maatwerk, a lower own contribution for one household
  and month, with the reason.
- `PaymentRun` → `PaymentItem` (one payment per household) → `PaymentLine` (one
  person-month-component, an entitlement or a correction). An approved run is
  frozen: its lines are the ledger of what was paid (see services.py for the
  "never paid twice" rule).

Money is Decimal with two decimals; amounts come from the engine rounded
half-up to cents once per line."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from openopvang.core import formatting
from openopvang.core.models import (
    ORGANISATION_MODEL,
    MoneyField,
    MonthField,
    MunicipalityOwned,
    first_of_month_constraint,
    platform_date_constraint,
)
from openopvang.core.permissions import FINANCE_ROLES
from openopvang.core.scoping import ScopedQuerySet
from openopvang.core.validators import validate_platform_date
from openopvang.rules.engine.dates import add_months

SWITCH_2023_EARLIEST = datetime.date(2023, 2, 1)
SWITCH_2023_LATEST = datetime.date(2023, 4, 1)


class PartialMonth(models.TextChoices):
    PRO_RATA = "pro_rata", _("Pro rata by calendar days")
    WHOLE_MONTH = "whole_month_if_present_on_first", _("Whole month if present on the 1st")


class IncomeBand(models.TextChoices):
    """How leefgeld and eigen bijdrage go down between zero income and the income
    thresholds (rules engine: policy.income_band, income_band.py)."""

    DERIVED = (
        "derived",
        _(
            "Derived from the published table: leefgeld max(0, L − I/1.15), "
            "eigen bijdrage min(EB, max(0, I/1.15 − L))"
        ),
    )
    KEEP_PLUS_15 = (
        "keep_plus_15",
        _(
            "Keep leefgeld + 15%: leefgeld min(L, max(0, 1.15·L − I)), "
            "eigen bijdrage min(EB, max(0, I − 1.15·L))"
        ),
    )
    ALL_OR_NOTHING = (
        "all_or_nothing",
        _("All or nothing: no leefgeld with any income, eigen bijdrage in full (the old stop)"),
    )


class EigenBijdrageFloor(models.TextChoices):
    NONE = "none", _("No floor: charge the full amount")
    LEEFGELD_EQUIVALENT = (
        "income_minus_leefgeld",
        _("Cap at household income minus the leefgeld the household would get without income"),
    )


class MunicipalPolicy(MunicipalityOwned):
    """One per municipality; missing means the defaults below."""

    scope_roles = FINANCE_ROLES  # core.scoping: the money is for finance officers

    municipality = models.OneToOneField(  # one per municipality: overrides the base's key
        ORGANISATION_MODEL,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="allowance_policy",
    )
    household_income_stop = models.BooleanField(
        _("stop leefgeld for the whole household when an adult has income"),
        default=True,
        help_text=_(
            "Municipal choice from 2023-02-01 to 2024-06-30; from 2024-07-01 the stop "
            "is mandatory. The earner never gets leefgeld."
        ),
    )
    partial_month = models.CharField(
        _("partial months"),
        max_length=40,
        choices=PartialMonth.choices,
        default=PartialMonth.PRO_RATA,
        help_text=_(
            "Pro rata: monthly amount × days ÷ days in the month, rounded half-up per "
            "line. Whole month: a person placed on the 1st gets the whole month."
        ),
    )
    switch_2023_date = models.DateField(
        _("switch to the 2023 leefgeld table"),
        null=True,
        blank=True,
        help_text=_("Between 2023-02-01 and 2023-04-01; empty: 2023-02-01."),
    )
    income_band = models.CharField(
        _("income threshold band"),
        max_length=20,
        choices=IncomeBand.choices,
        default=IncomeBand.DERIVED,
        help_text=_(
            "From 1 October 2025 (at the latest) leefgeld is withdrawn in full only from a "
            "household income of 1.15 × the household's leefgeld, and the eigen bijdrage "
            "is levied in full only from 1.15 × (leefgeld + eigen bijdrage). Between zero "
            "and those thresholds the amounts are partial; the formula for that band is "
            "not published, choose your reading."
        ),
    )
    eigen_bijdrage_floor = models.CharField(
        _("eigen bijdrage floor"),
        max_length=30,
        choices=EigenBijdrageFloor.choices,
        default=EigenBijdrageFloor.NONE,
        help_text=_(
            '"After paying, a person keeps at least what leefgeld would give." With the '
            "cap, a household's contribution for a month is at most its income in that "
            "month minus the leefgeld it would get without income (never below zero)."
        ),
    )
    recompute_months = models.PositiveSmallIntegerField(
        _("months recomputed in each run"),
        default=3,
        help_text=_(
            "Each run also recomputes this many earlier months already paid and adds "
            "the differences as corrections (never before the first approved run)."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("allowance policy")
        verbose_name_plural = _("allowance policies")

    def __str__(self) -> str:
        return str(_("Allowance policy of %(municipality)s") % {"municipality": self.municipality})

    def clean(self):
        super().clean()
        if self.switch_2023_date and not (
            SWITCH_2023_EARLIEST <= self.switch_2023_date <= SWITCH_2023_LATEST
        ):
            raise ValidationError(
                {
                    "switch_2023_date": _(
                        "The switch date must be between 1 February 2023 and 1 April 2023."
                    )
                }
            )
        if self.recompute_months > 24:
            raise ValidationError({"recompute_months": _("At most 24 months.")})

    def policy(self) -> dict:
        """The scenario `policy` for the rules engine."""
        out = {
            "household_income_stop": self.household_income_stop,
            "partial_month": self.partial_month,
        }
        if self.income_band != IncomeBand.DERIVED:
            out["income_band"] = self.income_band
        if self.switch_2023_date:
            out["switch_2023_date"] = self.switch_2023_date.isoformat()
        return out


class EigenBijdrageReduction(MunicipalityOwned):
    """Maatwerk: a household pays less eigen bijdrage in one month (never below zero)."""

    scope_roles = FINANCE_ROLES  # core.scoping: the money is for finance officers

    household = models.ForeignKey(
        "registry.Household",
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="eigen_bijdrage_reductions",
    )
    month = MonthField(_("month"), help_text=_("The first day of the month."))
    amount = MoneyField(
        _("reduction (€)"), max_digits=9, decimal_places=2, confirm_above=1_000, maximum=10_000
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "household__name", "id"]
        verbose_name = _("eigen bijdrage reduction")
        verbose_name_plural = _("eigen bijdrage reductions")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "month"],
                name="eigen_bijdrage_reduction_once",
                violation_error_message=_("This household already has a reduction for that month."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="eigen_bijdrage_reduction_positive",
                violation_error_message=_("The reduction must be more than zero."),
            ),
            first_of_month_constraint("month"),
        ]

    def __str__(self) -> str:
        return f"{self.household} {self.month:%Y-%m}: -{self.amount}"

    def clean(self):
        super().clean()
        if not (self.reason or "").strip():
            raise ValidationError({"reason": _("Give the reason for the reduction.")})
        if (
            self.household_id
            and self.municipality_id
            and (self.household.municipality_id != self.municipality_id)
        ):
            raise ValidationError({"household": _("Choose a household of your municipality.")})


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PREPARED = "prepared", _("Prepared")
    APPROVED = "approved", _("Approved (frozen)")


OPEN_STATUSES = (RunStatus.DRAFT, RunStatus.PREPARED)


def one_year_after(day: datetime.date) -> datetime.date:
    """The same day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


class PaymentRun(MunicipalityOwned):
    """The leefgeld of one municipality for one month, plus corrections for
    earlier months. Draft (recomputable) → prepared (user A) → approved (user B,
    finance; frozen: snapshot, result and lines never change again)."""

    scope_roles = FINANCE_ROLES  # core.scoping: the money is for finance officers

    month = MonthField(_("month"), help_text=_("The first day of the month paid."))
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.DRAFT
    )
    # Bounded (docs/decisions/0018): see execution_date_bounds and check_execution_date.
    execution_date = models.DateField(_("payment date"), validators=[validate_platform_date])
    recompute_from = models.DateField(
        _("recomputed from"), help_text=_("First month recomputed for corrections.")
    )
    total = models.DecimalField(_("total (€)"), max_digits=14, decimal_places=2, default=0)
    sepa_total = models.DecimalField(
        _("by bank transfer (€)"), max_digits=14, decimal_places=2, default=0
    )
    cash_total = models.DecimalField(
        _("cash or card (€)"), max_digits=14, decimal_places=2, default=0
    )
    policy = models.JSONField(_("policy"), default=dict, editable=False)
    scenario = models.JSONField(_("scenario snapshot"), default=dict, editable=False)
    result = models.JSONField(_("engine result"), default=dict, editable=False)
    parameters = models.JSONField(_("parameter values"), default=list, editable=False)
    computed_at = models.DateTimeField(_("computed at"), null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    prepared_at = models.DateTimeField(_("prepared at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "-id"]
        verbose_name = _("payment run")
        verbose_name_plural = _("payment runs")
        constraints = [
            # One open run per municipality: approving two runs computed against
            # the same ledger would pay a difference twice.
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(status__in=["draft", "prepared"]),
                name="payment_run_one_open_per_municipality",
                violation_error_message=_(
                    "There is already an open payment run: approve or delete it first."
                ),
            ),
            first_of_month_constraint("month"),
            platform_date_constraint("execution_date"),
        ]
        indexes = [models.Index(fields=["municipality", "status", "month"])]

    def __str__(self) -> str:
        return f"{self.municipality} {self.month:%Y-%m} #{self.pk}"

    def execution_date_bounds(self) -> tuple[datetime.date, datetime.date]:
        """The payment dates that make sense for this run: from the first day of
        the month before the run's month (paid ahead) to one year after the
        later of the run's month and the day the run was made (a run for an
        earlier month is paid now; banks accept a requested execution date up
        to about a year ahead)."""
        made = timezone.localdate(self.created_at) if self.created_at else timezone.localdate()
        month = self.month.replace(day=1)
        return add_months(month, -1), one_year_after(max(month, made))

    def check_execution_date(self, *, today: datetime.date | None = None) -> None:
        """Refuse a payment date outside `execution_date_bounds`, and, given
        `today` (making, preparing or approving the run), one in the past: the
        bank cannot execute a transfer on a day that has gone."""
        if self.execution_date is None or self.month is None:
            return
        language = get_language()
        first, last = self.execution_date_bounds()
        if not first <= self.execution_date <= last:
            raise ValidationError(
                {
                    "execution_date": ValidationError(
                        _("Choose a payment date from %(first)s to %(last)s."),
                        code="execution_date_out_of_range",
                        params={
                            "first": formatting.long_date(first, language),
                            "last": formatting.long_date(last, language),
                        },
                    )
                }
            )
        if today is not None and self.execution_date < today:
            raise ValidationError(
                {
                    "execution_date": ValidationError(
                        _(
                            "The payment date %(day)s has passed: the bank cannot pay on a "
                            "day that has gone. Choose today or a later day (for an open run: "
                            "delete it and compute it again)."
                        ),
                        code="execution_date_past",
                        params={"day": formatting.long_date(self.execution_date, language)},
                    )
                }
            )

    def clean(self):
        super().clean()
        self.check_execution_date()

    @property
    def month_label(self) -> str:
        return self.month.strftime("%Y-%m")

    @property
    def is_frozen(self) -> bool:
        return self.status == RunStatus.APPROVED

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class PaymentMethod(models.TextChoices):
    SEPA = "sepa", _("Bank transfer (SEPA)")
    CASH = "cash", _("Cash or card")
    RECOVER = "recover", _("To recover (negative)")
    NONE = "none", _("Nothing to pay")


class PaymentItem(models.Model):
    """One household's payment in a run: the sum of its lines, to its payee."""

    scope_roles = FINANCE_ROLES  # core.scoping: the money is for finance officers

    scope_path = "run__municipality"

    run = models.ForeignKey(PaymentRun, on_delete=models.CASCADE, related_name="items")
    household_ref = models.CharField(
        _("household reference"),
        max_length=30,
        help_text=_("H12, or person:P34 for a person in no household."),
    )
    household = models.ForeignKey(
        "registry.Household", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    household_name = models.CharField(_("household"), max_length=200)
    payee = models.ForeignKey(
        "registry.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    payee_name = models.CharField(_("payee"), max_length=200, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    # Reason codes ({"code": "payee_minor"}, see reasons.py), rendered when shown.
    reason = models.JSONField(_("why not by bank"), default=dict, blank=True)
    payee_note = models.JSONField(_("payee rule"), default=dict, blank=True)
    # Not paid by bank: the adult who collects the cash or card and signs for it.
    collector_name = models.CharField(_("collected by"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    end_to_end_id = models.CharField(_("end-to-end id"), max_length=35, blank=True)
    remittance = models.CharField(_("remittance information"), max_length=140, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["household_name", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.household_name}: {self.amount}"


class LineKind(models.TextChoices):
    ENTITLEMENT = "entitlement", _("Entitlement")
    CORRECTION = "correction", _("Correction")


class PaymentLine(models.Model):
    """One person, month and component: what is paid in this run. For a
    correction, `amount` = `computed` − `previously_paid`."""

    scope_roles = FINANCE_ROLES  # core.scoping: the money is for finance officers

    scope_path = "run__municipality"

    run = models.ForeignKey(PaymentRun, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(PaymentItem, on_delete=models.CASCADE, related_name="lines")
    household_ref = models.CharField(max_length=30)
    person = models.ForeignKey(
        "registry.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    person_ref = models.CharField(max_length=20)
    month = MonthField(_("month"))
    component = models.CharField(_("component"), max_length=20)
    kind = models.CharField(_("kind"), max_length=12, choices=LineKind.choices)
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    computed = models.DecimalField(_("computed now (€)"), max_digits=12, decimal_places=2)
    previously_paid = models.DecimalField(
        _("paid before (€)"), max_digits=12, decimal_places=2, default=0
    )
    poo_amount = models.DecimalField(
        _("of which POO (€)"), max_digits=12, decimal_places=2, default=0
    )
    days = models.PositiveSmallIntegerField(_("days"), default=0)
    # A reason code ({"code": "recomputed", "month": ..., "was": ..., "now": ...}) and
    # the explanation as a list of codes (reasons.py); legacy rows may hold text.
    reason = models.JSONField(_("reason"), default=dict, blank=True)
    explanation = models.JSONField(_("explanation"), default=list)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["item_id", "person_ref", "month", "component", "id"]
        verbose_name = _("payment line")
        verbose_name_plural = _("payment lines")
        constraints = [first_of_month_constraint("month")]
        indexes = [models.Index(fields=["run", "month"])]

    def __str__(self) -> str:
        return f"{self.person_ref} {self.month:%Y-%m} {self.component}: {self.amount}"

    @property
    def person_name(self) -> str:
        """The person's name; the reference (P12) once the person is deleted."""
        return str(self.person) if self.person_id else self.person_ref
