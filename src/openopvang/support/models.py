"""Support services an NGO (VluchtelingenWerk) sells to municipalities: the
catalogue, tailored offers, orders (contracts), enrolment of participants,
delivery (sessions and attendance) and monthly invoices whose approved lines
flow into the BooO declaration as purchased services.

Ownership: offers, orders and invoices belong to the municipality they are
addressed to (scope_path) and are shared with the NGO that delivers them
through partner rules in support/scoping.py.

Money: Decimal; every line amount is units × unit price rounded half-up to
cents once, at the line (rules.engine.money.round_cents). Totals are sums of
rounded lines. Periods are inclusive [from, to]."""

import calendar
import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from openopvang.core.formatting import long_date
from openopvang.core.formatting import month as month_name
from openopvang.core.models import (
    MoneyField,
    MonthField,
    MunicipalityOwned,
    first_of_month_constraint,
    municipality_field,
)
from openopvang.core.scoping import ScopedQuerySet
from openopvang.core.validators import AmountBound
from openopvang.rules.engine.money import round_cents

ZERO = Decimal("0")
# From this age a person counts as an adult for a service's target group.
ADULT_AGE = 18
# Days the municipality has to pay an invoice, counted from the invoice date.
PAYMENT_TERM_DAYS = 30


def _day(value: datetime.date) -> str:
    """A date in a message, in the one date style of the active language."""
    return long_date(value, get_language())


class ServiceKind(models.TextChoices):
    TRAJECTORY = "trajectory", _("Trajectory")
    TRAINING = "training", _("Training")
    ACTIVITY = "activity", _("Activity")
    CONSULTATION_HOURS = "consultation_hours", _("Consultation hours")


class TargetGroup(models.TextChoices):
    ADULTS = "adults", _("Adults")
    CHILDREN = "children", _("Children")
    PARENTS = "parents", _("Parents")


class Unit(models.TextChoices):
    PER_PARTICIPANT = "per_participant", _("per participant")
    PER_SESSION = "per_session", _("per session")
    PER_HOUR = "per_hour", _("per hour")
    PER_MONTH = "per_month", _("per month")


class Language(models.TextChoices):
    NL = "nl", "Nederlands"
    EN = "en", "English"
    UK = "uk", "Українська"
    RU = "ru", "Русский"


class Service(models.Model):
    """A service in an NGO's catalogue. Not personal data: every staff member
    may read the catalogue; only the providing NGO changes it."""

    provider = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="support_services",
        limit_choices_to={"kind": "ngo"},
    )
    code = models.SlugField(_("code"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=ServiceKind.choices)
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    standard_price = MoneyField(
        _("standard price per unit (€)"),
        confirm_above=1_000,
        maximum=100_000,
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Empty: the price is agreed per contract (offer)."),
    )
    capacity_per_group = models.PositiveIntegerField(_("capacity per group"), null=True, blank=True)
    duration = models.CharField(_("duration"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["provider__name", "code"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "code"],
                name="support_service_code_unique_per_provider",
                violation_error_message=_("This provider already has a service with this code."),
            ),
        ]

    def __str__(self) -> str:
        return self.title()

    def text(self, language: str | None = None) -> "ServiceText | None":
        """The text row in `language` (default: the active language), falling
        back to Dutch, then to any row."""
        language = (language or get_language() or "nl")[:2]
        texts = {text.language: text for text in self.texts.all()}
        return texts.get(language) or texts.get("nl") or next(iter(texts.values()), None)

    def title(self, language: str | None = None) -> str:
        text = self.text(language) if self.pk else None
        return text.title if text else self.code


class ServiceText(models.Model):
    """Content as rows per language, not columns per language."""

    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="texts",
    )
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    public_text = models.TextField(
        _("public text"),
        blank=True,
        help_text=_("Shown to displaced persons on the municipality's public services page."),
    )

    class Meta:
        ordering = ["service", "language"]
        verbose_name = _("service text")
        verbose_name_plural = _("service texts")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "language"],
                name="support_service_text_once_per_language",
                violation_error_message=_("This service already has a text in this language."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Offer(MunicipalityOwned):
    """A tailored offer (maatwerk) from an NGO to one municipality."""

    ngo = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("NGO"),
        on_delete=models.PROTECT,
        related_name="support_offers_made",
    )
    municipality = municipality_field("support_offers")
    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OfferStatus.choices,
        default=OfferStatus.DRAFT,
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self) -> str:
        return f"{self.title} ({self.municipality})"

    def get_absolute_url(self) -> str:
        return reverse("support:offer_detail", args=[self.pk])

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines.all()), Decimal("0.00"))


# units × unit price of one line: a sanity bound (docs/decisions/0018) that
# also keeps an invoice line within its column.
LINE_AMOUNT_BOUND = AmountBound(10_000_000)


class PricedLine(models.Model):
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="+"
    )
    units = models.DecimalField(
        _("units"), max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    unit_price = MoneyField(
        _("unit price (€)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(ZERO)],
        confirm_above=1_000,
        maximum=100_000,
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))

    class Meta:
        abstract = True

    @property
    def amount(self) -> Decimal:
        """units × unit price, rounded half-up to cents (once, here)."""
        if self.units is None or self.unit_price is None:
            return Decimal("0.00")
        return round_cents(self.units * self.unit_price)

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("The end date cannot be before the start date.")}
            )
        try:
            LINE_AMOUNT_BOUND(self.amount)
        except ValidationError as error:
            raise ValidationError({"units": error}) from None

    def covers(self, day: datetime.date) -> bool:
        return self.period_start <= day <= self.period_end


class OfferLine(PricedLine):
    scope_path = "offer__municipality"

    offer = models.ForeignKey(
        Offer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="lines"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["offer", "id"]
        verbose_name = _("offer line")
        verbose_name_plural = _("offer lines")

    def __str__(self) -> str:
        return f"{self.service}: {self.units} × € {self.unit_price}"


class Order(MunicipalityOwned):
    """The contract that comes from an accepted offer."""

    offer = models.OneToOneField(
        Offer, verbose_name=_("offer"), on_delete=models.PROTECT, related_name="order"
    )
    ngo = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("NGO"),
        on_delete=models.PROTECT,
        related_name="support_orders_received",
    )
    municipality = municipality_field("support_orders")
    number = models.CharField(_("order number"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    budget = MoneyField(
        _("budget (€)"),
        max_digits=11,
        decimal_places=2,
        confirm_above=250_000,
        maximum=100_000_000,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("support:order_detail", args=[self.pk])


class OrderLine(PricedLine):
    scope_path = "order__municipality"

    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="lines"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")

    def __str__(self) -> str:
        return f"{self.order.number}: {self.service}"


class Enrolment(models.Model):
    """A person of the order's municipality taking part in an order line."""

    scope_path = "order_line__order__municipality"

    order_line = models.ForeignKey(
        OrderLine, verbose_name=_("service"), on_delete=models.PROTECT, related_name="enrolments"
    )
    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="support_enrolments",
    )
    enrolled_on = models.DateField(_("enrolled on"), default=datetime.date.today)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    outside_target_group_confirmed = models.BooleanField(
        _("enrolment outside the target group confirmed"),
        default=False,
        help_text=_("The user confirmed enrolling a person outside the service's target group."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["order_line", "person__family_name", "id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["order_line", "person"],
                name="support_enrolment_once_per_line",
                violation_error_message=_("This person is already enrolled in this service."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.order_line.service}"

    def clean(self):
        super().clean()
        if self.person_id and self.order_line_id:
            if self.person.municipality_id != self.order_line.order.municipality_id:
                raise ValidationError(
                    {"person": _("Only persons of the ordering municipality can be enrolled.")}
                )
        if self.enrolled_on and self.ended_on and self.ended_on < self.enrolled_on:
            raise ValidationError(
                {
                    "ended_on": _("The end date cannot be before the enrolment date (%(date)s).")
                    % {"date": _day(self.enrolled_on)}
                }
            )
        if self.pk and self.ended_on:
            later = (
                self.attendances.filter(session__date__gt=self.ended_on)
                .order_by("-session__date")
                .values_list("session__date", flat=True)
                .first()
            )
            if later is not None:
                raise ValidationError(
                    {
                        "ended_on": _(
                            "%(person)s attended a session on %(date)s, after this end date."
                        )
                        % {"person": self.person, "date": _day(later)}
                    }
                )

    def target_group_warning(self) -> str | None:
        """Why the person is outside the service's target group on the
        enrolment date (age on that day), or None when inside it. A warning:
        the enrolment is saved only when the user confirms it."""
        if not (self.person_id and self.order_line_id and self.enrolled_on):
            return None
        group = self.order_line.service.target_group
        adult = self.person.age_on(self.enrolled_on) >= ADULT_AGE
        values = {
            "person": self.person,
            "date": _day(self.enrolled_on),
            "service": self.order_line.service.title(),
        }
        if group == TargetGroup.ADULTS and not adult:
            text = _("%(person)s is under 18 on %(date)s, but %(service)s is meant for adults.")
        elif group == TargetGroup.PARENTS and not adult:
            text = _("%(person)s is under 18 on %(date)s, but %(service)s is meant for parents.")
        elif group == TargetGroup.CHILDREN and adult:
            text = _(
                "%(person)s is 18 or older on %(date)s, but %(service)s is meant for children."
            )
        else:
            return None
        return text % values


class Session(models.Model):
    """A delivery record: a session (group meeting, consultation hour, …) of
    one order line on one day. `units` is what the session counts for the
    invoice, fixed when it is registered (see services.units_for_session)."""

    scope_path = "order_line__order__municipality"

    order_line = models.ForeignKey(
        OrderLine, verbose_name=_("service"), on_delete=models.PROTECT, related_name="sessions"
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    units = models.DecimalField(_("units counted"), max_digits=9, decimal_places=2, default=ZERO)
    description = models.CharField(_("description"), max_length=200, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    over_order_confirmed = models.BooleanField(
        _("exceeding the order confirmed"),
        default=False,
        help_text=_("The user confirmed registering more than the ordered units or budget."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.order_line.service}"

    @property
    def amount(self) -> Decimal:
        return round_cents(self.units * self.order_line.unit_price)

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate():
            raise ValidationError(
                {
                    "date": _(
                        "The date cannot be in the future: delivery is registered once it "
                        "has taken place."
                    )
                }
            )
        if self.order_line_id and self.date and not self.order_line.covers(self.date):
            raise ValidationError(
                {
                    "date": _("The date lies outside the ordered period %(start)s – %(end)s.")
                    % {
                        "start": _day(self.order_line.period_start),
                        "end": _day(self.order_line.period_end),
                    }
                }
            )


class Attendance(models.Model):
    scope_path = "session__order_line__order__municipality"

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Hours for this participant; empty: the session's hours."),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["session", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"],
                name="support_attendance_once_per_session",
                violation_error_message=_(
                    "This participant is already registered for the session."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.person} @ {self.session}"


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    SETTLED = "settled", _("Settled")


class Invoice(models.Model):
    """A monthly invoice for one order, built from registered delivery."""

    scope_path = "order__municipality"

    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="invoices"
    )
    number = models.CharField(_("invoice number"), max_length=30, unique=True)
    month = MonthField(_("month"), help_text=_("The first day of the invoiced month."))
    status = models.CharField(
        _("status"), max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT
    )
    total = models.DecimalField(_("total (€)"), max_digits=11, decimal_places=2, default=ZERO)
    interim = models.BooleanField(
        _("interim invoice"),
        default=False,
        help_text=_(
            "An invoice made before the month has ended (tussentijdse factuur), "
            "for the delivery registered so far."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "-id"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "month"],
                name="support_invoice_once_per_order_month",
                violation_error_message=_("This order already has an invoice for that month."),
            ),
            first_of_month_constraint("month"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("support:invoice_detail", args=[self.pk])

    def clean(self):
        super().clean()
        # Checked while the invoice is made (a draft): an invoice already sent
        # is settled whatever the day.
        if (
            self.month
            and not self.interim
            and self.status == InvoiceStatus.DRAFT
            and self.month_end >= timezone.localdate()
        ):
            raise ValidationError(
                {
                    "interim": _(
                        "The month %(month)s has not ended yet: its invoice can be made "
                        "from %(date)s. Mark it as an interim invoice to invoice the delivery "
                        "so far."
                    )
                    % {
                        "month": month_name(self.month, get_language()),
                        "date": _day(self.month_end + datetime.timedelta(days=1)),
                    }
                }
            )

    @property
    def month_end(self) -> datetime.date:
        return self.month.replace(day=calendar.monthrange(self.month.year, self.month.month)[1])

    @property
    def invoice_date(self) -> datetime.date | None:
        """The date of the invoice: the day it is sent (a draft has none yet)."""
        return timezone.localdate(self.sent_at) if self.sent_at else None

    @property
    def due_date(self) -> datetime.date | None:
        """The last day of the payment term (PAYMENT_TERM_DAYS after the invoice date)."""
        day = self.invoice_date
        return day + datetime.timedelta(days=PAYMENT_TERM_DAYS) if day else None

    @property
    def approved_total(self) -> Decimal:
        return sum(
            (line.amount for line in self.lines.all() if line.status == LineStatus.APPROVED),
            Decimal("0.00"),
        )


class LineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    APPROVED = "approved", _("Approved")
    DISPUTED = "disputed", _("Disputed")


class InvoiceLine(models.Model):
    """One service on an invoice: units × unit price, rounded half-up once.
    `sessions` are the delivery records the line is built from."""

    scope_path = "invoice__order__municipality"

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="lines"
    )
    order_line = models.ForeignKey(
        OrderLine,
        verbose_name=_("order line"),
        on_delete=models.PROTECT,
        related_name="invoice_lines",
    )
    description = models.CharField(_("description"), max_length=200)
    units = models.DecimalField(_("units"), max_digits=9, decimal_places=2)
    unit_price = models.DecimalField(_("unit price (€)"), max_digits=9, decimal_places=2)
    amount = models.DecimalField(_("amount (€)"), max_digits=11, decimal_places=2)
    sessions = models.ManyToManyField(
        Session, verbose_name=_("sessions"), blank=True, related_name="invoice_lines"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LineStatus.choices, default=LineStatus.OPEN
    )
    dispute_reason = models.TextField(_("reason for the dispute"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["invoice", "id"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="disputed") | ~Q(dispute_reason=""),
                name="support_disputed_line_has_reason",
                violation_error_message=_("A disputed line needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice.number}: {self.description}"

    def get_absolute_url(self) -> str:
        return reverse("support:invoice_line_detail", args=[self.pk])
