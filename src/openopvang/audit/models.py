"""Append-only audit events: who did what to which record, when, and which
fields changed. Rows are never updated or deleted (enforced here and, on
PostgreSQL, by a trigger)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    EXPORT = "export", _("Exported")
    APPROVE = "approve", _("Approved")
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Login failed")


class AppendOnlyError(RuntimeError):
    pass


class AuditEvent(models.Model):
    # Set before saving (not auto_now_add) so the chain hash covers the stored value.
    at = models.DateTimeField(_("when"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        # The log is never rewritten: a deleted user or organisation leaves
        # its id (and actor_name) in the events, no foreign key to break.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        # The log is never rewritten: a deleted user or organisation leaves
        # its id (and actor_name) in the events, no foreign key to break.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)
    # The records a read showed, as " registry.Person:12 registry.Person:15 "
    # (one token per record, spaces on both ends): a list page is one event,
    # and `shown__contains=" registry.Person:12 "` finds every read that showed
    # person 12, on SQLite and PostgreSQL alike (JSON containment is not portable).
    shown = models.TextField(_("records shown"), blank=True, default="")
    channel = models.CharField(_("channel"), max_length=10, default="web")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # The tamper-evidence chain (audit.chain, ADR 0017).
    prev_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    hash = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M}" if self.at else ""
        return f"{when} {self.actor_name} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")

    def shown_records(self) -> list[tuple[str, int]]:
        """[(model label, pk)] of the records this read showed, in order."""
        records = []
        for token in self.shown.split():
            label, _sep, pk = token.rpartition(":")
            if label and pk.isdigit():
                records.append((label, int(pk)))
        return records

    def shown_ids(self, label: str) -> list[int]:
        return [pk for kind, pk in self.shown_records() if kind == label]
