"""Reports: the aggregates the dashboards read (issue 14). A dashboard never
scans every placement on a view; it reads `DailyFigure`, which
`reports.figures.refresh_figures` rebuilds for a range of days (a background
job, and `openopvang refresh_figures` on demand) with the registry's own rules
for realised capacity and occupancy."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openopvang.core.models import MunicipalityOwned
from openopvang.core.permissions import FINANCE_ROLES


class DailyFigure(MunicipalityOwned):
    """One municipality's figures on one day: per GOO location open that day
    (`location` set), and the municipality's total (`location` empty).

    - places: realised capacity (the location's capacity period active that
      day, 0 without one), as the registry's occupancy table shows it;
    - occupied: persons placed at the location (GOO) that day;
    - goo / poo: persons placed at a location / with a host that day (the
      total row; a location row has goo = occupied and poo = 0);
    - arrivals / departures (total row): persons whose first placement in
      the municipality starts that day / whose last placement ended that
      day (its last night) with no open placement left."""

    location = models.ForeignKey(
        "registry.Location",
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField(_("day"))
    places = models.PositiveIntegerField(_("realised places"), default=0)
    occupied = models.PositiveIntegerField(_("occupied"), default=0)
    goo = models.PositiveIntegerField(_("persons at a GOO location"), default=0)
    poo = models.PositiveIntegerField(_("persons with a POO host"), default=0)
    arrivals = models.PositiveIntegerField(_("arrivals"), default=0)
    departures = models.PositiveIntegerField(_("departures"), default=0)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["day", "location_id"]
        verbose_name = _("daily figure")
        verbose_name_plural = _("daily figures")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "location", "day"],
                condition=Q(location__isnull=False),
                name="daily_figure_once_per_location_day",
            ),
            models.UniqueConstraint(
                fields=["municipality", "day"],
                condition=Q(location__isnull=True),
                name="daily_figure_one_total_per_day",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "day"])]

    def __str__(self) -> str:
        where = self.location_id or "total"
        return f"{self.municipality_id} {where} {self.day.isoformat()}"


class MonthlyCost(MunicipalityOwned):
    """One municipality's money in one month (reports.costs.refresh_costs),
    so the dashboard never runs the rules engine or reads every payment line
    on a view:

    - booo: the BooO claim of the latest submitted declaration version of
      the month's year, by component ({component: "amount"}), the lines of
      a period spread over its months by days (as the engine's by_month);
    - booo_total: their sum, the normbedrag income the state pays back;
    - leefgeld_paid: leefgeld in approved payment runs for the month
      (corrections count in the month they correct);
    - eigen_bijdrage: the month's eigen bijdrage collection list total
      (empty when its amounts are not known yet);
    - support_invoiced: support services invoiced for the month (invoices
      sent or settled).

    Money, so only finance officers and administrators read it (core.scoping)."""

    scope_roles = FINANCE_ROLES

    month = models.DateField(_("month"))
    booo = models.JSONField(_("BooO claim by component"), default=dict)
    booo_total = models.DecimalField(_("BooO claim"), max_digits=14, decimal_places=2, default=0)
    leefgeld_paid = models.DecimalField(
        _("leefgeld paid"), max_digits=14, decimal_places=2, default=0
    )
    eigen_bijdrage = models.DecimalField(
        _("eigen bijdrage"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    support_invoiced = models.DecimalField(
        _("support services invoiced"), max_digits=14, decimal_places=2, default=0
    )
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["month"]
        verbose_name = _("monthly cost")
        verbose_name_plural = _("monthly costs")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "month"], name="monthly_cost_once_per_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.month:%Y-%m}"


class MonthlyReport(MunicipalityOwned):
    """The council's monthly report of a month just ended, as the scheduled
    job (reports.tasks.monthly_reports) made it: kept so it can be sent on
    as it was. It holds money, so finance officers and administrators read it."""

    scope_roles = FINANCE_ROLES

    month = models.DateField(_("month"))
    pdf = models.BinaryField(_("PDF"))
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "month"], name="monthly_report_once_per_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.month:%Y-%m}"
