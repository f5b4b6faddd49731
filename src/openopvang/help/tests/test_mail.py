"""The booking's e-mails through a real SMTP server on loopback: the
confirmation in the visitor's language with the ICS file and the cancel
link, none for a phone-only booking, and one reminder the day before, never
two."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from openopvang.accounts.tests.test_staff import Mailbox, free_port, smtp_server  # noqa: F401
from openopvang.help import mail
from openopvang.help.models import Booking

from .factories import BookingFactory, HourFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hour(vwn):
    return HourFactory(ngo=vwn, subject="Wonen en werk", capacity=2, languages="uk, ru")


def book(hour, language, **data):
    fields = {"name": "Olena", "phone": "", "email": "olena@example.org", **data}
    return Client().post(f"/public/help/consultations/{hour.pk}/book/?lang={language}", fields)


def body_of(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain" and not part.get_filename():
            return part.get_payload(decode=True).decode()
    raise AssertionError("no text part")


def test_the_confirmation_arrives_with_the_calendar_file_and_the_cancel_link(
    smtp_server,  # noqa: F811
    hour,
):
    response = book(hour, "en")
    token = re.match(r"/public/help/bookings/([^/]+)/", response["Location"]).group(1)
    (message,) = smtp_server.messages
    assert message["To"] == "olena@example.org"
    assert message["Subject"] == "Your consultation hour is booked: Wonen en werk"
    body = body_of(message)
    assert "Dear Olena," in body
    assert "https://meet.example.org/room" in body
    cancel = f"/public/help/bookings/{token}/cancel/?lang=en"
    assert cancel in body
    (ics,) = [part for part in message.walk() if part.get_filename() == "consultation.ics"]
    assert ics.get_content_type() == "text/calendar"
    calendar = ics.get_payload(decode=True).decode()
    start = hour.starts_at.astimezone(datetime.UTC)
    assert f"DTSTART:{start:%Y%m%dT%H%M%SZ}" in calendar
    assert "SUMMARY:Consultation hour: Wonen en werk" in calendar
    # The link in the mail cancels, once.
    path = re.search(r"(/public/help/bookings/\S+/cancel/\?lang=en)", body).group(1)
    assert Client().post(path).status_code == 200
    assert Client().post(path).status_code == 410


def test_the_confirmation_is_in_the_visitors_language(smtp_server, hour):  # noqa: F811
    book(hour, "uk")
    (message,) = smtp_server.messages
    body = body_of(message)
    # The fixed parts are in Ukrainian once translated; the link names the language.
    assert "?lang=uk" in body
    assert Booking.objects.get().language == "uk"


def test_a_phone_only_booking_works_and_sends_no_mail(smtp_server, hour):  # noqa: F811
    response = book(hour, "uk", email="", phone="0612345678")
    assert response.status_code == 302
    assert Booking.objects.get().phone == "0612345678"
    assert smtp_server.messages == []


def test_a_mail_server_that_is_down_does_not_undo_the_booking(settings, hour):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        free_port(),
        False,
    )
    response = book(hour, "en")
    assert response.status_code == 302
    assert Booking.objects.count() == 1


def test_one_reminder_the_day_before_never_two(smtp_server, vwn):  # noqa: F811
    now = timezone.now()
    tomorrow = timezone.localtime(now).replace(hour=14, minute=0) + datetime.timedelta(days=1)
    hour = HourFactory(ngo=vwn, subject="Zorg", starts_at=tomorrow)
    later = HourFactory(ngo=vwn, subject="Later", starts_at=tomorrow + datetime.timedelta(days=2))
    earlier = now - datetime.timedelta(days=3)
    reminded = BookingFactory(hour=hour, email="a@example.org", language="en", created_at=earlier)
    BookingFactory(hour=hour, email="", phone="0612345678", created_at=earlier)  # phone only
    BookingFactory(hour=later, email="b@example.org", created_at=earlier)  # not tomorrow
    BookingFactory(
        hour=hour, email="c@example.org", created_at=earlier, status="cancelled", seat=9
    )  # cancelled
    call_command("help_send_reminders")
    (message,) = smtp_server.messages
    assert message["To"] == "a@example.org"
    assert message["Subject"] == "Reminder: your consultation hour tomorrow: Zorg"
    assert "link in your confirmation e-mail" in body_of(message)
    reminded.refresh_from_db()
    assert reminded.reminded_at is not None
    call_command("help_send_reminders")
    assert mail.send_reminders() == 0
    assert len(smtp_server.messages) == 1


def test_a_reminder_the_server_refused_is_tried_again(settings, vwn):
    tomorrow = timezone.localtime().replace(hour=14, minute=0) + datetime.timedelta(days=1)
    booking = BookingFactory(
        hour=HourFactory(ngo=vwn, starts_at=tomorrow),
        email="a@example.org",
        created_at=timezone.now() - datetime.timedelta(days=3),
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_USE_TLS = False
    assert mail.send_reminders() == 0
    booking.refresh_from_db()
    assert booking.reminded_at is None
