"""Audited create / update / delete for organisation-owned records. Each call
is one transaction: validation, save and audit event happen together or not
at all."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction

from .models import Versioned

STALE = "stale"


class StaleRecord(ValidationError):
    """Refused: the record was changed by someone else after `expected` (the
    version the change was based on) was read. `stored` is the record as it
    is stored now, so a page can show its values next to the user's."""

    def __init__(self, instance: models.Model, stored: models.Model | None, expected):
        super().__init__(
            _(
                "Someone else changed this record while you were editing it (your change "
                "was based on version %(expected)s, the stored version is %(stored)s)."
            ),
            code=STALE,
            params={"expected": expected, "stored": getattr(stored, "version", "?")},
        )
        self.instance = instance
        self.stored = stored
        self.expected = expected


def is_stale(error: ValidationError) -> bool:
    """Whether a ValidationError (possibly wrapped) is a refused stale save."""
    if isinstance(error, StaleRecord):
        return True
    items = (
        error.error_list
        if not hasattr(error, "error_dict")
        else [item for errors in error.error_dict.values() for item in errors]
    )
    return any(getattr(item, "code", None) == STALE for item in items)


def _without_version(values: dict) -> dict:
    return {key: value for key, value in values.items() if key != "version"}


def _check_version(instance: models.Model, stored: models.Model | None) -> None:
    """Refuse a save based on an older version than the stored one. Runs under
    the row lock save_audited takes, so the check and the save are one step."""
    if stored is not None and stored.version != instance.version:
        raise StaleRecord(instance, stored, instance.version)


def _bump_version(instance: models.Model, before: dict) -> None:
    """The version goes up once per stored change, by a conditional UPDATE: on
    a database without row locks (SQLite) a concurrent save that bumped it
    first makes this one match no row, and it is refused as stale."""
    pending = audit.diff(_without_version(before), _without_version(audit.snapshot(instance)))
    if not pending:
        return
    expected = instance.version
    manager = type(instance)._base_manager
    if not manager.filter(pk=instance.pk, version=expected).update(version=expected + 1):
        raise StaleRecord(instance, manager.filter(pk=instance.pk).first(), expected)
    instance.version = expected + 1


def _integrity_to_validation(error: IntegrityError, instance: models.Model) -> ValidationError:
    """Turn a database constraint violation (e.g. PostgreSQL's exclusion
    constraint on overlapping placements) into a message a person can act on."""
    message = str(error)
    for constraint in getattr(instance._meta, "constraints", []):
        if constraint.name in message:
            return ValidationError(constraint.get_violation_error_message())
    extra = getattr(instance, "database_constraint_messages", {})
    for name, text in extra.items():
        if name in message:
            return ValidationError(text)
    return ValidationError(str(message).splitlines()[0])


def save_audited(
    user,
    instance: models.Model,
    *,
    before: dict | None = None,
    request=None,
    validate=None,
    extra_changes: dict | None = None,
) -> models.Model:
    """Validate, save and audit `instance`. The audit's "before" is the row as
    it is stored, read under a row lock in the same transaction; a caller that
    has already changed the stored row itself in this transaction may pass
    `before` instead. Callers check the permission first (core.permissions).

    A Versioned record is saved only if nobody stored a change since its
    `version` was read (docs/decisions/0014); otherwise StaleRecord, a
    ValidationError with code "stale", and nothing is stored or audited."""
    creating = instance.pk is None
    versioned = isinstance(instance, Versioned)
    try:
        with transaction.atomic():
            if not creating and (before is None or versioned):
                stored = (
                    type(instance)._base_manager.select_for_update().filter(pk=instance.pk).first()
                )
                if before is None:
                    before = audit.snapshot(stored) if stored is not None else {}
                if versioned:
                    _check_version(instance, stored)
            instance.full_clean()
            if validate is not None:
                validate(instance)
            if versioned and not creating and stored is not None:
                _bump_version(instance, before or {})
            instance.save()
            # The version is bookkeeping, not a change of the record itself.
            after = _without_version(audit.snapshot(instance))
            changes = after if creating else audit.diff(_without_version(before or {}), after)
            changes.update(extra_changes or {})
            if creating or changes:
                audit.record(
                    user,
                    AuditAction.CREATE if creating else AuditAction.UPDATE,
                    instance,
                    changes=changes,
                    request=request,
                )
    except IntegrityError as error:
        raise _integrity_to_validation(error, instance) from error
    return instance


def delete_audited(user, instance: models.Model, *, request=None) -> None:
    """Delete and audit `instance`; a Versioned record only if it is still the
    version that was read (StaleRecord otherwise)."""
    with transaction.atomic():
        if isinstance(instance, Versioned) and instance.pk is not None:
            stored = type(instance)._base_manager.select_for_update().filter(pk=instance.pk).first()
            _check_version(instance, stored)
        snapshot = audit.snapshot(instance)
        audit.record(user, AuditAction.DELETE, instance, changes=snapshot, request=request)
        try:
            instance.delete()
        except models.ProtectedError as error:
            raise ValidationError(
                "This record is still used by other records and cannot be deleted."
            ) from error
