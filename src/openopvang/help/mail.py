"""The booking's e-mails, in the visitor's language: the confirmation (with
the ICS file attached and the cancel link) right after booking, and one
reminder the day before the hour. A booking with only a phone number gets
neither; its confirmation is the page (and the code on it).

Only the hash of the cancel token is stored, so the reminder cannot carry
the cancel link again: it points to the confirmation mail instead. The
reminder goes out once: `Booking.reminded_at` is claimed in the same
transaction that sends, so a second run (or two runs at once) sends nothing."""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction

from . import calendar
from .models import Booking, BookingStatus

logger = logging.getLogger(__name__)


def base_url(request=None) -> str:
    """Where the links in a mail point: the request's own host, else
    SITE_URL, else the first allowed host."""
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*", "")), "localhost")
    return f"https://{host.lstrip('.')}"


def links(booking: Booking, token: str, base: str) -> dict[str, str]:
    lang = f"?lang={booking.language}"
    return {
        "booking": base + reverse("help_public:booking", kwargs={"token": token}) + lang,
        "cancel": base + reverse("help_public:booking_cancel", kwargs={"token": token}) + lang,
    }


def ics_for(booking: Booking, token: str, base: str) -> str:
    """The ICS file of the booking, its texts in the visitor's language."""
    cancel = links(booking, token, base)["cancel"]
    with translation.override(booking.language):
        summary = _("Consultation hour: %(subject)s") % {"subject": booking.hour.subject}
        description = _("Cancel: %(url)s") % {"url": cancel}
    return calendar.booking_ics(
        booking, summary=summary, description=description, cancel_url=cancel
    )


def _message(booking: Booking, template: str, subject: str, context: dict) -> EmailMessage:
    body = render_to_string(
        template,
        {"booking": booking, "hour": booking.hour, **context},
    )
    return EmailMessage(subject, body, None, [booking.email])


def send_confirmation(booking: Booking, token: str, *, request=None) -> bool:
    """Mail the confirmation, if the visitor gave an e-mail address. A mail
    server that refuses does not undo the booking: the page is the
    confirmation too. False when nothing was sent."""
    if not booking.email:
        return False
    base = base_url(request)
    with translation.override(booking.language):
        message = _message(
            booking,
            "help/email/confirmation.txt",
            _("Your consultation hour is booked: %(subject)s") % {"subject": booking.hour.subject},
            {"links": links(booking, token, base)},
        )
    message.attach("consultation.ics", ics_for(booking, token, base), "text/calendar")
    try:
        message.send()
    except (OSError, smtplib.SMTPException):
        logger.exception("Booking confirmation %s could not be sent", booking.pk)
        return False
    return True


def due_reminders(now: datetime.datetime | None = None):
    """Bookings with an e-mail address for an hour tomorrow (local date), not
    reminded yet, and made before today (a booking made today has just had
    its confirmation)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    tomorrow = today + datetime.timedelta(days=1)
    return (
        Booking.objects.filter(
            status=BookingStatus.BOOKED,
            reminded_at__isnull=True,
            hour__cancelled=False,
            hour__starts_at__date=tomorrow,
            created_at__date__lt=today,
        )
        .exclude(email="")
        .select_related("hour", "hour__ngo")
    )


def send_reminder(booking: Booking, now: datetime.datetime) -> bool:
    """One reminder: claimed (reminded_at) and sent in one transaction, so a
    failed send is tried again on the next run and a sent one never twice."""
    try:
        with transaction.atomic():
            claimed = Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                return False
            with translation.override(booking.language):
                message = _message(
                    booking,
                    "help/email/reminder.txt",
                    _("Reminder: your consultation hour tomorrow: %(subject)s")
                    % {"subject": booking.hour.subject},
                    {},
                )
            message.send()
            audit.record(
                None,
                AuditAction.UPDATE,
                booking,
                changes={"reminded_at": now},
                channel="job",
                organisation=booking.hour.ngo,
            )
    except (OSError, smtplib.SMTPException):
        logger.exception("Booking reminder %s could not be sent", booking.pk)
        return False
    return True


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Every reminder due; the number of mails sent."""
    now = now or timezone.now()
    return sum(1 for booking in due_reminders(now) if send_reminder(booking, now))
