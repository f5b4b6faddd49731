"""Audited create / update / delete for organisation-owned records. Each call
is one transaction: validation, save and audit event happen together or not
at all."""

from django.core.exceptions import PermissionDenied, ValidationError
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
    """Validate, save and audit `instance`. `before` is the snapshot taken
    before the form or serializer changed it (None for a new record)."""
    creating = instance.pk is None
    instance.full_clean()
    if validate is not None:
        validate(instance)
    try:
        with transaction.atomic():
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


def require_registry_editor(user) -> None:
    if not getattr(user, "can_edit_registry", False):
        raise PermissionDenied("Your role cannot change registry data.")
