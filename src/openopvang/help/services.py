"""Help use cases: `verb_entity(user, …, *, request=None)`, the permission
check first, one transaction with the audit event inside. The public side
(feedback, booking, cancelling) has no user: its guards are the honeypot, the
rate limit per address and the secret token."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openopvang.audit import services as audit
from openopvang.audit.client import client_address
from openopvang.audit.models import AuditAction
from openopvang.core.services import delete_audited, save_audited

from . import library, mail
from .models import Booking, BookingStatus, ConsultationHour, Feedback, retention_days
from .permissions import require_can_book_for, require_desk_admin, require_editor

FEEDBACK_PER_HOUR = 5
BOOKINGS_PER_HOUR = 3


class RateLimited(ValidationError):
    pass


class HourFull(ValidationError):
    pass


# --- the national editor and the municipality's desk -------------------------


def save_content(user, instance, *, request=None):
    """A topic, its text in one language, or an agency (the national editor)."""
    require_editor(user)
    return save_audited(user, instance, request=request)


def save_document(user, document, *, request=None):
    """A library document's common data (the national editor)."""
    require_editor(user)
    return save_audited(user, document, request=request)


def save_document_version(user, version, *, upload=None, request=None):
    """A document in one language with an uploaded file or a link: the file
    is checked (library.check_upload) before it is stored under a random
    name; a new file or a link replaces the file stored before."""
    require_editor(user)
    old_name = ""
    if upload is not None:
        content_type = library.check_upload(upload)
        old_name = version.stored_name
        version.stored_name = default_storage.save(library.storage_name(upload.name), upload)
        version.file_name = upload.name.replace("\\", "/").rsplit("/", 1)[-1][:200]
        version.content_type, version.size, version.link = content_type, upload.size, ""
    elif version.link and version.stored_name:
        old_name = version.stored_name
        version.stored_name, version.file_name, version.content_type, version.size = "", "", "", 0
    try:
        saved = save_audited(user, version, request=request)
    except ValidationError:
        if upload is not None:
            default_storage.delete(version.stored_name)
            version.stored_name = old_name
        raise
    if old_name:
        default_storage.delete(old_name)
    return saved


def save_desk(user, desk, *, request=None):
    require_desk_admin(user, desk)
    return save_audited(user, desk, request=request)


def delete_desk(user, desk, *, request=None) -> None:
    require_desk_admin(user, desk)
    delete_audited(user, desk, request=request)


def save_hour(user, hour: ConsultationHour, *, request=None) -> ConsultationHour:
    require_can_book_for(user, hour)
    return save_audited(user, hour, request=request)


# --- the public side ----------------------------------------------------------


def sender_key(request) -> str:
    """A keyed hash of the caller's address: enough to count, not to identify."""
    address = (client_address(request) or "") if request is not None else ""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def _recent(model, key: str) -> int:
    since = timezone.now() - datetime.timedelta(hours=1)
    return model.objects.filter(sender_key=key, created_at__gte=since).count()


def leave_feedback(*, page: str, language: str, message: str, request=None) -> Feedback:
    key = sender_key(request)
    if _recent(Feedback, key) >= FEEDBACK_PER_HOUR:
        raise RateLimited(
            _("You have sent several messages in a short time. Please try again in an hour.")
        )
    feedback = Feedback(page=page[:300], language=language, message=message, sender_key=key)
    feedback.full_clean()
    feedback.save()
    return feedback


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def find_booking(raw_token: str) -> Booking | None:
    return (
        Booking.objects.select_related("hour", "hour__ngo", "hour__topic")
        .filter(token_hash=hash_token(raw_token or ""))
        .first()
    )


def places_left(hour: ConsultationHour) -> int:
    return max(0, hour.capacity - hour.bookings.booked().count())


def book(
    hour_id: int, *, name: str, phone: str, email: str, language: str, request=None
) -> tuple[Booking, str]:
    """Book a place in hour `hour_id`; returns the booking and the raw token of
    its confirmation and cancel link (only its hash is stored). With an
    e-mail address the confirmation is mailed too (help.mail).

    The hour's row is locked (select_for_update) while the booked places are
    counted and the lowest free seat number is taken, so two requests for the
    last place are served one after the other: the second sees the hour full.
    The unique (hour, seat) constraint refuses a second booking of one seat
    should anything bypass the lock."""
    key = sender_key(request)
    if _recent(Booking, key) >= BOOKINGS_PER_HOUR:
        raise RateLimited(
            _("You have made several bookings in a short time. Please try again in an hour.")
        )
    token = secrets.token_urlsafe(24)
    try:
        with transaction.atomic():
            hour = ConsultationHour.objects.select_for_update().get(pk=hour_id)
            if hour.cancelled or hour.starts_at <= timezone.now():
                raise HourFull(_("This consultation hour can no longer be booked."))
            taken = set(hour.bookings.booked().values_list("seat", flat=True))
            free = [seat for seat in range(1, hour.capacity + 1) if seat not in taken]
            if not free:
                raise HourFull(
                    _("This consultation hour is full. Please choose another hour."),
                    code="full",
                )
            booking = Booking(
                hour=hour,
                seat=free[0],
                name=name.strip(),
                phone=phone.strip(),
                email=email.strip(),
                language=language,
                token_hash=hash_token(token),
                sender_key=key,
            )
            booking.full_clean()
            booking.save()
            audit.record(
                None,
                AuditAction.CREATE,
                booking,
                changes={"hour": hour.pk, "seat": booking.seat, "language": language},
                request=request,
                organisation=hour.ngo,
            )
    except IntegrityError as error:
        raise HourFull(
            _("This consultation hour is full. Please choose another hour."), code="full"
        ) from error
    # After the commit: a mail server that refuses does not undo the booking.
    mail.send_confirmation(booking, token, request=request)
    return booking, token


def cancel_booking(raw_token: str, *, request=None) -> Booking:
    """Cancel with the link's token: once. A token that matches nothing, or a
    booking already cancelled, is refused."""
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .filter(token_hash=hash_token(raw_token or ""))
            .first()
        )
        if booking is None:
            raise ValidationError(_("This link is not valid."), code="invalid")
        if booking.status != BookingStatus.BOOKED:
            raise ValidationError(
                _("This booking has already been cancelled; the link cannot be used again."),
                code="used",
            )
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = timezone.now()
        booking.save(update_fields=["status", "cancelled_at"])
        audit.record(
            None,
            AuditAction.UPDATE,
            booking,
            changes={"status": [BookingStatus.BOOKED, BookingStatus.CANCELLED]},
            request=request,
            organisation=booking.hour.ngo,
        )
    return booking


def cancel_booking_by_staff(user, booking: Booking, *, request=None) -> Booking:
    require_can_book_for(user, booking.hour)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == BookingStatus.BOOKED:
            booking.status = BookingStatus.CANCELLED
            booking.cancelled_at = timezone.now()
            booking.save(update_fields=["status", "cancelled_at"])
            audit.record(
                user,
                AuditAction.UPDATE,
                booking,
                changes={"status": [BookingStatus.BOOKED, BookingStatus.CANCELLED]},
                request=request,
            )
    return booking


def purge_bookings(now=None) -> int:
    """Delete the bookings of hours that ended more than retention_days() ago."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=retention_days())
    old = [
        hour.pk
        for hour in ConsultationHour.objects.filter(starts_at__lt=cutoff)
        if hour.ends_at < cutoff
    ]
    deleted, _counts = Booking.objects.filter(hour__in=old).delete()
    return deleted
