"""A person who books with only a phone number has no e-mail to keep the
cancel link in: the confirmation page shows a short code, and the public
"cancel with your code" page cancels with that phone number and code. The
code works once, cannot be guessed (40 bits, a keyed hash stored) and the
tries are limited per address and per phone number."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.help import services
from openopvang.help.models import Booking, BookingStatus, CancelAttempt

from .factories import HourFactory

pytestmark = pytest.mark.django_db

CANCEL = "/public/help/cancel/"
CODE = re.compile(r'oo-help-code__value" translate="no">([0-9A-Z]{4}-[0-9A-Z]{4})<')


@pytest.fixture
def hour(vwn):
    return HourFactory(ngo=vwn, subject="Wonen en werk", capacity=2, languages="uk, ru")


def book_by_phone(hour, phone="06 1234 5678", language="uk", address="10.1.0.1"):
    client = Client(REMOTE_ADDR=address)
    response = client.post(
        f"/public/help/consultations/{hour.pk}/book/?lang={language}",
        {"name": "Olena", "phone": phone, "email": ""},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    return page, CODE.search(page).group(1)


def cancel(code, phone="06 1234 5678", language="en", address="10.2.0.1", **extra):
    return Client(REMOTE_ADDR=address).post(
        f"{CANCEL}?lang={language}", {"phone": phone, "code": code, **extra}
    )


def test_the_phone_only_booker_sees_a_code_and_cancels_with_it_once(hour):
    page, code = book_by_phone(hour, language="uk")
    assert '<html lang="uk"' in page
    assert f'href="{CANCEL}?lang=uk"' in page
    booking = Booking.objects.get()
    # only a keyed hash is stored, never the code
    assert code not in booking.code_hash and code.replace("-", "") not in booking.code_hash

    # from another device, the number written differently, the code in lower case
    done = cancel(code.lower(), phone="+31 6 12345678")
    assert done.status_code == 200
    assert "Your booking is cancelled." in done.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE).latest("id")
    assert event.changes == {"status": ["booked", "cancelled"]}

    again = cancel(code, address="10.2.0.2")
    assert again.status_code == 410
    assert "the code cannot be used again" in again.content.decode()


def test_the_code_page_in_ukrainian_and_dutch(hour):
    html = Client().get(f"{CANCEL}?lang=uk").content.decode()
    assert '<html lang="uk"' in html and 'name="code"' in html and 'name="phone"' in html
    html = Client().get(f"{CANCEL}?lang=nl", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Annuleren met uw code" in html


def test_the_code_needs_the_phone_number_it_was_booked_with(hour):
    _page, code = book_by_phone(hour)
    response = cancel(code, phone="0687654321")
    assert response.status_code == 400
    assert "do not belong to a booking" in response.content.decode()
    assert Booking.objects.get().status == BookingStatus.BOOKED


def test_a_guessed_code_is_refused_and_the_tries_are_limited(hour):
    _page, code = book_by_phone(hour)
    wrong = "0000-0000" if code != "0000-0000" else "1111-1111"
    for _n in range(services.CODE_TRIES_PER_HOUR):
        assert cancel(wrong, address="10.3.0.1").status_code == 400
    # the sixth try from that address is refused, even with the right code
    limited = cancel(code, address="10.3.0.1")
    assert limited.status_code == 429
    assert "several codes in a short time" in limited.content.decode()
    assert Booking.objects.get().status == BookingStatus.BOOKED
    # another address for the same number still has tries left, up to the day's limit
    assert cancel(code, address="10.3.0.2").status_code == 200


def test_the_tries_per_phone_number_are_limited_across_addresses(hour):
    _page, code = book_by_phone(hour)
    for n in range(services.CODE_TRIES_PER_PHONE_PER_DAY):
        assert cancel("ZZZZ-ZZZZ", address=f"10.4.0.{n}").status_code == 400
    assert cancel(code, address="10.4.1.1").status_code == 429
    assert Booking.objects.get().status == BookingStatus.BOOKED
    # the counted tries hold no phone number
    assert not CancelAttempt.objects.filter(phone_key__contains="612345678").exists()


def test_the_code_has_40_bits_and_differs_per_booking(hour):
    codes = {services.booking_code(f"token-{n}") for n in range(2000)}
    assert len(codes) == 2000
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", c) for c in codes)
    assert len(services.CODE_ALPHABET) ** services.CODE_LENGTH == 2**40


def test_a_booking_with_only_an_email_address_has_no_code(hour):
    client = Client()
    response = client.post(
        f"/public/help/consultations/{hour.pk}/book/?lang=en",
        {"name": "Olena", "phone": "", "email": "olena@example.org"},
    )
    page = client.get(response["Location"]).content.decode()
    assert "Your cancel code" not in page
    assert Booking.objects.get().code_hash == ""


def test_honeypot_on_the_code_page(hour):
    _page, code = book_by_phone(hour)
    assert cancel(code, website="http://spam").status_code == 400
    assert Booking.objects.get().status == BookingStatus.BOOKED


def test_old_cancel_tries_are_purged(hour):
    CancelAttempt.objects.create(sender_key="a", phone_key="b")
    old = CancelAttempt.objects.create(sender_key="a", phone_key="b")
    CancelAttempt.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    services.purge_bookings()
    assert CancelAttempt.objects.count() == 1
