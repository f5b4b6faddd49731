"""The staff pages: the national editor adds a topic in Dutch and English and
reads the feedback; others are refused; a municipality's administrator adds
its desk to its public page; NGO staff publish a consultation hour."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from openopvang.help.models import Agency, ConsultationHour, Desk, Feedback, Topic, TopicText

pytestmark = pytest.mark.django_db


def test_the_editor_adds_a_topic_in_dutch_and_english(client, editor):
    client.force_login(editor)
    agency = Agency.objects.get(code="loop")
    response = client.post(
        "/help/topics/new/",
        {"code": "zorg", "audience": "person", "agency": agency.pk, "position": 5},
    )
    topic = Topic.objects.get(code="zorg")
    assert response["Location"] == f"/help/topics/{topic.pk}/text/nl/"
    client.post(f"/help/topics/{topic.pk}/text/nl/", {"title": "Zorg", "answer": "Over zorg."})
    client.post(f"/help/topics/{topic.pk}/text/en/", {"title": "Care", "answer": "About care."})
    assert set(TopicText.objects.filter(topic=topic).values_list("language", "title")) == {
        ("nl", "Zorg"),
        ("en", "Care"),
    }
    public = Client()
    assert "Care" in public.get("/public/help/topics/zorg/?lang=en").content.decode()
    uk = public.get("/public/help/topics/zorg/?lang=uk").content.decode()
    assert "Zorg" in uk and "oo-help-fallback" in uk
    listing = client.get("/help/topics/").content.decode()
    assert "zorg" in listing


def test_the_editor_reads_the_feedback(client, editor):
    Feedback.objects.create(
        page="/public/help/", language="uk", message="Немає інформації", sender_key="k"
    )
    client.force_login(editor)
    assert "Немає інформації" in client.get("/help/feedback/").content.decode()


def test_others_cannot_edit_the_content(client, coordinator, municipal_admin, ngo_worker):
    for user in (coordinator, municipal_admin, ngo_worker):
        client.force_login(user)
        assert client.get("/help/topics/").status_code == 403
        response = client.post(
            "/help/organisations/new/", {"code": "x", "name": "X", "languages": ""}
        )
        assert response.status_code == 403
    assert not Agency.objects.filter(code="x").exists()


def test_a_municipalitys_administrator_adds_its_desk(client, municipal_admin, coordinator):
    client.force_login(coordinator)
    assert client.get("/help/desks/").status_code == 403
    client.force_login(municipal_admin)
    response = client.post(
        "/help/desks/new/",
        {
            "name": "Loket Oekraïne",
            "opening_hours": "ma en do 9.00–12.00",
            "email": "oekraine@example.org",
        },
    )
    assert response.status_code == 302
    desk = Desk.objects.get()
    assert desk.municipality == municipal_admin.organisation
    html = Client().get("/public/help/municipalities/GM0344/?lang=en").content.decode()
    assert "Loket Oekraïne" in html and "ma en do 9.00–12.00" in html


def test_ngo_staff_publish_a_consultation_hour(client, ngo_worker, coordinator):
    client.force_login(coordinator)
    assert client.get("/help/hours/").status_code == 403
    client.force_login(ngo_worker)
    starts = timezone.localtime(timezone.now() + datetime.timedelta(days=2)).replace(
        second=0, microsecond=0
    )
    response = client.post(
        "/help/hours/new/",
        {
            "subject": "Online spreekuur",
            "topic": Topic.objects.get(code="spreekuur").pk,
            "mode": "online",
            "location": "https://meet.example.org/x",
            "languages": "uk, ru",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 30,
            "capacity": 4,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    hour = ConsultationHour.objects.get()
    assert hour.ngo == ngo_worker.organisation
    public = Client().get("/public/help/consultations/?lang=uk").content.decode()
    assert "Online spreekuur" in public
    assert (
        "Online spreekuur"
        in Client().get("/public/help/topics/spreekuur/?lang=en").content.decode()
    )
    assert (
        "Online spreekuur"
        not in Client().get("/public/help/consultations/?lang=en&in=en").content.decode()
    )
