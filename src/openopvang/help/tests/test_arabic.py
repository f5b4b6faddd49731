"""Arabic on the public help pages: offered in the language picker there
(and only there), right to left, the Arabic content where the editor wrote
it and the Dutch text with the note where not; the interface (labels,
buttons, the booking's confirmation, cancel texts and e-mail) in Arabic from
the Arabic catalogue, which covers the public help pages only."""

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import polib
import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from openopvang.help.forms import BookingForm, CancelWithCodeForm, FeedbackForm, SubscribeForm

from .factories import DocumentVersionFactory, HourFactory, TopicFactory, TopicTextFactory

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


# --- the interface strings: the Arabic catalogue ------------------------------------


@pytest.fixture
def hour(vwn):
    return HourFactory(ngo=vwn, subject="Wonen en werk", capacity=1, languages="ar, nl")


def test_the_arabic_booking_page_has_arabic_labels_and_button(hour):
    html = Client().get(f"/public/help/consultations/{hour.pk}/book/?lang=ar").content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "احجز مكانًا" in html  # Book a place
    assert ">اسمك<" in html and "رقم الهاتف" in html and "عنوان البريد الإلكتروني" in html
    assert "(اختياري)" in html  # optional
    assert (
        '<button type="submit" class="utrecht-button utrecht-button--primary-action">احجز</button>'
        in html
    )
    assert "الانتقال إلى المحتوى الرئيسي" in html  # the skip link of base.html
    for english in ("Book a place", "Your name", "Phone number", ">Book<", "Skip to main content"):
        assert english not in html


def test_a_refused_arabic_booking_says_why_in_arabic(hour):
    response = Client().post(
        f"/public/help/consultations/{hour.pk}/book/?lang=ar", {"name": "Layla"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "أدخل رقم هاتف أو عنوان بريد إلكتروني." in html
    assert "Give a phone number or an e-mail address." not in html


def test_an_arabic_booking_is_confirmed_and_cancelled_in_arabic(hour):
    client = Client()
    response = client.post(
        f"/public/help/consultations/{hour.pk}/book/?lang=ar",
        {"name": "Layla", "phone": "0612345678", "email": "layla@example.org"},
    )
    assert response.status_code == 302 and response["Location"].endswith("?lang=ar")
    html = client.get(response["Location"]).content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "تم حجز مكانك" in html  # Your place is booked
    assert "رمز الإلغاء الخاص بك" in html  # Your cancel code
    assert "إلغاء حجزي" in html and "إضافة إلى تقويمي (ملف ICS)" in html
    assert "Your place is booked" not in html and "Cancel my booking" not in html
    # The confirmation e-mail is Arabic too.
    (sent,) = mail.outbox
    assert sent.subject == "تم حجز موعد الاستشارة الخاص بك: Wonen en werk"
    assert "مرحبًا Layla،" in sent.body and "Dear" not in sent.body
    token = re.match(r"/public/help/bookings/([^/]+)/", response["Location"]).group(1)
    cancel = f"/public/help/bookings/{token}/cancel/?lang=ar"
    assert "نعم، ألغِ حجزي" in client.get(cancel).content.decode()
    done = client.post(cancel).content.decode()
    assert "أُلغي حجزك." in done and "Your booking is cancelled." not in done
    again = client.post(cancel)
    assert again.status_code == 410
    assert "لا يمكن استخدام الرابط مرة أخرى" in again.content.decode()


def test_pages_outside_the_help_pages_do_not_switch_to_arabic(client, coordinator):
    arabic = {"HTTP_ACCEPT_LANGUAGE": "ar"}
    public = Client()
    public.cookies["django_language"] = "ar"
    html = public.get("/public/parameters/?lang=ar", **arabic).content.decode()
    assert "Skip to main content" in html or "Naar de hoofdinhoud" in html
    assert "الانتقال إلى المحتوى الرئيسي" not in html
    # Nor the staff pages, whatever the browser or the cookie asks.
    client.force_login(coordinator)
    client.cookies["django_language"] = "ar"
    staff = client.get("/", follow=True, **arabic)
    assert staff.status_code == 200
    assert 'lang="ar"' not in staff.content.decode()
    assert "الانتقال إلى المحتوى الرئيسي" not in staff.content.decode()


def test_the_public_forms_are_arabic():
    with translation.override("ar"):
        for form in (BookingForm(), CancelWithCodeForm(), FeedbackForm(), SubscribeForm()):
            with translation.override("en"):
                english = {
                    name: (str(f.label), str(f.help_text)) for name, f in form.fields.items()
                }
            for name, field in form.fields.items():
                label, help_text = english[name]
                if field.label is None:  # a hidden field
                    continue
                assert str(field.label) != label, (type(form).__name__, name)
                if help_text:
                    assert str(field.help_text) != help_text, (type(form).__name__, name)


HELP = Path(__file__).resolve().parents[1]
CATALOGUE = HELP.parent / "locale" / "ar" / "LC_MESSAGES" / "django.po"
# The templates a visitor of /public/help/ sees, and the booking e-mails. The
# Arabic catalogue covers these (and the forms, messages and the public part
# of base.html) only: the staff pages are not offered in Arabic, so the staff
# templates are left out on purpose.
PUBLIC_TEMPLATES = [
    *sorted((HELP / "templates" / "help").glob("public_*.html")),
    *(
        HELP / "templates" / "help" / name
        for name in ("_hour.html", "_agency.html", "_fallback_note.html")
    ),
    *sorted((HELP / "templates" / "help" / "email").glob("*.txt")),
    *(
        HELP.parent / "templates" / "partials" / name
        for name in ("form_errors.html", "form_field.html")
    ),
]
EXTRACT = textwrap.dedent(
    """
    import os, sys
    import django
    from django.conf import settings
    settings.configure(USE_I18N=True, LOCALE_PATHS=[], INSTALLED_APPS=[])
    django.setup()
    from django.core.management import call_command
    os.chdir(sys.argv[1])
    call_command("makemessages", locale=["ar"], extensions=["html", "txt"], verbosity=0)
    """
)


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (xgettext)")
def test_every_text_of_the_public_help_templates_has_an_arabic_translation(tmp_path):
    for template in PUBLIC_TEMPLATES:
        shutil.copy(template, tmp_path / f"{template.parent.name}_{template.name}")
    (tmp_path / "locale").mkdir()
    subprocess.run([sys.executable, "-c", EXTRACT, str(tmp_path)], check=True)
    found = polib.pofile(str(tmp_path / "locale" / "ar" / "LC_MESSAGES" / "django.po"))
    committed = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(CATALOGUE))}
    problems = []
    for entry in found:
        translated = committed.get((entry.msgctxt, entry.msgid))
        if translated is None or translated.fuzzy:
            problems.append(f"missing {entry.msgid!r}")
        elif not (translated.msgstr or all(translated.msgstr_plural.values())):
            problems.append(f"empty {entry.msgid!r}")
    assert len(found) > 50 and not problems, "\n".join(problems)
