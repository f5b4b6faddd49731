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
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from openopvang.audit import services as audit
from openopvang.audit.client import client_address
from openopvang.audit.models import AuditAction
from openopvang.core.services import delete_audited, save_audited

from . import library, mail
from .models import (
    Booking,
    BookingStatus,
    CancelAttempt,
    ConsultationHour,
    Feedback,
    retention_days,
)
from .permissions import require_can_book_for, require_desk_admin, require_editor

FEEDBACK_PER_HOUR = 5
BOOKINGS_PER_HOUR = 3
# Tries to cancel with a phone number and code: per address per hour, and per
# phone number per day (from any address). With 40 bits of code a try per
# second for a year finds nothing; these limits make it ten a day.
CODE_TRIES_PER_HOUR = 5
CODE_TRIES_PER_PHONE_PER_DAY = 10
# Crockford's base32: no I, L, O or U, so a code read aloud or written by hand
# is not misread; 8 characters are 40 bits.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
# What people type for the letters left out.
CODE_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


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


def booking_code(raw_token: str) -> str:
    """The short cancel code of the booking with this token, e.g. "7K3M-QX2A":
    derived from the token with the secret key, so the confirmation page can
    show it again and the database stores only its keyed hash."""
    digest = salted_hmac("openopvang.help.booking-code", raw_token, algorithm="sha256").digest()
    number = int.from_bytes(digest[:5])  # 40 bits
    chars = "".join(CODE_ALPHABET[(number >> (5 * i)) & 31] for i in range(CODE_LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_code(code: str) -> str:
    """As typed: lower case, spaces and dashes, an O for a zero."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum()).translate(CODE_LOOKALIKES)


def hash_code(code: str) -> str:
    """Keyed: a leaked database alone does not let anyone try all 2^40 codes."""
    return salted_hmac(
        "openopvang.help.booking-code-hash", normalise_code(code), algorithm="sha256"
    ).hexdigest()


def phone_digits(phone: str) -> str:
    """The last nine digits: 06 12345678 and +31 6 1234 5678 are one number."""
    digits = "".join(ch for ch in (phone or "") if ch.isdigit())
    return digits[-9:]


def phone_key(phone: str) -> str:
    return salted_hmac("openopvang.help.phone", phone_digits(phone), algorithm="sha256").hexdigest()


def shown_code(booking: Booking, raw_token: str) -> str:
    """The code for the confirmation page, or "" when the booking has none
    (e-mail only) or the secret key changed since it was made."""
    if not booking.code_hash:
        return ""
    code = booking_code(raw_token)
    return code if hmac.compare_digest(hash_code(code), booking.code_hash) else ""


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
                code_hash=hash_code(booking_code(token)) if phone.strip() else "",
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
        _cancel_public(booking, request=request)
    return booking


def _cancel_public(booking: Booking, *, request=None) -> None:
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


def cancel_with_code(phone: str, code: str, *, request=None) -> Booking:
    """Cancel a booking with its phone number and short code (a booker without
    e-mail has no link to keep): once. Every try is counted first, in its own
    commit, so parallel tries see each other; over a limit even the right code
    is refused until the hour or day has passed."""
    key, number = sender_key(request), phone_key(phone)
    CancelAttempt.objects.create(sender_key=key, phone_key=number)
    now = timezone.now()
    tries = CancelAttempt.objects.filter(created_at__gte=now - datetime.timedelta(hours=1))
    per_phone = CancelAttempt.objects.filter(created_at__gte=now - datetime.timedelta(days=1))
    if (
        tries.filter(sender_key=key).count() > CODE_TRIES_PER_HOUR
        or per_phone.filter(phone_key=number).count() > CODE_TRIES_PER_PHONE_PER_DAY
    ):
        raise RateLimited(
            _("You have tried several codes in a short time. Please try again later."),
            code="limited",
        )
    wrong = ValidationError(
        _("This phone number and code do not belong to a booking. Check both and try again."),
        code="invalid",
    )
    if len(normalise_code(code)) != CODE_LENGTH or len(phone_digits(phone)) < 6:
        raise wrong
    with transaction.atomic():
        candidates = (
            Booking.objects.select_for_update()
            .select_related("hour", "hour__ngo")
            .filter(code_hash=hash_code(code))
        )
        booking = next(
            (b for b in candidates if hmac.compare_digest(phone_key(b.phone), number)), None
        )
        if booking is None:
            raise wrong
        if booking.status != BookingStatus.BOOKED:
            raise ValidationError(
                _("This booking has already been cancelled; the code cannot be used again."),
                code="used",
            )
        _cancel_public(booking, request=request)
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
    # The counted cancel tries are needed for a day at most.
    CancelAttempt.objects.filter(created_at__lt=now - datetime.timedelta(days=1)).delete()
    return deleted
