"""Casework of third-country nationals: a case per person, its dated situation
history (append-only), the deadlines derived from the situation, and the
suspensions and extensions that move them. Row-local rules are in clean() or
a database constraint; rules across rows (a situation after the current one,
the deadlines a situation derives) are in services (ADR 0001)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openopvang.core.models import DatedRange, MunicipalityOwned, Versioned
from openopvang.core.permissions import REGISTRY_EDIT_ROLES
from openopvang.core.scoping import ScopedQuerySet

from . import terms

# core.scoping: case data is for the municipality's casework roles only.
CASEWORK_ROLES = REGISTRY_EDIT_ROLES


class SituationCode(models.TextChoices):
    PROTECTED = "protected", _("Protected (temporary protection)")
    ASYLUM_PENDING = "asylum_pending", _("Asylum application pending")
    ASYLUM_GRANTED = "asylum_granted", _("Asylum granted")
    REJECTED_APPEAL = "rejected_appeal", _("Asylum rejected, appeal pending")
    REJECTED_NO_APPEAL = "rejected_no_appeal", _("Asylum rejected, no appeal")
    WITHDRAWN = "withdrawn", _("Application withdrawn")
    OTHER_PERMIT = "other_permit", _("Other permit applied for")
    NO_RIGHT = "no_right", _("No right of residence")


class ClosureReason(models.TextChoices):
    TRANSFERRED_COA = "transferred_coa", _("Transferred to COA")
    HOUSED = "housed", _("Housed as status holder")
    DEPARTED_VOLUNTARY = "departed_voluntary", _("Departed voluntarily")
    DEPARTED_IOM = "departed_iom", _("Departed with IOM")
    DEPARTED_DTV = "departed_dtv", _("Departed with DT&V")
    UNKNOWN_DESTINATION = "unknown_destination", _("Left with unknown destination")
    DECEASED = "deceased", _("Deceased")


class DeadlineKind(models.TextChoices):
    DEPARTURE = terms.DEPARTURE, _("Departure term")
    COA_TRANSFER = terms.COA_TRANSFER, _("COA transfer")


class Case(Versioned, MunicipalityOwned):
    """The casework of one person; at most one open case per person. Versioned:
    an assignment or closure based on an older read is refused (ADR 0014)."""

    scope_roles = CASEWORK_ROLES

    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caseworker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=30, choices=ClosureReason.choices, blank=True
    )
    closure_note = models.TextField(_("closure note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(closed_on__isnull=True),
                name="casework_one_open_case_per_person",
                violation_error_message=_("This person already has an open case."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="casework_case_closed_after_opened",
                violation_error_message=_("A case cannot be closed before it was opened."),
            ),
            models.CheckConstraint(
                condition=(Q(closed_on__isnull=True) & Q(closure_reason=""))
                | (Q(closed_on__isnull=False) & ~Q(closure_reason="")),
                name="casework_case_closure_reason_with_date",
                violation_error_message=_("A closed case needs a closure reason, and only then."),
            ),
        ]
        indexes = [models.Index(fields=["municipality", "closed_on"])]

    def __str__(self) -> str:
        return _("Case %(number)s") % {"number": self.pk or "—"}

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def get_absolute_url(self) -> str:
        return reverse("casework:case_detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.person_id and self.municipality_id:
            if self.person.municipality_id != self.municipality_id:
                errors["person"] = _("The person is registered in another municipality.")
        if self.caseworker_id and self.municipality_id:
            worker = self.caseworker
            if worker.organisation_id != self.municipality_id or worker.role not in CASEWORK_ROLES:
                errors["caseworker"] = _(
                    "The caseworker must be a caseworker, coordinator or administrator of the "
                    "municipality."
                )
        if self.closed_on and not self.closure_reason:
            errors["closure_reason"] = _("Choose why the case is closed.")
        if self.closure_reason and not self.closed_on:
            errors["closed_on"] = _("Give the day the case was closed.")
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            errors["closed_on"] = _("A case cannot be closed before it was opened.")
        if errors:
            raise ValidationError(errors)


class Situation(models.Model):
    """One dated entry of a case's situation history; never changed, a later
    entry follows it. Its end is the day before the next entry starts."""

    scope_path = "case__municipality"
    scope_roles = CASEWORK_ROLES

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="situations"
    )
    code = models.CharField(_("situation"), max_length=30, choices=SituationCode.choices)
    start_date = models.DateField(
        _("since"), help_text=_("The day the decision or ruling took effect or was served.")
    )
    decision_reference = models.CharField(
        _("decision or ruling"),
        max_length=200,
        blank=True,
        help_text=_("E.g. RvS 23 April 2025, ECLI:NL:RVS:2025:1836, or the IND decision number."),
    )
    reason = models.TextField(_("why"), help_text=_("Why the situation changed."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "start_date", "id"]
        verbose_name = _("situation")
        verbose_name_plural = _("situations")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "start_date"],
                name="casework_one_situation_per_day",
                violation_error_message=_("The case already has a situation from this day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} ({self.start_date:%d-%m-%Y})"

    def clean(self):
        super().clean()
        if not (self.reason or "").strip():
            raise ValidationError({"reason": _("Say why the situation changed.")})


class Deadline(models.Model):
    """A deadline derived from a situation (never typed by hand): the dates are
    computed by services.recompute_deadline from the term rules, the
    suspensions and the extensions, and stored for the work lists."""

    scope_path = "case__municipality"
    scope_roles = CASEWORK_ROLES

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="deadlines"
    )
    situation = models.ForeignKey(
        Situation, verbose_name=_("situation"), on_delete=models.CASCADE, related_name="deadlines"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DeadlineKind.choices)
    start_date = models.DateField(_("term runs from"))
    legal_deadline = models.DateField(_("legal deadline"), null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    due_date = models.DateField(
        _("due"), null=True, blank=True, help_text=_("The legal deadline, else the target date.")
    )
    reminder_date = models.DateField(_("reminder"), null=True, blank=True)
    clock_stopped = models.BooleanField(_("clock stopped"), default=False)
    closed_on = models.DateField(
        _("no longer applies from"),
        null=True,
        blank=True,
        help_text=_("The day a later situation or the closure of the case replaced it."),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.UniqueConstraint(
                fields=["situation", "kind"], name="casework_one_deadline_per_situation_kind"
            ),
        ]
        indexes = [models.Index(fields=["closed_on", "due_date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.case})"


class Suspension(DatedRange):
    """The clock of a deadline stands still on these days (e.g. a court's
    interim measure); an open end keeps it stopped."""

    scope_path = "deadline__case__municipality"
    scope_roles = CASEWORK_ROLES

    deadline = models.ForeignKey(
        Deadline, verbose_name=_("deadline"), on_delete=models.CASCADE, related_name="suspensions"
    )
    reason = models.TextField(_("why"))
    decision_reference = models.CharField(_("decision or ruling"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta(DatedRange.Meta):
        ordering = ["start_date", "id"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")

    def __str__(self) -> str:
        return _("Suspension from %(date)s") % {"date": f"{self.start_date:%d-%m-%Y}"}

    def clean(self):
        super().clean()
        if self.deadline_id and self.start_date and self.start_date < self.deadline.start_date:
            raise ValidationError(
                {"start_date": _("A suspension cannot start before the term runs.")}
            )


class Extension(models.Model):
    """Days added to a deadline's term, with the reason."""

    scope_path = "deadline__case__municipality"
    scope_roles = CASEWORK_ROLES

    deadline = models.ForeignKey(
        Deadline, verbose_name=_("deadline"), on_delete=models.CASCADE, related_name="extensions"
    )
    days = models.PositiveIntegerField(_("days added"))
    reason = models.TextField(_("why"))
    decision_reference = models.CharField(_("decision or ruling"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.CheckConstraint(
                condition=Q(days__gte=1) & Q(days__lte=365),
                name="casework_extension_days_in_range",
                violation_error_message=_("An extension adds 1 to 365 days."),
            ),
        ]

    def __str__(self) -> str:
        return _("Extension by %(days)s days") % {"days": self.days}


class DigestSent(models.Model):
    """A caseworker's daily digest went out for that day: it goes out once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    items = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="casework_one_digest_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.day:%d-%m-%Y}"


class DigestChoice(models.Model):
    """Whether a caseworker wants the daily digest by e-mail too; without a
    row they do. In the app the dashboard's casework card always shows it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="casework_digest"
    )
    by_email = models.BooleanField(_("daily digest by e-mail"), default=True)

    class Meta:
        verbose_name = _("digest choice")
        verbose_name_plural = _("digest choices")

    def __str__(self) -> str:
        return f"{self.user}: {self.by_email}"


class SavedFilter(models.Model):
    """A caseworker's own named view of the work list ("my overdue COA
    cases"): the list's query, kept per user; only its owner sees it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="casework_filters"
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("filters"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                name="casework_filter_name_once",
                violation_error_message=_("You already have a saved filter with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


# --- the way out: COA transfer, departure, eviction ---------------------------------------


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    OFFERED = "offered", _("Place offered")
    TRANSFERRED = "transferred", _("Transferred")
    CANCELLED = "cancelled", _("Cancelled")


class DepartureStatus(models.TextChoices):
    PLANNED = "planned", _("Departure planned")
    DEPARTED = "departed", _("Departed")
    CANCELLED = "cancelled", _("Cancelled")


class DepartureKind(models.TextChoices):
    VOLUNTARY = "voluntary", _("Voluntarily, on their own")
    IOM = "iom", _("With IOM")
    DTV = "dtv", _("With DT&V")


class BlockerKind(models.TextChoices):
    HOSPITAL = "hospital", _("In hospital")
    CUSTODY = "custody", _("In custody")
    OTHER = "other", _("Other reason")


class EvictionStepCode(models.TextChoices):
    """The VNG advice as steps in this order; none can be skipped."""

    RIGHT_ENDED = "right_ended", _("The right to reception has indisputably ended")
    INFORMED = "informed", _("The person has been informed in writing")
    HELP_OFFERED = "help_offered", _("Help with departure has been offered")
    DTV_INVOLVED = "dtv_involved", _("DT&V has been involved")
    POLICE_INVOLVED = "police_involved", _("The police have been involved")
    CARRIED_OUT = "carried_out", _("The eviction has been carried out")


EVICTION_ORDER = [code for code, _label in EvictionStepCode.choices]
ACTIVE_TRANSFER = [TransferStatus.REQUESTED, TransferStatus.OFFERED]
ACTIVE_DEPARTURE = [DepartureStatus.PLANNED]


class Recorded(models.Model):
    """Who recorded a step of a case, and when."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True


class Transfer(Recorded):
    """The move of a person with a pending asylum application to COA:
    requested, a place offered, transferred (or cancelled)."""

    scope_path = "case__municipality"
    scope_roles = CASEWORK_ROLES

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="transfers"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TransferStatus.choices, default=TransferStatus.REQUESTED
    )
    requested_on = models.DateField(_("requested on"))
    offered_on = models.DateField(_("place offered on"), null=True, blank=True)
    coa_location = models.CharField(_("COA location"), max_length=200, blank=True)
    transferred_on = models.DateField(_("transferred on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_on", "-id"]
        verbose_name = _("COA transfer")
        verbose_name_plural = _("COA transfers")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status__in=["requested", "offered"]),
                name="casework_one_active_transfer_per_case",
                violation_error_message=_("The case already has a transfer in progress."),
            ),
            models.CheckConstraint(
                condition=Q(offered_on__isnull=True) | Q(offered_on__gte=F("requested_on")),
                name="casework_transfer_offered_after_requested",
                violation_error_message=_("A place cannot be offered before it was requested."),
            ),
            models.CheckConstraint(
                condition=Q(transferred_on__isnull=True) | Q(transferred_on__gte=F("requested_on")),
                name="casework_transfer_after_requested",
                violation_error_message=_("A transfer cannot happen before it was requested."),
            ),
        ]

    def __str__(self) -> str:
        return _("COA transfer requested on %(date)s") % {"date": f"{self.requested_on:%d-%m-%Y}"}


class TransferBlocker(DatedRange, Recorded):
    """A reason a transfer cannot happen on these days (hospital, custody)."""

    scope_path = "case__municipality"
    scope_roles = CASEWORK_ROLES

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="blockers"
    )
    kind = models.CharField(_("blocker"), max_length=20, choices=BlockerKind.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta(DatedRange.Meta):
        ordering = ["start_date", "id"]
        verbose_name = _("transfer blocker")
        verbose_name_plural = _("transfer blockers")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.start_date:%d-%m-%Y})"


class Departure(Recorded):
    """A departure from the Netherlands: planned (with whom, and the day the
    person registered with DT&V, which decides the DT&V contribution), then
    departed or cancelled."""

    scope_path = "case__municipality"
    scope_roles = CASEWORK_ROLES

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="departures"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DepartureStatus.choices,
        default=DepartureStatus.PLANNED,
    )
    kind = models.CharField(_("departs"), max_length=20, choices=DepartureKind.choices)
    planned_on = models.DateField(_("planned for"))
    dtv_registered_on = models.DateField(
        _("registered with DT&V on"),
        null=True,
        blank=True,
        help_text=_("Decides which DT&V return contribution applies."),
    )
    departed_on = models.DateField(_("departed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-planned_on", "-id"]
        verbose_name = _("departure")
        verbose_name_plural = _("departures")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="planned"),
                name="casework_one_planned_departure_per_case",
                violation_error_message=_("The case already has a planned departure."),
            ),
            models.CheckConstraint(
                condition=Q(status="departed", departed_on__isnull=False)
                | (~Q(status="departed") & Q(departed_on__isnull=True)),
                name="casework_departure_date_when_departed",
                violation_error_message=_(
                    "A departure has a date once it happened, and only then."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("Departure planned for %(date)s") % {"date": f"{self.planned_on:%d-%m-%Y}"}


class EvictionStep(Recorded):
    """One step of the eviction procedure (EVICTION_ORDER): each is recorded
    after the one before it, dated, and never changed."""

    scope_path = "case__municipality"
    scope_roles = CASEWORK_ROLES

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="eviction_steps"
    )
    step = models.CharField(_("step"), max_length=30, choices=EvictionStepCode.choices)
    done_on = models.DateField(_("done on"))
    reference = models.CharField(
        _("reference"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the letter's date and number, or the DT&V or police contact."),
    )
    note = models.TextField(_("note"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["done_on", "id"]
        verbose_name = _("eviction step")
        verbose_name_plural = _("eviction steps")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "step"],
                name="casework_one_eviction_step_each",
                violation_error_message=_("This step has already been recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} ({self.done_on:%d-%m-%Y})"

    def clean(self):
        super().clean()
        if not (self.note or "").strip():
            raise ValidationError({"note": _("Describe what was done.")})


# --- decisions --------------------------------------------------------------------------


class DecisionKind(models.TextChoices):
    IND = "ind", _("IND decision")
    RETURN = "return", _("Return decision")
    COURT = "court", _("Court ruling")
    END_OF_RECEPTION = "end_of_reception", _("Municipal decision to end reception")
    MUNICIPAL_OTHER = "municipal_other", _("Other municipal decision")


# The municipality's own decisions take effect only after a second officer's approval.
MUNICIPAL_DECISIONS = [DecisionKind.END_OF_RECEPTION, DecisionKind.MUNICIPAL_OTHER]


class DecisionStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting a second officer")
    IN_FORCE = "in_force", _("In force")
    CORRECTED = "corrected", _("Corrected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Decision(Recorded):
    """A decision (besluit) or ruling on the case. Never overwritten: a
    correction is a new decision that `corrects` this one, a withdrawal
    changes only its status with the day and reason."""

    scope_path = "case__municipality"
    scope_roles = CASEWORK_ROLES

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DecisionKind.choices)
    reference = models.CharField(
        _("reference"),
        max_length=200,
        help_text=_("E.g. RvS 23 April 2025, ECLI:NL:RVS:2025:1836, or the IND decision number."),
    )
    decided_on = models.DateField(_("decided on"))
    summary = models.TextField(_("what was decided"))
    status = models.CharField(_("status"), max_length=20, choices=DecisionStatus.choices)
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("why withdrawn"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("recorded_by")),
                name="casework_decision_four_eyes",
                violation_error_message=_(
                    "Four eyes: another officer than the one who recorded it approves a decision."
                ),
            ),
            models.CheckConstraint(
                # In force only once approved; one awaiting approval can still be
                # corrected or withdrawn (it never took effect).
                condition=~Q(kind__in=MUNICIPAL_DECISIONS)
                | ~Q(status="in_force")
                | Q(approved_by__isnull=False),
                name="casework_municipal_decision_approved",
                violation_error_message=_(
                    "A municipal decision takes effect only after a second officer approved it."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(status="withdrawn") & Q(withdrawn_on__isnull=False))
                | (~Q(status="withdrawn") & Q(withdrawn_on__isnull=True)),
                name="casework_decision_withdrawn_with_date",
                violation_error_message=_("A withdrawn decision has the day it was withdrawn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    @property
    def needs_approval(self) -> bool:
        return self.kind in MUNICIPAL_DECISIONS

    def clean(self):
        super().clean()
        if not (self.summary or "").strip():
            raise ValidationError({"summary": _("Say what was decided.")})
