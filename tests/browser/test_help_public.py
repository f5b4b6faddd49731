"""The public help pages in a real browser on a 390-pixel-wide phone: a
person answers the questionnaire in Ukrainian, reaches the organisation that
handles the question, books an online consultation hour there and cancels it
from the confirmation; a person who booked with only a phone number cancels
on another device with the code of the confirmation; axe finds no WCAG 2.1
AA violation on the public help pages (the booking's confirmation and cancel
pages too) in Dutch, English, Ukrainian, Russian and right-to-left Arabic."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from openopvang.accounts.tests.factories import NgoFactory
from openopvang.help import services
from openopvang.help.models import Agency, Booking, ConsultationHour, Topic, TopicText

from .conftest import assert_no_page_problems

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def content(transactional_db):
    """A topic answered in Ukrainian, by an organisation with a consultation hour."""
    agency, _ = Agency.objects.update_or_create(
        code="browser-vwn",
        defaults={
            "name": "VluchtelingenWerk Nederland",
            "email": "oekraine-contact@vluchtelingenwerk.nl",
            "languages": "nl, en, uk, ru",
        },
    )
    topic = Topic.objects.create(code="browser-wonen", audience="person", agency=agency, position=1)
    TopicText.objects.create(topic=topic, language="nl", title="Wonen", answer="Over wonen.")
    TopicText.objects.create(
        topic=topic, language="uk", title="Житло в Нідерландах", answer="Про житло."
    )
    TopicText.objects.create(topic=topic, language="ar", title="السكن", answer="عن السكن.")
    hour = ConsultationHour.objects.create(
        ngo=NgoFactory(),
        topic=topic,
        subject="Житло",
        mode="online",
        location="https://meet.example.org/room",
        languages="uk, ru",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        capacity=1,
    )
    return topic, hour


def _no_sideways_scroll(page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{page.url} scrolls sideways at 390 px ({overflow} px)"


def test_a_person_finds_the_answer_books_and_cancels_in_ukrainian(page, content):
    topic, hour = content
    page.set_viewport_size(PHONE)
    page.goto("/public/help/?lang=uk")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    # Click 1: "I am …" a displaced person.
    page.locator("main a[href*='audience=person']").click()
    # Click 2: "my question is about …" the topic, in Ukrainian.
    page.get_by_role("link", name="Житло в Нідерландах").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Житло в Нідерландах")
    expect(page.locator("main")).to_contain_text("VluchtelingenWerk Nederland")
    expect(page.locator("main")).to_contain_text("oekraine-contact@vluchtelingenwerk.nl")
    expect(page.locator(".oo-help-fallback")).to_have_count(0)
    _no_sideways_scroll(page)

    # Book the consultation hour shown with the answer.
    page.locator(f"main a[href*='/consultations/{hour.pk}/book/']").click()
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    page.locator("input[name='name']").fill("Олена")
    page.locator("input[name='phone']").fill("0612345678")
    page.locator("main button.utrecht-button--primary-action").click()
    page.wait_for_load_state()
    assert "/public/help/bookings/" in page.url and page.url.endswith("?lang=uk")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("main")).to_contain_text("https://meet.example.org/room")
    expect(page.locator("main")).not_to_contain_text("0612345678")
    booking = Booking.objects.get()
    assert (booking.language, booking.status) == ("uk", "booked")
    _no_sideways_scroll(page)

    # Cancel from the confirmation.
    page.locator("main a[href*='/bookings/'][href*='/cancel/']").click()
    page.locator("main button.utrecht-button--primary-action").click()
    page.wait_for_load_state()
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    # The place is free again.
    page.goto(f"/public/help/consultations/{hour.pk}/book/?lang=uk")
    expect(page.locator("input[name='name']")).to_be_visible()
    assert_no_page_problems(page)


def test_a_phone_only_booker_cancels_with_the_code_on_another_device(page, browser, content):
    topic, hour = content
    page.set_viewport_size(PHONE)
    page.goto(f"/public/help/consultations/{hour.pk}/book/?lang=uk")
    page.locator("input[name='name']").fill("Олена")
    page.locator("input[name='phone']").fill("06 1234 5678")
    page.locator("main button.utrecht-button--primary-action").click()
    page.wait_for_load_state()
    code = page.locator(".oo-help-code__value").inner_text().strip()
    assert len(code) == 9 and code[4] == "-", code
    _no_sideways_scroll(page)
    cancel_url = page.get_by_role("link", name="Скасувати за кодом").get_attribute("href")
    assert cancel_url == "/public/help/cancel/?lang=uk"

    # Later, on another phone: no cookies, no confirmation page, only the code.
    other = browser.new_context(
        base_url=page.url.split("/public/")[0], viewport=PHONE, locale="uk-UA"
    )
    try:
        phone = other.new_page()
        phone.goto(cancel_url)
        expect(phone.locator("html")).to_have_attribute("lang", "uk")
        phone.locator("input[name='phone']").fill("+31 6 12345678")
        phone.locator("input[name='code']").fill(code.lower().replace("-", " "))
        phone.locator("main button.utrecht-button--primary-action").click()
        phone.wait_for_load_state()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Ваше бронювання скасовано.")
        _no_sideways_scroll(phone)
        assert Booking.objects.get().status == "cancelled"
        # The code works once.
        phone.goto(cancel_url)
        phone.locator("input[name='phone']").fill("0612345678")
        phone.locator("input[name='code']").fill(code)
        phone.locator("main button.utrecht-button--primary-action").click()
        phone.wait_for_load_state()
        expect(phone.locator("main [role='alert']")).to_contain_text(
            "код не можна використати повторно"
        )
    finally:
        other.close()
    assert_no_page_problems(page)


@pytest.mark.parametrize("language", ["nl", "en", "uk", "ru", "ar"])
def test_the_public_help_pages_have_no_axe_violations(page, axe_check, content, language):
    topic, hour = content
    _booking, token = services.book(
        hour.pk, name="Olena", phone="0612345678", email="", language=language
    )
    page.set_viewport_size(PHONE)
    paths = [
        "/public/help/",
        "/public/help/?audience=person",
        "/public/help/?audience=professional",
        f"/public/help/topics/{topic.code}/",
        "/public/help/consultations/",
        f"/public/help/consultations/{hour.pk}/book/",
        "/public/help/documents/",
        "/public/help/newsletter/",
        f"/public/help/bookings/{token}/",
        f"/public/help/bookings/{token}/cancel/",
        "/public/help/cancel/",
    ]
    for path in paths:
        separator = "&" if "?" in path else "?"
        response = page.goto(f"{path}{separator}lang={language}")
        assert response.status == 200, f"{path}: HTTP {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        _no_sideways_scroll(page)
        axe_check(page, context_name=f"{path} in {language} at 390 px")
    if language == "ar":
        # The picker offers Arabic, named in Arabic.
        expect(page.locator("#language-select option[value='ar']")).to_have_attribute("lang", "ar")
        # The interface is Arabic too (the last page is the cancel-with-code form).
        expect(page.locator("h1")).to_have_text("الإلغاء باستخدام الرمز")
        expect(page.get_by_role("button", name="إلغاء حجزي")).to_be_visible()
        expect(page.locator("label[for='language-select']")).to_have_text("اللغة")
    assert_no_page_problems(page)
