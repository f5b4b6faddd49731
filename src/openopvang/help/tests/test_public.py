"""The public "Where do I go with…" pages: no login, the reader's language
with the Dutch fallback, the questionnaire that routes to the organisation
that handles a topic, the municipality's desk, the feedback box, and no
personal data anywhere."""

import re

import pytest
from django.test import Client

from openopvang.help.models import Feedback, Topic

from .factories import BookingFactory, DeskFactory, HourFactory, TopicFactory, TopicTextFactory

pytestmark = pytest.mark.django_db

# The seeded topic → the organisation that handles it and how to reach it.
ROUTING = {
    "normbedrag-leefgeld": ("Nationale Opvang Organisatie (NOO)", "PostbusNOO@minjenv.nl"),
    "voorschot": ("Nationale Opvang Organisatie (NOO)", "PostbusNOO@minjenv.nl"),
    "informatie-delen": ("VNG Forum Oekraïne", None),
    "psychosociale-hulp": ("LOOP (Loket Ontheemden Oekraïne PSH)", None),
    "derdelanders": ("mailbox derdelanders", "derdelanders.oekraine@minjenv.nl"),
    "asiel-coa": ("COA", None),
    "terugkeer": ("DT&amp;V (Dienst Terugkeer en Vertrek)", None),
    "ondersteuning-inkopen": (
        "VluchtelingenWerk Nederland",
        "oekraine-contact@vluchtelingenwerk.nl",
    ),
    "informatie-in-uw-taal": ("RefugeeHelp", "https://refugeehelp.nl"),
    "spreekuur": ("VluchtelingenWerk Nederland", None),
    "asiel-aanvragen": ("COA", None),
    "terugkeren": ("IOM", None),
}


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_every_seeded_topic_routes_to_its_organisation():
    assert set(ROUTING) == set(Topic.objects.values_list("code", flat=True))
    client = Client()
    for code, (organisation, contact) in ROUTING.items():
        html = client.get(f"/public/help/topics/{code}/?lang=en").content.decode()
        assert "Who handles this: " in html and organisation in html, code
        if contact:
            assert contact in html, code


@pytest.mark.parametrize(
    ("audience", "choice", "expected"),
    [
        (
            "professional",
            "Standard amount, living allowance and transition costs",
            "PostbusNOO@minjenv.nl",
        ),
        ("professional", "Third-country nationals", "derdelanders.oekraine@minjenv.nl"),
        (
            "professional",
            "Psychosocial help and suitable care",
            "LOOP (Loket Ontheemden Oekraïne PSH)",
        ),
        ("person", "Returning to your country", "Who handles this: IOM"),
    ],
)
def test_the_questionnaire_leads_to_the_answer_in_two_clicks(audience, choice, expected):
    client = Client()
    start = client.get("/public/help/?lang=en").content.decode()
    assert "I am …" in start
    step1 = next(link for link in links(start) if f"audience={audience}" in link)
    page = client.get("/public/help/" + step1.replace("&amp;", "&")).content.decode()
    assert "My question is about …" in page
    step2 = re.search(rf'href="([^"]+)"[^>]*>{re.escape(choice)}</a>', page).group(1)
    answer = client.get(step2).content.decode()
    assert expected in answer
    assert "<script" not in answer.split("</head>")[1]  # the page itself needs no script


def test_a_missing_translation_falls_back_to_dutch_with_a_note():
    topic = TopicFactory(code="alleen-nederlands", audience="person")
    TopicTextFactory(topic=topic, language="nl", title="Alleen in het Nederlands", answer="Tekst.")
    html = Client().get("/public/help/topics/alleen-nederlands/?lang=uk").content.decode()
    assert 'lang="uk"' in html.split(">")[1]
    assert '<article lang="nl">' in html
    assert "Alleen in het Nederlands" in html
    note = "This text is not yet available in your language. It is shown in Dutch."
    assert note in html or "нідерландською" in html  # the msgid, or its Ukrainian once merged


def test_a_translated_text_has_no_fallback_note():
    html = Client().get("/public/help/topics/terugkeren/?lang=uk").content.decode()
    assert "Повернення до вашої країни" in html
    assert "oo-help-fallback" not in html


def test_the_browsers_language_chooses_the_text():
    html = (
        Client().get("/public/help/topics/terugkeren/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    )
    assert "Возвращение в вашу страну" in html


def test_a_municipalitys_page_shows_its_desk(municipality):
    DeskFactory(municipality=municipality, name="Loket Oekraïne Utrecht", opening_hours="di 9–12")
    html = Client().get("/public/help/municipalities/gm0344/?lang=en").content.decode()
    assert "Loket Oekraïne Utrecht" in html and "di 9–12" in html
    found = Client().get("/public/help/municipality/?code=GM0344")
    assert found["Location"] == "/public/help/municipalities/GM0344/"


def test_feedback_is_stored_for_the_editor_without_personal_data():
    client = Client()
    response = client.post(
        "/public/help/feedback/?lang=en",
        {
            "feedback-page": "/public/help/topics/voorschot/",
            "feedback-message": "Where is the form?",
        },
        follow=True,
    )
    assert "Thank you" in response.content.decode()
    feedback = Feedback.objects.get()
    assert feedback.message == "Where is the form?"
    assert feedback.page == "/public/help/topics/voorschot/"
    assert "127.0.0.1" not in feedback.sender_key


def test_feedback_honeypot_and_rate_limit():
    client = Client()
    client.post(
        "/public/help/feedback/",
        {"feedback-page": "/public/help/", "feedback-message": "spam", "feedback-website": "x"},
    )
    assert not Feedback.objects.exists()
    for n in range(5):
        client.post(
            "/public/help/feedback/",
            {"feedback-page": "/public/help/", "feedback-message": f"m{n}"},
        )
    response = client.post(
        "/public/help/feedback/?lang=en",
        {"feedback-page": "/public/help/", "feedback-message": "one more"},
        follow=True,
    )
    assert Feedback.objects.count() == 5
    assert "several messages in a short time" in response.content.decode()


def test_feedback_goes_back_only_to_a_public_page():
    response = Client().post(
        "/public/help/feedback/",
        {"feedback-page": "https://evil.example/", "feedback-message": "x"},
    )
    assert response["Location"] == "/public/help/"


def test_public_pages_show_no_personal_data(municipality, vwn):
    hour = HourFactory(ngo=vwn, subject="Spreekuur wonen", capacity=3)
    BookingFactory(
        hour=hour, seat=1, name="Victimenko", phone="111222333", email="olena@example.org"
    )
    DeskFactory(municipality=municipality)
    client = Client()
    pages = [
        "/public/help/",
        "/public/help/?audience=person",
        "/public/help/?audience=professional",
        "/public/help/topics/spreekuur/",
        "/public/help/municipalities/GM0344/",
        "/public/help/consultations/?in=all",
        f"/public/help/consultations/{hour.pk}/book/",
        "/public/help/cancel/",
    ]
    for language in ("nl", "en", "uk", "ru"):
        for page in pages:
            response = client.get(page, {"lang": language})
            assert response.status_code == 200, page
            html = response.content.decode()
            assert f'<html lang="{language}"' in html
            for secret in ("Victimenko", "111222333", "olena@example.org"):
                assert secret not in html, (page, language)
            assert "<label" in html and "<h1" in html
