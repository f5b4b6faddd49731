"""Model pieces every app shares, written once: the municipality-owned record,
the inclusive date range with its database constraint, and the month field.

Core sits below the domain apps: it names the organisation model by its label
("accounts.Organisation") and imports no app above it.

Date ranges are inclusive on both ends: [start_date, end_date], with end_date
NULL meaning open-ended (rules/engine/dates.py uses the same convention)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .scoping import ScopedQuerySet

ORGANISATION_MODEL = "accounts.Organisation"


# --- owned by a municipality -------------------------------------------------


def municipality_field(related_name: str = "+", **kwargs) -> models.ForeignKey:
    """The owning municipality, as MunicipalityOwned declares it. A model whose
    reverse accessor is used in code (``organisation.persons``) redeclares the
    field with its own name: ``municipality = municipality_field("persons")``."""
    return models.ForeignKey(
        ORGANISATION_MODEL,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name=related_name,
        **kwargs,
    )


class MunicipalityOwned(models.Model):
    """A record one municipality owns: its staff see it, others only through a
    partner rule (core/scoping.py).

    The base declares the foreign key without a reverse accessor
    (``related_name="+"``): two apps can never clash on a name, and most
    records are reached from their own manager, not from the organisation.
    Models whose reverse accessor is used in code (``persons``,
    ``placements``, …) redeclare the field through ``municipality_field`` with
    that name, which Django allows for a field inherited from an abstract base;
    the column, the verbose name and on_delete stay the same everywhere."""

    scope_path = "municipality"

    municipality = municipality_field()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


# --- optimistic concurrency --------------------------------------------------


class Versioned(models.Model):
    """A record edited by people who may edit it at the same time: its
    ``version`` goes up by one on every save through core.services.save_audited,
    which refuses a save based on an older version (docs/decisions/0014). The
    forms carry it as a hidden field (core.mixins.AuditedFormMixin), the API as
    the ETag that If-Match sends back (core.api.viewsets)."""

    # db_default too: bulk writers that insert rows in SQL (the synthetic
    # national data set) start at version 1 as well.
    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)

    class Meta:
        abstract = True


# --- inclusive date ranges ---------------------------------------------------


def overlap_q(
    start: datetime.date,
    end: datetime.date | None,
    *,
    start_field: str = "start_date",
    end_field: str = "end_date",
) -> Q:
    """Rows whose inclusive [start_field, end_field] range (empty end = open)
    share at least one day with [start, end] (end None = open), as a Q, for
    querysets of models without a DatedQuerySet manager."""
    query = Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": start})
    if end is not None:
        query &= Q(**{f"{start_field}__lte": end})
    return query


class DatedQuerySet(ScopedQuerySet):
    def active_on(self, day: datetime.date):
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def overlapping(
        self,
        start: datetime.date,
        end: datetime.date | None,
        *,
        start_field: str = "start_date",
        end_field: str = "end_date",
    ):
        """Rows whose inclusive [start_field, end_field] range (empty end = open)
        shares at least one day with [start, end] (end None = open)."""
        return self.filter(overlap_q(start, end, start_field=start_field, end_field=end_field))


END_BEFORE_START = _("The end date cannot be before the start date.")


class DatedRange(models.Model):
    """An inclusive [start_date, end_date] range; end_date empty = open.

    The database refuses an end before the start (the constraint below, named
    ``<app>_<model>_end_after_start``); clean() says the same next to the field.
    A subclass with its own Meta extends this one to keep the constraint:
    ``class Meta(DatedRange.Meta): constraints = [*DatedRange.Meta.constraints, …]``
    (core/checks.py fails when a dated model lost it)."""

    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True, help_text=_("Empty: open-ended."))

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="%(app_label)s_%(class)s_end_after_start",
                violation_error_message=END_BEFORE_START,
            ),
        ]

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": END_BEFORE_START})

    def is_active_on(self, day: datetime.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


# --- months ------------------------------------------------------------------


def first_of_month(value):
    """The first day of the month of a date (or datetime); anything else as is."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    return value


class DayOfMonth(Func):
    """The day of the month of a date column, in SQL every client of the
    database understands: Django's own ExtractDay calls a function Django
    registers on its SQLite connections, which a CHECK constraint must not
    depend on (the file would refuse inserts from any other tool)."""

    output_field = models.IntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="EXTRACT(DAY FROM %(expressions)s)", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(strftime('%%%%d', %(expressions)s) AS INTEGER)",
            **extra_context,
        )


def first_of_month_constraint(field_name: str) -> models.CheckConstraint:
    """The database side of a MonthField: the stored day is the 1st. Add it to
    the model's Meta.constraints (an empty month passes)."""
    return models.CheckConstraint(
        condition=Q(**{f"{field_name}__isnull": True}) | Exact(DayOfMonth(field_name), 1),
        name=f"%(app_label)s_%(class)s_{field_name}_first_day",
        violation_error_message=_("A month is stored as its first day."),
    )


def platform_date_constraint(field_name: str) -> models.CheckConstraint:
    """The database side of the platform's date range (docs/decisions/0018):
    a stored day lies from 1900-01-01 to 2099-12-31 (an empty one passes)."""
    from openopvang.rules.engine.dates import EARLIEST_DATE, LATEST_DATE

    return models.CheckConstraint(
        condition=Q(**{f"{field_name}__isnull": True})
        | Q(**{f"{field_name}__gte": EARLIEST_DATE, f"{field_name}__lte": LATEST_DATE}),
        name=f"%(app_label)s_%(class)s_{field_name}_in_platform_range",
        violation_error_message=_("Choose a date from 1900 to 2099."),
    )


class MonthField(models.DateField):
    """A month, stored as its first day, whatever day of it is given: model
    validation (forms, API, admin) and every write (save, bulk_create,
    update) store the 1st. Lookups are left as given, so ``month__gte=day``
    keeps its plain date meaning. Pair it with first_of_month_constraint."""

    description = _("Month (stored as its first day)")

    def clean(self, value, model_instance):
        return super().clean(first_of_month(self.to_python(value)), model_instance)

    def pre_save(self, model_instance, add):
        value = first_of_month(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value, connection):
        return super().get_db_prep_save(first_of_month(value), connection)

    def formfield(self, **kwargs):
        from .forms import MonthFormField

        return super().formfield(**{"form_class": MonthFormField, **kwargs})


class MoneyField(models.DecimalField):
    """An amount in euros, stored as a plain decimal column. Its form field is
    core.forms.MoneyFormField (Dutch notation typed in a text box, ADR 0016),
    in every form, the admin included; `confirm_above` is the amount above
    which the form asks "is this amount right?" before it accepts it;
    `maximum` the sanity bound above which it is refused everywhere
    (core.validators.AmountBound, docs/decisions/0018).

    It deconstructs as the DecimalField it stores, so choosing it for a
    column changes no migration: how an amount is typed is not a schema."""

    def __init__(self, *args, confirm_above=None, maximum=None, **kwargs):
        self.confirm_above = confirm_above
        self.maximum = maximum
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self):
        # The sanity bound (core.validators.AmountBound) runs in model
        # validation, so forms, the admin and the API refuse it alike; kept out
        # of deconstruct() with the rest of how an amount is typed.
        from .validators import AmountBound

        bound = [AmountBound(self.maximum)] if self.maximum is not None else []
        return [*super().validators, *bound]

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs

    def formfield(self, **kwargs):
        from .forms import MoneyFormField

        return super().formfield(
            **{"form_class": MoneyFormField, "confirm_above": self.confirm_above, **kwargs}
        )


class TaskAttempt(models.Model):
    """One try of a background job run through `core.tasks.retried`: which job
    (name and arguments), which try, when, and how it ended. Kept for the
    operator; a job that failed every try shows all of its errors here."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    task_name = models.CharField(_("job"), max_length=200)
    arguments = models.TextField(_("arguments"), blank=True)
    attempt = models.PositiveSmallIntegerField(_("try"))
    max_attempts = models.PositiveSmallIntegerField(_("tries allowed"))
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.RUNNING
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["task_name", "started_at"])]
        verbose_name = _("job attempt")
        verbose_name_plural = _("job attempts")

    def __str__(self) -> str:
        return f"{self.task_name} #{self.attempt}: {self.outcome}"


# --- a background job with progress ------------------------------------------

WORKER_GRACE = datetime.timedelta(seconds=30)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BackgroundJob(models.Model):
    """What every job a user starts and watches shares: its status, progress
    (`done` of `count`), the error when it failed and when it was asked for
    and finished. The page polls the row; the task writes it."""

    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    count = models.PositiveIntegerField(_("to do"), default=0)
    error = models.TextField(_("error"), blank=True)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_active(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def waits_for_a_worker(self) -> bool:
        """Still queued well after it was asked for: no background worker is
        running (a worker claims a job within seconds)."""
        return (
            self.status == JobStatus.QUEUED
            and self.created_at is not None
            and timezone.now() - self.created_at > WORKER_GRACE
        )

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.count) if self.count else 0


class ScheduledRun(models.Model):
    """A periodic job was queued for one day, or one interval of a day
    (core.schedule): the unique (job, day, slot) makes queuing idempotent, so
    several schedulers, or one restarted, queue each job once per slot."""

    job = models.CharField(_("job"), max_length=100)
    day = models.DateField(_("day"))
    # 0 for a daily job; the number of the interval since its start time for
    # a job that runs every so many minutes.
    slot = models.PositiveSmallIntegerField(_("slot"), default=0)
    enqueued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-day", "-slot", "job"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "day", "slot"], name="core_scheduledrun_once_per_slot"
            )
        ]
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")

    def __str__(self) -> str:
        return f"{self.job} {self.day} #{self.slot}"
