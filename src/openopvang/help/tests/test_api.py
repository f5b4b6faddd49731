"""The public, read-only help API: topics with their texts, the
organisations to contact, the upcoming consultation hours with free places
and no personal data; writing is not possible."""

import pytest
from rest_framework.test import APIClient

from .factories import BookingFactory, HourFactory, TopicFactory, TopicTextFactory

pytestmark = pytest.mark.django_db


def test_topics_and_organisations_are_public():
    client = APIClient()
    topic = TopicFactory(code="werk", audience="person")
    TopicTextFactory(topic=topic, language="uk", title="Робота", answer="Про роботу.")
    topics = client.get("/api/v1/help-topics/?code=werk")
    assert topics.status_code == 200
    (row,) = topics.json()["results"]
    assert row["organisation"] == topic.agency.code
    assert row["texts"] == [{"language": "uk", "title": "Робота", "answer": "Про роботу."}]
    noo = client.get("/api/v1/help-organisations/?code=noo").json()["results"]
    assert noo[0]["email"] == "PostbusNOO@minjenv.nl"


def test_consultation_hours_show_free_places_and_nobody_who_booked(vwn):
    hour = HourFactory(ngo=vwn, subject="Wonen", capacity=2, languages="uk, ru")
    BookingFactory(hour=hour, name="Victimenko", phone="111222333")
    HourFactory(ngo=vwn, subject="Werk", languages="en")
    client = APIClient()
    response = client.get("/api/v1/consultation-hours/?language=uk")
    (row,) = response.json()["results"]
    assert (row["subject"], row["places_left"], row["languages"]) == ("Wonen", 1, ["uk", "ru"])
    assert row["booking_url"].endswith(f"/public/help/consultations/{hour.pk}/book/")
    body = response.content.decode()
    assert "Victimenko" not in body and "111222333" not in body and "meet.example.org" not in body
    assert client.get(f"/api/v1/consultation-hours/{hour.pk}/").json()["places_left"] == 1


def test_the_help_api_is_read_only(editor):
    client = APIClient()
    client.force_authenticate(editor)
    assert client.post("/api/v1/help-topics/", {"code": "x"}, format="json").status_code == 405
