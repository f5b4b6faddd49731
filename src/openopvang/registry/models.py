"""The registry a municipality runs its reception on: persons, households over
time, GOO locations with realised capacity over time, POO hosts, placements and
income periods.

Date ranges are inclusive on both ends: [start_date, end_date], with
end_date NULL meaning open-ended (core.models.DatedRange; rules/engine/dates.py
uses the same convention in the calculations)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openopvang.core import names
from openopvang.core.models import (
    DatedRange,
    MoneyField,
    MonthField,
    MunicipalityOwned,
    Versioned,
    first_of_month_constraint,
    municipality_field,
)
from openopvang.core.scoping import ScopedQuerySet

from . import validators

UKRAINE = "UA"
NAME_FIELDS = ("given_names", "family_name", "given_names_cyrillic", "family_name_cyrillic")


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("Other / unknown")


class Person(MunicipalityOwned, Versioned):
    municipality = municipality_field("persons")
    given_names = models.CharField(_("given names"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    given_names_cyrillic = models.CharField(_("given names (Cyrillic)"), max_length=100, blank=True)
    family_name_cyrillic = models.CharField(_("family name (Cyrillic)"), max_length=100, blank=True)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.OTHER)
    nationality = models.CharField(
        _("nationality"),
        max_length=2,
        default=UKRAINE,
        validators=[validators.validate_country_code],
        help_text=_("ISO 3166 country code; anything other than UA is a third-country national."),
    )
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        validators=[validators.validate_bsn],
        help_text=_("Citizen service number, 9 digits (11-check)."),
    )
    languages = models.JSONField(
        _("preferred languages"),
        default=list,
        blank=True,
        validators=[validators.validate_language_codes],
        help_text=_("ISO 639-1 codes, most preferred first, e.g. uk, ru, en."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    iban = models.CharField(
        _("IBAN"),
        max_length=34,
        blank=True,
        validators=[validators.validate_iban],
    )
    notes = models.TextField(_("notes"), blank=True)
    # Every common spelling of the names (core.names.search_key, ADR 0015),
    # kept on save; the person search looks here too.
    search_key = models.TextField(blank=True, default="", editable=False)
    # Set by the privacy app when the personal details were anonymised after
    # the retention period (ADR 0019); the name is then the pseudonym P<id>.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_names", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "bsn"],
                condition=~Q(bsn=""),
                name="person_bsn_unique_per_municipality",
                violation_error_message=_("Another person in this municipality has this BSN."),
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "family_name", "given_names"]),
            models.Index(fields=["municipality", "birth_date"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_key = names.search_key(
            self.given_names, self.family_name, self.given_names_cyrillic, self.family_name_cyrillic
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(NAME_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()

    @property
    def full_name_cyrillic(self) -> str:
        return f"{self.given_names_cyrillic} {self.family_name_cyrillic}".strip()

    @property
    def bsn_masked(self) -> str:
        """The last three digits only, to tell persons apart in a picker."""
        return f"••••••{self.bsn[-3:]}" if self.bsn else ""

    @property
    def is_third_country_national(self) -> bool:
        return self.nationality != UKRAINE

    def age_on(self, day: datetime.date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def clean(self):
        super().clean()
        self.bsn = validators.normalise_bsn(self.bsn)
        self.iban = validators.normalise_iban(self.iban)
        self.nationality = (self.nationality or "").strip().upper()
        self.languages = validators.normalise_languages(self.languages)
        if self.birth_date and self.birth_date > datetime.date.today():
            raise ValidationError({"birth_date": _("The birth date cannot be in the future.")})


class Household(MunicipalityOwned, Versioned):
    municipality = municipality_field("households")
    name = models.CharField(_("name"), max_length=150, help_text=_("Usually the family name."))
    payee = models.ForeignKey(
        Person,
        verbose_name=_("payee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The adult member to whom the household's allowances are paid."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    PARTNER = "partner", _("Partner")
    CHILD = "child", _("Child")
    RESPONSIBLE_ADULT = "responsible_adult", _("Responsible adult")


class HouseholdMembership(DatedRange, Versioned):
    """A person in a household, [start_date, end_date]. A person is in one
    household at a time: checked in clean() and, on PostgreSQL, by an
    exclusion constraint (migration 0008), which also settles two
    simultaneous memberships that both passed clean()."""

    scope_path = "household__municipality"

    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)

    class Meta(DatedRange.Meta):
        ordering = ["start_date", "id"]
        verbose_name = _("household membership")
        verbose_name_plural = _("household memberships")

    def __str__(self) -> str:
        return f"{self.person} — {self.household}"

    def clean(self):
        super().clean()
        if self.person_id and self.start_date:
            clash = (
                HouseholdMembership.objects.filter(person_id=self.person_id)
                .exclude(pk=self.pk)
                .overlapping(self.start_date, self.end_date)
                .select_related("household")
                .first()
            )
            if clash:
                raise ValidationError(
                    _("%(person)s is already a member of household %(household)s in this period."),
                    params={"person": self.person, "household": clash.household},
                )


class LocationKind(models.TextChoices):
    BUILDING = "building", _("Building")
    HOTEL = "hotel", _("Hotel")
    SHIP = "ship", _("Ship")
    FLEXWONINGEN = "flexwoningen", _("Flexible housing (flexwoningen)")
    OTHER = "other", _("Other")


class Location(MunicipalityOwned, Versioned):
    """A municipal reception location (GOO)."""

    municipality = municipality_field("locations")
    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=LocationKind.choices)
    catering = models.BooleanField(
        _("catering"),
        default=False,
        help_text=_("Meals are provided: no eetgeld is paid."),
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="location_closed_after_opened",
                violation_error_message=_("A location cannot close before it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_open_on(self, day: datetime.date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or self.closed_on >= day)

    def capacity_on(self, day: datetime.date) -> int:
        if not self.is_open_on(day):
            return 0
        period = next((p for p in self.capacity_periods.all() if p.is_active_on(day)), None)
        return period.places if period else 0

    def clean(self):
        super().clean()
        if self.opened_on and self.closed_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": _("A location cannot close before it opens.")})


class CapacityPeriod(DatedRange, Versioned):
    """Realised places at a location during a period (occupied or not)."""

    scope_path = "location__municipality"

    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="capacity_periods",
    )
    places = models.PositiveIntegerField(_("realised places"))

    class Meta(DatedRange.Meta):
        ordering = ["start_date", "id"]
        verbose_name = _("capacity period")
        verbose_name_plural = _("capacity periods")

    def __str__(self) -> str:
        end = self.end_date.isoformat() if self.end_date else "…"
        return f"{self.location}: {self.places} ({self.start_date.isoformat()} – {end})"

    def clean(self):
        super().clean()
        if not (self.location_id and self.start_date):
            return
        clash = (
            CapacityPeriod.objects.filter(location_id=self.location_id)
            .exclude(pk=self.pk)
            .overlapping(self.start_date, self.end_date)
            .first()
        )
        if clash:
            raise ValidationError(
                _("This period overlaps the capacity period %(period)s of the same location."),
                params={"period": clash},
            )


class Host(MunicipalityOwned, Versioned):
    """A private host household (POO)."""

    municipality = municipality_field("hosts")
    name = models.CharField(_("host household"), max_length=150)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    active_from = models.DateField(_("active from"))
    active_to = models.DateField(_("active to"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("host")
        verbose_name_plural = _("hosts")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.active_from and self.active_to and self.active_to < self.active_from:
            raise ValidationError({"active_to": _("The end date cannot be before the start date.")})


class DepartureReason(models.TextChoices):
    """Why a person left a placement at check-out (the label is translated when shown)."""

    RETURNED_TO_UKRAINE = "returned_to_ukraine", _("Returned to Ukraine")
    OWN_HOUSING = "own_housing", _("Own housing")
    OTHER_MUNICIPALITY = "other_municipality", _("Another municipality")
    COA = "coa", _("COA (asylum reception)")
    UNKNOWN = "unknown", _("Unknown")


class Placement(DatedRange, MunicipalityOwned, Versioned):
    """A person at a GOO location or with a POO host, [start_date, end_date].

    A person never has two overlapping placements: checked in clean() and, on
    PostgreSQL, by an exclusion constraint (migration 0002)."""

    municipality = municipality_field("placements")
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="placements",
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
    )
    host = models.ForeignKey(
        Host,
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
    )
    capacity_override = models.BooleanField(
        _("override capacity check"),
        default=False,
        help_text=_("Allow this placement although the location is full; the reason is audited."),
    )
    override_reason = models.CharField(_("reason for the override"), max_length=300, blank=True)
    # Set at check-out; NULL for placements that have not ended that way
    # (moves, corrections, rows from before the reason was asked).
    departure_reason = models.CharField(
        _("departure reason"),
        max_length=30,
        choices=DepartureReason.choices,
        null=True,
        blank=True,
    )

    class Meta(DatedRange.Meta):
        ordering = ["-start_date", "-id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            *DatedRange.Meta.constraints,
            models.CheckConstraint(
                condition=(Q(location__isnull=False) & Q(host__isnull=True))
                | (Q(location__isnull=True) & Q(host__isnull=False)),
                name="placement_location_xor_host",
                violation_error_message=_("A placement is at a location or with a host, not both."),
            ),
        ]
        indexes = [
            models.Index(fields=["location", "start_date"]),
            models.Index(fields=["municipality", "end_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.place}"

    def clean(self):
        """The rules one placement must satisfy on its own, whatever door it
        comes through (form, API, admin, import): no overlap with another
        placement of the same person; within the location's opening dates or
        the host's active period; person, place and placement of one
        municipality; an override of the capacity check has a reason. The
        capacity check itself reads the whole location and stays in
        registry.services.check_placement."""
        super().clean()
        errors: dict[str, list[str]] = {}

        def refuse(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        start, end = self.start_date, self.end_date
        if start is None:
            return  # the field's own error says so
        person = self.person if self.person_id else None
        place = self.place if (self.location_id or self.host_id) else None
        if self.municipality_id:
            if person is not None and person.municipality_id != self.municipality_id:
                refuse("person", _("This person is registered in another municipality."))
            if place is not None and place.municipality_id != self.municipality_id:
                refuse(
                    "location" if self.location_id else "host",
                    _("%(place)s belongs to another municipality.") % {"place": place},
                )
        if person is not None:
            clash = (
                Placement.objects.filter(person_id=self.person_id)
                .exclude(pk=self.pk)
                .overlapping(start, end)
                .select_related("location", "host")
                .first()
            )
            if clash:
                refuse(
                    "start_date",
                    _(
                        "%(person)s already has a placement at %(place)s from %(start)s to "
                        "%(end)s; placements of one person cannot overlap. End that placement "
                        "first."
                    )
                    % {
                        "person": person,
                        "place": clash.place,
                        "start": clash.start_date.isoformat(),
                        "end": clash.end_date.isoformat() if clash.end_date else _("open end"),
                    },
                )
        if self.location_id:
            location = self.location
            if start < location.opened_on:
                refuse(
                    "start_date",
                    _("%(location)s opens on %(date)s; a placement cannot start earlier.")
                    % {"location": location, "date": location.opened_on.isoformat()},
                )
            if location.closed_on and (end is None or end > location.closed_on):
                refuse(
                    "end_date",
                    _("%(location)s closes on %(date)s; the placement must end by then.")
                    % {"location": location, "date": location.closed_on.isoformat()},
                )
        if self.host_id:
            host = self.host
            if start < host.active_from or (
                host.active_to and (end is None or end > host.active_to)
            ):
                refuse(
                    "start_date",
                    _(
                        "%(host)s hosts from %(start)s to %(end)s; the placement must fall "
                        "within that."
                    )
                    % {
                        "host": host,
                        "start": host.active_from.isoformat(),
                        "end": host.active_to.isoformat() if host.active_to else _("open end"),
                    },
                )
        if self.capacity_override and not self.override_reason.strip():
            refuse("override_reason", _("Give a reason when you override the capacity check."))
        if errors:
            raise ValidationError(errors)

    @property
    def place(self):
        return self.location or self.host

    @property
    def is_goo(self) -> bool:
        return self.location_id is not None


class IncomeKind(models.TextChoices):
    WORK = "work", _("Work")
    BENEFIT = "benefit", _("Benefit")


class IncomePeriod(DatedRange, Versioned):
    scope_path = "person__municipality"

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="incomes",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=IncomeKind.choices)
    monthly_amount = MoneyField(
        _("monthly amount (€)"), max_digits=9, decimal_places=2, confirm_above=5_000, maximum=50_000
    )

    class Meta(DatedRange.Meta):
        ordering = ["-start_date", "-id"]
        verbose_name = _("income period")
        verbose_name_plural = _("income periods")
        constraints = [
            *DatedRange.Meta.constraints,
            models.CheckConstraint(
                condition=Q(monthly_amount__gte=0),
                name="income_amount_not_negative",
                violation_error_message=_("The monthly amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} € {self.monthly_amount}"


class ProvisionKind(models.TextChoices):
    LEEFGELD = "leefgeld", _("Leefgeld paid")
    OTHER = "other", _("Other provision")


class Provision(models.Model):
    """A provision given to a person in a month (RooO art. 12 lid 8-9). A POO
    person counts for the BooO normbedrag only in months with a provision."""

    scope_path = "person__municipality"

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="provisions",
    )
    month = MonthField(_("month"), help_text=_("The first day of the month."))
    kind = models.CharField(_("kind"), max_length=10, choices=ProvisionKind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "id"]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "month", "kind"],
                name="provision_once_per_person_month_kind",
                violation_error_message=_("This provision is already recorded for that month."),
            ),
            first_of_month_constraint("month"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.month:%Y-%m} {self.get_kind_display()}"


class ChangedRecord(models.TextChoices):
    PLACEMENT = "placement", _("placement")
    INCOME = "income", _("income period")


class ChangeReason(models.Model):
    """Why a placement or income period was changed over months already paid
    or a year already declared (registry/settled.py). Kept with the person;
    the correction in the next payment run shows it."""

    scope_path = "person__municipality"

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="change_reasons"
    )
    record = models.CharField(_("record"), max_length=10, choices=ChangedRecord.choices)
    start_date = models.DateField(_("changed from"))
    end_date = models.DateField(_("changed to"))
    reason = models.TextField(_("reason for the change"))
    recorded_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("reason for a change")
        verbose_name_plural = _("reasons for changes")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="change_reason_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.reason[:60]}"


# Messages for constraints that live only in the database (PostgreSQL).
Placement.database_constraint_messages = {
    "placement_no_overlap_per_person": _(
        "This person already has a placement in this period; "
        "placements of one person cannot overlap."
    ),
}
HouseholdMembership.database_constraint_messages = {
    "membership_no_overlap_per_person": _(
        "This person is already a member of another household in this period; "
        "memberships of one person cannot overlap."
    ),
}
