"""Arabic on the public help pages: offered in the language picker there
(and only there), right to left, the Arabic content where the editor wrote
it and the Dutch text with the note where not."""

import pytest
from django.test import Client

from .factories import DocumentVersionFactory, TopicFactory, TopicTextFactory

pytestmark = pytest.mark.django_db


def test_a_topic_with_an_arabic_text_is_shown_right_to_left():
    topic = TopicFactory(code="wonen")
    TopicTextFactory(topic=topic, language="nl", title="Wonen", answer="Over wonen.")
    TopicTextFactory(topic=topic, language="ar", title="السكن", answer="عن السكن.")
    html = Client().get("/public/help/topics/wonen/?lang=ar").content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "السكن" in html and "Over wonen." not in html
    assert "oo-help-fallback" not in html
    assert '<option value="ar" lang="ar" selected>العربيّة</option>' in html


def test_without_an_arabic_text_the_dutch_one_is_shown_with_the_note():
    topic = TopicFactory(code="werk")
    TopicTextFactory(topic=topic, language="nl", title="Werk", answer="Over werk.")
    html = Client().get("/public/help/topics/werk/?lang=ar").content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "Over werk." in html and "oo-help-fallback" in html
    assert '<article lang="nl">' in html


def test_the_arabic_document_version_is_listed():
    version = DocumentVersionFactory(title="Handreiking")
    DocumentVersionFactory(document=version.document, language="ar", title="دليل")
    html = Client().get("/public/help/documents/?lang=ar").content.decode()
    assert "دليل" in html and "Handreiking" not in html


def test_arabic_is_not_offered_outside_the_help_pages():
    html = Client().get("/public/parameters/?lang=ar").content.decode()
    assert 'value="ar"' not in html
    assert 'dir="ltr"' in html and 'lang="ar" dir="rtl"' not in html
    # Other languages stay left to right on the help pages too.
    help_uk = Client().get("/public/help/?lang=uk").content.decode()
    assert '<html lang="uk" dir="ltr"' in help_uk and 'value="ar"' in help_uk
