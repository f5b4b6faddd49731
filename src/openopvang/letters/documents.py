"""What goes in a letter and its PDF, through core.documents.pdf_from_template.

`letter_data` gathers, for one person, everything a letter shows besides the
template's text: the address block, the sender, the letter's labels and the
placeholder values, formatted in the letter's language. That dictionary is the
letter's snapshot (SentLetter.data): `render_pdf` of the same version and
data gives the same letter again, whatever changed in the registry since.

Labels of the letter (date, reference) are data per language here, like the
template texts: a letter speaks the recipient's language, not the staff's."""

from __future__ import annotations

import datetime
import threading

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from openopvang.core.documents import pdf_from_template

from . import placeholders
from .types import LANGUAGES, RTL_LANGUAGES, Context, common_values

LABELS = {
    "nl": {"date": "Datum", "reference": "Kenmerk"},
    "en": {"date": "Date", "reference": "Reference"},
    "uk": {"date": "Дата", "reference": "Номер"},
    "ru": {"date": "Дата", "reference": "Номер"},
    "ar": {"date": "التاريخ", "reference": "الرقم المرجعي"},
}


def letter_language(person, version) -> str:
    """The first of the person's preferred languages the version has a text
    in; else Dutch."""
    available = {text.language for text in version.texts.all()}
    for code in [*(person.languages or []), "nl"]:
        code = (code or "").split("-")[0].lower()
        if code in available:
            return code
    return "nl" if "nl" in available else sorted(available)[0]


def person_address(user, person, day: datetime.date) -> list[str]:
    """The address block: the name, then the address of the place the person
    stays on `day` (a GOO location or a POO host). ValidationError without one."""
    from openopvang.registry.selectors import current_placement

    placement = current_placement(user, person, day)
    place = placement.place if placement is not None else None
    if place is None or not (place.address and place.postcode and place.city):
        raise ValidationError(_("%(person)s has no postal address.") % {"person": person})
    # Postcode and place on one line, in this order ("3511 AB Utrecht").
    return [person.full_name, place.address, f"{place.postcode} {place.city}"]


def sender_of(municipality) -> list[str]:
    return [municipality.sender_name, *municipality.address_lines]


def letter_data(
    user,
    person,
    letter_type,
    language: str,
    day: datetime.date,
    asked: dict,
    *,
    postal: bool = True,
) -> dict:
    """The snapshot of one letter (see the module text). ValidationError when
    a value cannot be had (no address for a letter by post, the leefgeld
    cannot be computed); a letter by e-mail without an address names the
    person only."""
    context = Context(user=user, person=person, day=day, language=language, asked=asked)
    values = {**common_values(context), **letter_type.values(context)}
    try:
        address = person_address(user, person, day)
    except ValidationError:
        if postal:
            raise
        address = [person.full_name]
    return {
        "language": language,
        "day": day.isoformat(),
        "address": address,
        "sender": sender_of(person.municipality),
        "values": values,
    }


def sample_data(municipality, letter_type, language: str, day: datetime.date) -> dict:
    from .types import SAMPLE_ADDRESS, sample_values

    values = sample_values(letter_type, language, day)
    values["municipality"] = municipality.sender_name
    return {
        "language": language,
        "day": day.isoformat(),
        "address": SAMPLE_ADDRESS,
        "sender": sender_of(municipality),
        "values": values,
    }


def letter_view(letter_type, text, data: dict) -> dict:
    """What the letter partial shows: the filled subject and body."""
    language = data["language"]
    values = data["values"]
    labels = LABELS.get(language, LABELS["nl"])
    return {
        "language": language,
        "rtl": language in RTL_LANGUAGES,
        "address": data["address"],
        "sender": data["sender"],
        "return_address": ", ".join(data["sender"]),
        "date_label": labels["date"],
        "reference_label": labels["reference"],
        "date": values.get("date", ""),
        "reference": values.get("reference", ""),
        "subject": placeholders.fill_html(letter_type, text.subject, values),
        "body": placeholders.fill_html(letter_type, text.body, values),
    }


def subject_of(letter_type, text, data: dict) -> str:
    return placeholders.fill_text(letter_type, text.subject, data["values"])


# Every letter is an archival PDF/A-2b, tagged (PDF/UA structure) as far as
# WeasyPrint can: a letter is a decision kept for years (ADR 0021).
ARCHIVAL = {"pdf_variant": "pdf/a-2b", "pdf_tags": True}

_fonts = threading.local()


def font_config():
    """One WeasyPrint font configuration per thread, kept for every letter it
    renders. A new one for each letter loads the system's fonts again and its
    memory is not given back: a batch grew by about 0.2 MB a letter
    (benchmarks/RESULTS.md). The fonts of the letters' @font-face rules are
    added once (WeasyPrint keeps them by their rule). Per thread, as its font
    map is not meant to be shared between threads."""
    config = getattr(_fonts, "config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _fonts.config = FontConfiguration()
    return config


def render_pdf(letter_type, text, data: dict) -> bytes:
    """One letter as a PDF/A-2b, in its language (right to left for Arabic)."""
    return pdf_from_template(
        "letters/letters_pdf.html",
        {"letters": [letter_view(letter_type, text, data)]},
        language=data["language"],
        font_config=font_config(),
        **ARCHIVAL,
    )


__all__ = ["LANGUAGES"]
