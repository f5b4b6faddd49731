"""Audited create / update / delete for organisation-owned records. Each call
is one transaction: validation, save and audit event happen together or not
at all."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction


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
    `before` instead. Callers check the permission first (core.permissions)."""
    creating = instance.pk is None
    try:
        with transaction.atomic():
            if not creating and before is None:
                stored = (
                    type(instance)._base_manager.select_for_update().filter(pk=instance.pk).first()
                )
                before = audit.snapshot(stored) if stored is not None else {}
            instance.full_clean()
            if validate is not None:
                validate(instance)
            instance.save()
            after = audit.snapshot(instance)
            changes = after if creating else audit.diff(before or {}, after)
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
    with transaction.atomic():
        snapshot = audit.snapshot(instance)
        audit.record(user, AuditAction.DELETE, instance, changes=snapshot, request=request)
        try:
            instance.delete()
        except models.ProtectedError as error:
            raise ValidationError(
                "This record is still used by other records and cannot be deleted."
            ) from error
