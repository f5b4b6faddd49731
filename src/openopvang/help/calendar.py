"""The ICS file of a booking (RFC 5545): one event, times in UTC."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .models import Booking


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def booking_ics(booking: Booking, *, summary: str, description: str, cancel_url: str) -> str:
    hour = booking.hour
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Open Opvang//help//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:booking-{booking.pk}@openopvang",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(hour.starts_at)}",
        f"DTEND:{_utc(hour.ends_at)}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
    ]
    if hour.location:
        lines.append(f"LOCATION:{_escape(hour.location)}")
    lines += [f"URL:{cancel_url}", "END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"
