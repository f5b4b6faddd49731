"""What the support pages share: messages of a refused change, audited reads of participants."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError

from openopvang.audit import services as audit


def show_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def record_participants(request, obj_type: str, person_ids, **extra) -> None:
    """A view of participants' personal data (names, contact details): one
    audited read naming the persons shown (audit.services.record_read)."""
    audit.record_read(
        request.user,
        [("registry.Person", pk) for pk in sorted({pk for pk in person_ids if pk is not None})],
        object_type=obj_type,
        request=request,
        extra=extra,
    )
