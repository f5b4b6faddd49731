"""Organisations (municipalities, NGOs, the national organisation) and the staff
who work for them. Every staff user belongs to exactly one organisation, and
that organisation is the boundary of what they may see (see core/scoping.py)."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openopvang.core import permissions
from openopvang.core.validators import (
    normalise_iban,
    normalise_postcode,
    validate_bic,
    validate_iban,
    validate_kvk_number,
    validate_postcode,
)


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    NGO = "ngo", _("NGO")
    NATIONAL = "national", _("National organisation")


class OrganisationQuerySet(models.QuerySet):
    def municipalities(self):
        return self.filter(kind=OrganisationKind.MUNICIPALITY)

    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=on))


class Organisation(models.Model):
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("CBS code for a municipality (GM0344), a short code otherwise."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    veiligheidsregio_code = models.CharField(_("safety region code"), max_length=4, blank=True)
    veiligheidsregio_name = models.CharField(_("safety region"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # What letters and invoices print as sender or recipient.
    letter_name = models.CharField(
        _("name on letters and invoices"),
        max_length=200,
        blank=True,
        help_text=_("For example 'Gemeente Utrecht, afdeling Opvang'. Empty: the name."),
    )
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=10, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("place"), max_length=100, blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    kvk_number = models.CharField(
        _("KvK number"), max_length=8, blank=True, validators=[validate_kvk_number]
    )
    iban = models.CharField(
        _("IBAN (debtor account for payments)"),
        max_length=34,
        blank=True,
        validators=[validate_iban],
        help_text=_("The account leefgeld is paid from; the SEPA file needs it."),
    )
    bic = models.CharField(_("BIC"), max_length=11, blank=True, validators=[validate_bic])
    ended_on = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_("Last day the organisation exists, e.g. before a municipal merger."),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.iban = normalise_iban(self.iban)
        self.bic = (self.bic or "").replace(" ", "").upper()
        self.postcode = normalise_postcode(self.postcode)

    @property
    def sender_name(self) -> str:
        return self.letter_name or self.name

    @property
    def address_lines(self) -> list[str]:
        """The postal address as printed in an address block, empty lines left out."""
        place = " ".join(part for part in (self.postcode, self.city.upper()) if part)
        return [line for line in (self.street_address, place) if line]

    @property
    def is_municipality(self) -> bool:
        return self.kind == OrganisationKind.MUNICIPALITY

    @property
    def is_ngo(self) -> bool:
        return self.kind == OrganisationKind.NGO

    @property
    def is_national(self) -> bool:
        return self.kind == OrganisationKind.NATIONAL


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Reception coordinator")
    FINANCE = "finance", _("Finance officer")
    CASEWORKER = "caseworker", _("Caseworker")
    NGO_WORKER = "ngo_worker", _("NGO worker")
    NATIONAL_VIEWER = "national_viewer", _("National viewer")
    ADMINISTRATOR = "administrator", _("Administrator")


# Who may do what is decided in core.permissions (and each app's permissions.py).


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        default="nl",
        choices=[("nl", "Nederlands"), ("en", "English")],
    )

    class Meta:
        verbose_name = _("staff user")
        verbose_name_plural = _("staff users")

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    # For templates, which cannot pass arguments: the predicates asked about
    # the user's own organisation. Services ask them about the record's owner.
    @property
    def can_edit_registry(self) -> bool:
        return permissions.can_edit_registry(self, self.organisation)

    @property
    def is_finance(self) -> bool:
        return permissions.is_finance_of(self, self.organisation)

    @property
    def is_org_admin(self) -> bool:
        return permissions.is_org_admin(self)


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now())
        )


class ApiToken(models.Model):
    """A personal token for integrations. Only a hash is stored; the token is
    shown once, when created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user: User, name: str, expires_at=None) -> tuple["ApiToken", str]:
        raw = "oo_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=raw[3:11],
            token_hash=_hash_token(raw),
            expires_at=expires_at,
        )
        return token, raw

    @classmethod
    def find(cls, raw: str) -> "ApiToken | None":
        return (
            cls.objects.active()
            .select_related("user__organisation")
            .filter(token_hash=_hash_token(raw))
            .first()
        )

    @property
    def is_active(self) -> bool:
        not_expired = self.expires_at is None or self.expires_at > timezone.now()
        return self.revoked_at is None and not_expired
