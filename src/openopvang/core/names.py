"""Names of persons made comparable across scripts and spellings (ADR 0015).

Pure Python, no Django: the duplicate finder, the person search and the
benchmarks all use it.

A name reaches the registry in many spellings: the passport's (the Ukrainian
national system, KMU 2010), ICAO, BGN/PCGN, ISO 9 without its accents, a
German or Dutch spelling by ear, the Russian form of a Ukrainian given name, or
only in Latin letters. This module gives every name token

- its *fold*: lower case, no diacritics, letters only (``Kowalenko``);
- its *sound*: a coarse code on which the transliteration systems agree
  (``kovalenko`` and ``kowalenko`` both give ``kovalenko``);
- its *form*: the group of equivalent Ukrainian/Russian given names it belongs
  to (Олександр, Александр, Oleksandr and Aleksandr share one form);

and compares two tokens by those, from "the same" down to "one typo apart".
Cyrillic is transliterated with ``translitua`` (KMU 2010 and the Russian
passport system), edit distances come from ``rapidfuzz``.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import translitua
from rapidfuzz.distance import OSA

from openopvang.core.name_forms import GIVEN_NAME_FORMS

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_NOT_LETTER = re.compile(r"[^a-z\u0400-\u04ff]+")
_APOSTROPHES = re.compile("['’ʼ`´′ʹ\u02bc]")


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text or ""))


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case, no accents, no apostrophes, words separated by one space.

    Works on Latin and Cyrillic alike (Cyrillic й and ї lose their marks too,
    which is what a comparison wants)."""
    text = _APOSTROPHES.sub("", (text or "").lower())
    text = _strip_accents(text).replace("ß", "ss")
    return " ".join(_NOT_LETTER.sub(" ", text).split())


_CYRILLIC_FOLD = str.maketrans(
    {
        "ё": "е",
        "й": "и",
        "ї": "и",
        "і": "и",
        "ы": "и",
        "є": "е",
        "э": "е",
        "ґ": "г",
        "ь": "",
        "ъ": "",
    }
)


@lru_cache(maxsize=200_000)
def cyrillic_key(text: str) -> str:
    """Cyrillic folded so Ukrainian and Russian spellings of a letter agree
    (і/и/ы, є/е/э, ґ/г, no soft sign)."""
    return fold((text or "").lower().translate(_CYRILLIC_FOLD))


@lru_cache(maxsize=200_000)
def to_latin(text: str) -> str:
    """The passport spelling (KMU 2010) of Cyrillic text; Latin text as it is."""
    if not has_cyrillic(text):
        return text or ""
    return translitua.translit(text, translitua.UkrainianKMU)


@lru_cache(maxsize=200_000)
def russian_latin(text: str) -> str:
    """Cyrillic spelled by the Russian passport system (ICAO), for Russian forms."""
    if not has_cyrillic(text):
        return text or ""
    return translitua.translit(text, translitua.RussianICAO)


# Letter groups on which KMU 2010, ICAO, BGN/PCGN, ISO 9 (accents stripped) and
# German/Dutch spelling by ear differ; longest first. Sibilants (ш щ ж з с ц ч)
# share one code: the spellings disagree too much between them (German z is
# ц, Dutch sj is ш), and birth date and given name keep namesakes apart.
_SOUND_STEPS: tuple[tuple[str, str], ...] = (
    ("schtsch", "s"),
    ("shch", "s"),
    ("chtch", "s"),
    ("tsch", "s"),
    ("sch", "s"),
    ("tsj", "s"),
    ("tch", "s"),
    ("zh", "s"),
    ("zj", "s"),
    ("sh", "s"),
    ("sj", "s"),
    ("ts", "s"),
    ("tz", "s"),
    ("cz", "s"),
    ("ch", "CH"),
    ("kh", "h"),
    ("ph", "f"),
    ("oe", "u"),
    ("ou", "u"),
    ("x", "ks"),
)
_SOUND_LETTERS = str.maketrans(
    {"z": "s", "c": "s", "g": "h", "w": "v", "q": "k", "y": "i", "j": "i"}
)
_I_BY_VOWEL = re.compile(r"i(?=[aeou])|(?<=[aeou])i")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def sounds(token: str) -> tuple[str, ...]:
    """The coarse codes of one Latin (or Cyrillic, transliterated) name token:
    one, or two when a "ch" can be read as ч (KMU 2010) or as х (German, Dutch)."""
    text = fold(to_latin(token)).replace(" ", "")
    for old, new in _SOUND_STEPS:
        text = text.replace(old, new)
    if "CH" not in text:
        return (_finish(text),)
    return (_finish(text.replace("CH", "s")), _finish(text.replace("CH", "h")))


def sound(token: str) -> str:
    """The first code of :func:`sounds`."""
    return sounds(token)[0]


def _finish(text: str) -> str:
    text = text.translate(_SOUND_LETTERS)
    text = _DOUBLE.sub(r"\1", text)
    text = _I_BY_VOWEL.sub("", text)
    return _DOUBLE.sub(r"\1", text)


def _build_forms() -> tuple[dict[str, int], dict[str, int]]:
    by_cyrillic: dict[str, int] = {}
    by_sound: dict[str, int] = {}
    for group, names in enumerate(GIVEN_NAME_FORMS):
        for name in names:
            by_cyrillic.setdefault(cyrillic_key(name), group)
            for latin in (to_latin(name), russian_latin(name)):
                by_sound.setdefault(sound(latin), group)
    return by_cyrillic, by_sound


_FORMS_BY_CYRILLIC, _FORMS_BY_SOUND = _build_forms()


def form_of(token: str, cyrillic: str = "") -> int | None:
    """The equivalence group (Ukrainian/Russian forms) of a given name, or None."""
    if cyrillic:
        found = _FORMS_BY_CYRILLIC.get(cyrillic_key(cyrillic))
        if found is not None:
            return found
    if has_cyrillic(token):
        found = _FORMS_BY_CYRILLIC.get(cyrillic_key(token))
        if found is not None:
            return found
    return _FORMS_BY_SOUND.get(sound(token))


@dataclass(frozen=True)
class Token:
    """One word of a name, in every shape a comparison needs."""

    text: str  # as written, in Latin letters
    fold: str
    sound: str
    sounds: tuple[str, ...]
    cyrillic: str = ""  # folded Cyrillic, when known
    form: int | None = None


def make_token(latin: str, cyrillic: str = "") -> Token:
    latin = latin or to_latin(cyrillic)
    return Token(
        text=latin,
        fold=fold(to_latin(latin)).replace(" ", ""),
        sound=sound(latin),
        sounds=sounds(latin),
        cyrillic=cyrillic_key(cyrillic).replace(" ", "") if cyrillic else "",
        form=form_of(latin, cyrillic),
    )


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", (text or "").strip()) if w]


def tokens(latin: str, cyrillic: str = "") -> tuple[Token, ...]:
    """The words of a name; the Cyrillic words paired with the Latin ones by
    position when both have as many, else the Cyrillic stands on its own."""
    latin_words, cyrillic_words = _words(latin), _words(cyrillic)
    if not latin_words:
        return tuple(make_token("", word) for word in cyrillic_words)
    if len(latin_words) == len(cyrillic_words):
        return tuple(make_token(lw, cw) for lw, cw in zip(latin_words, cyrillic_words, strict=True))
    return tuple(make_token(word) for word in latin_words)


class Level(enum.IntEnum):
    """How alike two name tokens are; higher is closer."""

    NONE = 0
    TYPO = 1  # one letter apart
    FORM = 2  # the Russian and Ukrainian forms of one name
    VARIANT = 3  # another transliteration or spelling of the same letters
    SAME = 4


def compare(a: Token, b: Token) -> Level:
    if a.fold == b.fold:
        return Level.SAME
    if a.cyrillic and b.cyrillic and a.cyrillic == b.cyrillic:
        return Level.VARIANT
    if a.sound == b.sound or not set(a.sounds).isdisjoint(b.sounds):
        return Level.VARIANT
    if a.form is not None and a.form == b.form:
        return Level.FORM
    if typo_apart(a.fold, b.fold) or any(typo_apart(x, y) for x in a.sounds for y in b.sounds):
        return Level.TYPO
    return Level.NONE


def typo_apart(a: str, b: str) -> bool:
    """One letter wrong, missing, added or two letters swapped; never on very
    short names."""
    shorter = min(len(a), len(b))
    if shorter < 4:
        return False
    return OSA.distance(a, b, score_cutoff=1) <= 1


def search_key(
    given_names: str,
    family_name: str,
    given_names_cyrillic: str = "",
    family_name_cyrillic: str = "",
) -> str:
    """One text that finds a person by any common spelling of their names.

    Holds, for every name word, its fold, its KMU 2010 and Russian passport
    spellings (folded) and its sound code; a search term matches when its own
    fold or sound code occurs in the key (see :func:`search_terms`). A Cyrillic
    name counts where its Latin one is missing (the registry form asks for the
    Latin one; its Cyrillic is the same name)."""
    given = given_names if given_names.strip() else given_names_cyrillic
    family = family_name if family_name.strip() else family_name_cyrillic
    parts: list[str] = []
    for text in (given, family):
        for word in _words(text):
            for latin in {to_latin(word), russian_latin(word)}:
                parts.append(fold(latin).replace(" ", ""))
            parts.extend(sounds(word))
    for word in _words(given):
        group = form_of(word)
        if group is not None:
            for form in GIVEN_NAME_FORMS[group]:
                parts.append(sound(form))
    seen: dict[str, None] = {}
    for part in parts:
        if part:
            seen.setdefault(part, None)
    return " ".join(seen)


def search_terms(query: str) -> list[str]:
    """The sound codes of a search query's words: each must occur in a
    person's :func:`search_key` for the person to be found. Names have no
    digits: a query with one is no spelling of a name and gives no codes (it
    is matched as written)."""
    if any(character.isdigit() for character in query):
        return []
    return [sound(word) for word in _words(query) if sound(word)]
