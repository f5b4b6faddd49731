"""Which languages a page is offered in, decided in this one place.

Staff pages speak Dutch and English (settings.STAFF_LANGUAGES); the public
pages under settings.PUBLIC_PATH_PREFIX (no login: the support services of a
municipality, the parameters) also speak Ukrainian and Russian
(settings.PUBLIC_LANGUAGES), the help pages Arabic too
(settings.PUBLIC_EXTRA_LANGUAGES; right to left, base.html sets dir).
`LanguageMiddleware` activates a language the page offers, the context
processor hands the switcher the same list, and Django's
`set_language` view stores the reader's choice in the language cookie.

The language of a request, in order: a public page's ``?lang=`` (a link that
names its language), the cookie the switcher set, the browser's
Accept-Language, settings.LANGUAGE_CODE; each only when the page offers it. A
Ukrainian reader who switched a public page to Ukrainian and then logs in gets
the staff pages in a staff language, not a half-translated page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import trans_real


def is_public_path(path: str) -> bool:
    return path.startswith(settings.PUBLIC_PATH_PREFIX)


def offered_languages(path: str) -> tuple[str, ...]:
    """The language codes a page at `path` is offered in: the public pages
    under a prefix of settings.PUBLIC_EXTRA_LANGUAGES (the help pages) also in
    those (Arabic)."""
    if not is_public_path(path):
        return settings.STAFF_LANGUAGES
    extra = tuple(
        code
        for prefix, codes in getattr(settings, "PUBLIC_EXTRA_LANGUAGES", {}).items()
        if path.startswith(prefix)
        for code in codes
    )
    return settings.PUBLIC_LANGUAGES + extra


def language_choices(path: str) -> list[tuple[str, str]]:
    """(code, name in that language) for the switcher: Nederlands, English,
    Українська, Русский; never translated into the page's language."""
    return [
        (code, translation.get_language_info(code)["name_local"])
        for code in offered_languages(path)
    ]


def _offered(code: str | None, offered: tuple[str, ...]) -> str | None:
    if not code:
        return None
    code = code.lower()
    for candidate in (code, code.split("-")[0]):
        if candidate in offered:
            return candidate
    return None


def language_for(request) -> str:
    """The language to show the page of `request` in (see the module text)."""
    offered = offered_languages(request.path_info)
    if is_public_path(request.path_info):
        chosen = _offered(request.GET.get("lang"), offered)
        if chosen:
            return chosen
    chosen = _offered(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME), offered)
    if chosen:
        return chosen
    accept = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in trans_real.parse_accept_lang_header(accept):
        chosen = _offered(code, offered)
        if chosen:
            return chosen
    return _offered(settings.LANGUAGE_CODE, offered) or offered[0]


def switch_next(request) -> str:
    """Where the switcher returns to: this page without its ``?lang=``, so the
    newly chosen language is not overruled by the old link."""
    params = request.GET.copy()
    params.pop("lang", None)
    query = urlencode(list(params.lists()), doseq=True)
    return request.path + (f"?{query}" if query else "")


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (Content-Language, Vary), choosing among the
    languages the requested page offers."""

    def process_request(self, request):
        translation.activate(language_for(request))
        request.LANGUAGE_CODE = translation.get_language()
