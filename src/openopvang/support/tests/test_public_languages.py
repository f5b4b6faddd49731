"""The public pages (/public/: support services, parameters, their 404) switch
fully to Ukrainian or Russian: header, switcher, page texts, buttons, footer;
one switcher offers Nederlands, English, Українська and Русский, each in its
own language. Staff pages keep Dutch and English only (core.languages)."""

import html as html_lib
import re

import pytest
from django.test import Client
from django.utils.translation import gettext, override

pytestmark = pytest.mark.django_db

PUBLIC_LANGUAGES = {"nl": "Nederlands", "en": "English", "uk": "Українська", "ru": "Русский"}

# Texts of the header, footer, buttons, labels and fixed messages of the
# public pages (msgids): on a Ukrainian or Russian page neither the English
# msgid nor its Dutch translation may show.
UI_TEXTS = [
    "Skip to main content",
    "Language",
    "Switch",
    "Open Opvang — open-source reception registry for Dutch municipalities.",
    "Support services",
    "Offered by",
    "This municipality has no support services at the moment.",
    "Parameters of the money rules",
    "Filter the parameters",
    "Regulation",
    "All regulations",
    "Search",
    "Show",
    "Applies",
    "Reference",
    "Confidence",
    "administrator (replaces or adds to the file)",
    "confirmed (official publication)",
    "The same list as data",
    "Page not found",
    "This page does not exist. Check the address.",
    "Go to the dashboard",
    "Log out",
    "Main navigation",
]
# What the app formats itself (units, amounts per day, dates); the data of the
# parameter files (references, notes) are shown as stored and may hold them.
APP_FORMATTED = [
    r"EUR/day",
    r"EUR/month",
    r"€ [\d.,]+ per (day|dag|month|maand)",
    r"\d+ (januari|maart|oktober|January|March|October) \d{4} (tot en met|to)",
]
# The "Applies" cell of a value ("from 1 March 2022"): the app's text, no data.
APPLIES_CELL = re.compile(r'<td class="utrecht-table__cell">\s*(vanaf|from|\d+ [a-zA-Z]+ \d{4})')


def dutch(msgid: str) -> str:
    with override("nl"):
        return gettext(msgid)


def visible_text(page: str, language: str = "") -> str:
    """The page's text without tags, the switcher's language names (which name
    each language in that language on purpose) and, given the page's
    `language`, without the stored data marked as another language."""
    page = re.sub(r'<select id="language-select".*?</select>', " ", page, flags=re.S)
    if language:
        other = rf'<(\w+)\b[^>]*\slang="(?!{language}")[^"]*"[^>]*>.*?</\1>'
        page = re.sub(other, " ", page, flags=re.S)
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html_lib.unescape(page))


def switcher_options(page: str) -> list[tuple[str, str, str]]:
    """(value, lang, label) of the header's language switcher."""
    select = page.split('id="language-select"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]+)" lang="([^"]+)"[^>]*>([^<]+)</option>', select)


@pytest.fixture
def public_pages(current_lines, municipality):
    """Every public page: services (with services ordered today), parameters,
    and the 404 page reached under /public/."""
    return [
        f"/public/{municipality.code}/services/",
        "/public/parameters/",
        "/public/parameters/?regulation=booo&q=goo",
        "/public/GM9999/services/",
        f"/public/{municipality.code}/no-such-page/",
    ]


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_every_public_page_is_fully_in_the_chosen_language(public_pages, language):
    for url in public_pages:
        separator = "&" if "?" in url else "?"
        response = Client().get(f"{url}{separator}lang={language}")
        assert response.status_code in (200, 404), url
        page = response.content.decode()
        assert f'<html lang="{language}"' in page, url
        assert response["Content-Language"] == language, url
        text = visible_text(page, language)
        left = [
            shown
            for msgid in UI_TEXTS
            for shown in {msgid, dutch(msgid)}
            if re.search(rf"(?<!\w){re.escape(shown)}(?!\w)", text)
        ]
        left += [pattern for pattern in APP_FORMATTED if re.search(pattern, text)]
        left += APPLIES_CELL.findall(page)
        assert not left, f"{url} in {language} still shows: {left}"
        assert switcher_options(page) == [
            (code, code, name) for code, name in PUBLIC_LANGUAGES.items()
        ], url


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("uk", ["Мова", "Змінити", "Послуги підтримки", "Надає", "Соціальний супровід"]),
        ("ru", ["Язык", "Сменить", "Услуги поддержки", "Предоставляет"]),
    ],
)
def test_the_services_page_speaks_the_language(current_lines, municipality, language, texts):
    page = Client().get(f"/public/{municipality.code}/services/?lang={language}")
    text = visible_text(page.content.decode())
    for expected in texts:
        assert expected in text
    if language == "ru":
        # No Russian text stored: the service shows as stored, marked as Dutch.
        assert '<h2 class="utrecht-heading-2" lang="nl">Maatschappelijke begeleiding' in (
            page.content.decode()
        )


def test_the_parameters_page_shows_dates_and_units_in_the_language(db):
    uk = visible_text(Client().get("/public/parameters/?lang=uk").content.decode())
    assert "з 1 березня 2022" in uk or "з 1 березня 2022 по" in uk
    assert "євро на день" in uk
    ru = Client().get("/public/parameters/?lang=ru").content.decode()
    assert "единица измерения: евро в день" in visible_text(ru)
    # The files describe parameters in Dutch and English: the English is marked.
    assert re.search(r'<h2 class="utrecht-heading-2" id="[^"]+" lang="en">', ru)


def test_the_switcher_remembers_the_choice_across_public_pages(db):
    client = Client()
    page = client.get("/public/parameters/?lang=uk&regulation=booo").content.decode()
    # Back to the same page without the old ?lang=, which would overrule the choice.
    assert 'name="next" value="/public/parameters/?regulation=booo"' in page
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/public/parameters/"})
    assert response.status_code == 302 and response["Location"] == "/public/parameters/"
    assert '<html lang="ru"' in client.get("/public/parameters/").content.decode()
    assert '<html lang="ru"' in client.get("/public/GM0344/services/").content.decode()


def test_a_browser_in_ukrainian_gets_the_public_pages_in_ukrainian(db):
    page = Client().get("/public/parameters/", HTTP_ACCEPT_LANGUAGE="uk-UA,uk;q=0.9,en;q=0.5")
    assert page["Content-Language"] == "uk"


@pytest.mark.parametrize("chosen", ["uk", "ru"])
def test_staff_pages_offer_only_dutch_and_english(coordinator, chosen):
    # A reader who chose Ukrainian or Russian on a public page, with a
    # browser that asks for it too.
    client = Client(HTTP_ACCEPT_LANGUAGE=f"{chosen},nl;q=0.5")
    client.cookies["django_language"] = chosen
    login = client.get("/accounts/login/")
    assert login["Content-Language"] == "nl"
    assert [code for code, _lang, _name in switcher_options(login.content.decode())] == [
        "nl",
        "en",
    ]
    client.force_login(coordinator)
    for url in ("/", "/registry/persons/", "/support/"):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert '<html lang="nl"' in page, url
        assert switcher_options(page) == [("nl", "nl", "Nederlands"), ("en", "en", "English")]
    # A staff page without a staff-language preference falls back to Dutch.
    fresh = Client(HTTP_ACCEPT_LANGUAGE="ru")
    assert fresh.get("/accounts/login/")["Content-Language"] in ("nl", "en")


def test_a_logged_in_staff_member_sees_the_public_page_as_the_public_does(
    coordinator, municipality
):
    client = Client()
    client.force_login(coordinator)
    page = client.get(f"/public/{municipality.code}/services/?lang=uk").content.decode()
    assert '<html lang="uk"' in page
    assert 'id="main-menu"' not in page and "oo-user-menu" not in page
    assert len(switcher_options(page)) == 4


def test_a_russian_service_text_is_shown_to_russian_readers(current_lines, municipality):
    from openopvang.support.models import ServiceText

    service = current_lines[0].service
    ServiceText.objects.create(
        service=service,
        language="ru",
        title="Социальное сопровождение",
        description="Помощь в повседневных делах.",
    )
    page = Client().get(f"/public/{municipality.code}/services/?lang=ru").content.decode()
    assert "Социальное сопровождение" in page
