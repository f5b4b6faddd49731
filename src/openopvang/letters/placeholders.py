"""Placeholders in a template text: ``{{ name }}``. `check` refuses, when a
template is saved, a placeholder the letter type does not provide, a required
one that is missing and braces that are not a placeholder, so a sent letter
never has a blank; `render` fills a text in as safe HTML paragraphs.

In the HTML every value is escaped; a left-to-right value (a date, an amount,
an IBAN, a reference) is wrapped in ``<bdi dir="ltr">`` and any other value in
``<bdi>``, so in an Arabic letter "3511 AB Utrecht" keeps its order."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
ARABIC = re.compile(r"[\u0600-\u06ff]")
BRACES = re.compile(r"\{\{|\}\}|\{%|%\}")


def language_name(code: str) -> str:
    from django.conf.locale import LANG_INFO

    return LANG_INFO.get(code, {}).get("name_local", code)


def names_in(text: str) -> list[str]:
    return PLACEHOLDER.findall(text or "")


def check(letter_type, language: str, subject: str, body: str) -> None:
    """ValidationError (on "subject" or "body") naming each wrong placeholder."""
    errors: dict[str, list[str]] = {}
    known = {p.name for p in letter_type.all_placeholders}
    where = language_name(language)
    for field, text in (("subject", subject), ("body", body)):
        for name in names_in(text):
            if name not in known:
                errors.setdefault(field, []).append(
                    _(
                        "The placeholder {{ %(name)s }} in the %(language)s text is not one this "
                        "letter provides. Known: %(known)s."
                    )
                    % {
                        "name": name,
                        "language": where,
                        "known": ", ".join(sorted(known)),
                    }
                )
        if BRACES.search(PLACEHOLDER.sub("", text or "")):
            errors.setdefault(field, []).append(
                _(
                    "The %(language)s text has braces that are not a placeholder; write a "
                    "placeholder as {{ name }}."
                )
                % {"language": where}
            )
    used = set(names_in(subject)) | set(names_in(body))
    for placeholder in letter_type.all_placeholders:
        if placeholder.required and placeholder.name not in used:
            errors.setdefault("body", []).append(
                _("The %(language)s text must contain the placeholder {{ %(name)s }}.")
                % {"name": placeholder.name, "language": where}
            )
    if errors:
        raise ValidationError(errors)


def _value_html(letter_type, name: str, values: dict) -> str:
    value = escape(str(values.get(name, "")))
    placeholder = letter_type.placeholder(name)
    # A date with an Arabic month name reads right to left as Arabic text does
    # (direction from its first letter); digits, IBANs and references left to right.
    if placeholder is not None and placeholder.ltr and not ARABIC.search(value):
        return f'<bdi dir="ltr">{value}</bdi>'
    return f"<bdi>{value}</bdi>"


def fill_text(letter_type, text: str, values: dict) -> str:
    """Plain text with the values in (for a subject line or an e-mail)."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")), text or "")


def fill_html(letter_type, text: str, values: dict) -> SafeString:
    """The text as HTML: paragraphs at blank lines, line breaks kept, values
    escaped and isolated (see the module text)."""

    def line_html(line: str) -> str:
        out, last = [], 0
        for match in PLACEHOLDER.finditer(line):
            out.append(escape(line[last : match.start()]))
            out.append(_value_html(letter_type, match.group(1), values))
            last = match.end()
        out.append(escape(line[last:]))
        return "".join(out)

    paragraphs = [p for p in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n")) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(line_html(line) for line in paragraph.strip().split("\n")) + "</p>"
        for paragraph in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every piece above is escaped
