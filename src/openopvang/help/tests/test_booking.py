"""Booking an online consultation hour without an account, in one's own
language: the confirmation with its ICS file and a cancel link that works
once; the full-hour message; staff see the bookings (audited); bookings are
deleted after the retention period. The race for the last place with two
sessions at once is in test_booking_postgres.py."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.help import services
from openopvang.help.models import Booking, BookingStatus

from .factories import BookingFactory, HourFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hour(vwn):
    return HourFactory(ngo=vwn, subject="Wonen en werk", capacity=1, languages="uk, ru")


def book(client, hour, language="uk", **data):
    fields = {"name": "Olena", "phone": "0612345678", "email": "", **data}
    return client.post(f"/public/help/consultations/{hour.pk}/book/?lang={language}", fields)


def token_of(response) -> str:
    return re.match(r"/public/help/bookings/([^/]+)/", response["Location"]).group(1)


def test_a_person_books_in_ukrainian_and_gets_the_confirmation_in_ukrainian(hour):
    client = Client()
    response = book(client, hour, "uk")
    assert response.status_code == 302
    assert response["Location"].endswith("?lang=uk")
    booking = Booking.objects.get()
    assert (booking.seat, booking.language, booking.status) == (1, "uk", BookingStatus.BOOKED)
    page = client.get(response["Location"])
    html = page.content.decode()
    assert '<html lang="uk"' in html
    assert "Wonen en werk" in html and "https://meet.example.org/room" in html
    assert "Olena" not in html and "0612345678" not in html  # the link is the only key
    token = token_of(response)
    assert f"/public/help/bookings/{token}/calendar.ics" in html
    assert f"/public/help/bookings/{token}/cancel/" in html
    assert services.hash_token(token) == booking.token_hash and token not in booking.token_hash


def test_the_ics_file_holds_the_hour(hour):
    client = Client()
    token = token_of(book(client, hour, "en"))
    response = client.get(f"/public/help/bookings/{token}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    start = hour.starts_at.astimezone(datetime.UTC)
    end = start + datetime.timedelta(minutes=30)
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert f"DTSTART:{start:%Y%m%dT%H%M%SZ}\r\n" in body
    assert f"DTEND:{end:%Y%m%dT%H%M%SZ}\r\n" in body
    assert "SUMMARY:Consultation hour: Wonen en werk" in body
    assert "LOCATION:https://meet.example.org/room" in body
    assert f"/public/help/bookings/{token}/cancel/" in body
    assert "Olena" not in body


def test_the_cancel_link_works_once(hour):
    client = Client()
    token = token_of(book(client, hour, "en"))
    confirm = client.get(f"/public/help/bookings/{token}/cancel/?lang=en")
    assert "Yes, cancel my booking" in confirm.content.decode()
    done = client.post(f"/public/help/bookings/{token}/cancel/?lang=en")
    assert done.status_code == 200
    assert "Your booking is cancelled." in done.content.decode()
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    again = client.post(f"/public/help/bookings/{token}/cancel/?lang=en")
    assert again.status_code == 410
    assert "the link cannot be used again" in again.content.decode()
    assert client.get(f"/public/help/bookings/{token}/calendar.ics").status_code == 404
    # The place is free again.
    assert book(Client(REMOTE_ADDR="10.0.0.2"), hour, "en").status_code == 302


def test_a_wrong_or_guessed_token_is_refused(hour):
    client = Client()
    token = token_of(book(client, hour, "en"))
    for wrong in ("x", token[:-1] + ("A" if token[-1] != "A" else "B"), "1"):
        response = client.post(f"/public/help/bookings/{wrong}/cancel/?lang=en")
        assert response.status_code == 404
        assert "This link is not valid." in response.content.decode()
        assert client.get(f"/public/help/bookings/{wrong}/").status_code == 404
    assert Booking.objects.get().status == BookingStatus.BOOKED
    assert len(token) >= 32


def test_a_full_hour_says_so(hour):
    assert book(Client(), hour, "en").status_code == 302
    response = book(Client(REMOTE_ADDR="10.0.0.3"), hour, "en", name="Ivan")
    html = response.content.decode()
    assert "This consultation hour is full. Please choose another hour." in html
    assert Booking.objects.count() == 1
    listing = Client().get("/public/help/consultations/?lang=en&in=all").content.decode()
    assert "This consultation hour is full." in listing


def test_the_service_refuses_the_place_after_the_last_sequentially(hour):
    services.book(hour.pk, name="A", phone="1", email="", language="uk")
    with pytest.raises(services.HourFull) as refused:
        services.book(hour.pk, name="B", phone="2", email="", language="uk")
    assert refused.value.code == "full"
    assert Booking.objects.booked().count() == 1


def test_booking_needs_a_phone_number_or_an_email_address(hour):
    response = book(Client(), hour, "en", phone="", email="")
    assert response.status_code == 400
    assert "Give a phone number or an e-mail address." in response.content.decode()
    assert book(Client(), hour, "en", phone="", email="olena@example.org").status_code == 302


def test_honeypot_and_rate_limit(vwn):
    big = HourFactory(ngo=vwn, capacity=10)
    client = Client()
    assert book(client, big, "en", website="http://spam").status_code == 400
    assert not Booking.objects.exists()
    for _n in range(3):
        assert book(client, big, "en").status_code == 302
    response = book(client, big, "en")
    assert "several bookings in a short time" in response.content.decode()
    assert Booking.objects.count() == 3


def test_the_page_says_how_long_bookings_are_kept(hour):
    html = Client().get(f"/public/help/consultations/{hour.pk}/book/?lang=en").content.decode()
    assert "delete them 30 days after it" in html


def test_staff_see_the_bookings_audited_and_can_cancel(client, ngo_worker, hour):
    booking = BookingFactory(hour=hour, seat=1, name="Olena Shevchenko")
    client.force_login(ngo_worker)
    html = client.get(f"/help/hours/{hour.pk}/bookings/").content.decode()
    assert "Olena Shevchenko" in html
    event = AuditEvent.objects.filter(action=AuditAction.VIEW).latest("id")
    assert f"help.Booking:{booking.pk}" in event.shown
    response = client.post(f"/help/bookings/{booking.pk}/cancel/")
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_another_ngo_cannot_see_the_bookings(client, hour):
    from openopvang.accounts.models import Role
    from openopvang.core.testing import factories

    other = factories.UserFactory(
        username="other-ngo", organisation=factories.NgoFactory(code="NGOX"), role=Role.NGO_WORKER
    )
    BookingFactory(hour=hour, seat=1)
    client.force_login(other)
    assert client.get(f"/help/hours/{hour.pk}/bookings/").status_code == 404


def test_bookings_are_deleted_after_the_retention_period(vwn):
    old = HourFactory(ngo=vwn, starts_at=timezone.now() - datetime.timedelta(days=31))
    recent = HourFactory(ngo=vwn, starts_at=timezone.now() - datetime.timedelta(days=5))
    BookingFactory(hour=old, seat=1)
    kept = BookingFactory(hour=recent, seat=1)
    call_command("help_purge_bookings")
    assert list(Booking.objects.all()) == [kept]
