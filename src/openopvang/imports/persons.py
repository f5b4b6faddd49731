"""The persons file: its columns (Dutch and English headers), a row turned
into a registry Person and checked with the model's own rules, the checks
between rows of one file, and the export in the same format."""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from openopvang.registry import duplicates, validators
from openopvang.registry.models import Person, Sex

from .reading import FORMULA, FileProblem, Sheet


@dataclass(frozen=True)
class Column:
    key: str
    en: str
    nl: str
    description: Promise
    example: str
    required: bool = False
    aliases: tuple[str, ...] = ()

    def header(self, language: str | None = None) -> str:
        return self.nl if (language or get_language() or "nl").startswith("nl") else self.en


COLUMNS = [
    Column(
        "external_id",
        "External id",
        "Extern id",
        _lazy(
            "Your own id for this person, unique in your municipality. The same id in a later "
            "file updates the person instead of adding them again. May be empty."
        ),
        "UTR-0001",
        aliases=("externe id", "extern nummer", "id"),
    ),
    Column(
        "family_name",
        "Family name",
        "Achternaam",
        _lazy("As in the passport, in Latin letters."),
        "Kovalenko",
        required=True,
    ),
    Column(
        "given_names",
        "Given names",
        "Voornamen",
        _lazy("As in the passport, in Latin letters."),
        "Oleksandr",
        required=True,
        aliases=("voornaam", "given name", "first name"),
    ),
    Column(
        "family_name_cyrillic",
        "Family name (Cyrillic)",
        "Achternaam (Cyrillisch)",
        _lazy("In Cyrillic letters, if known."),
        "Коваленко",
    ),
    Column(
        "given_names_cyrillic",
        "Given names (Cyrillic)",
        "Voornamen (Cyrillisch)",
        _lazy("In Cyrillic letters, if known."),
        "Олександр",
    ),
    Column(
        "birth_date",
        "Birth date",
        "Geboortedatum",
        _lazy("A date as 1985-04-12 or 12-04-1985 (day-month-year)."),
        "1985-04-12",
        required=True,
    ),
    Column(
        "sex",
        "Sex",
        "Geslacht",
        _lazy("F (female), M (male) or X (other or unknown); V, vrouw and man are read too."),
        "M",
    ),
    Column(
        "nationality",
        "Nationality",
        "Nationaliteit",
        _lazy("ISO 3166 country code of two letters; UA when empty."),
        "UA",
    ),
    Column(
        "bsn",
        "BSN",
        "BSN",
        _lazy("Citizen service number: 9 digits that pass the 11-check. May be empty."),
        "",
    ),
    Column(
        "languages",
        "Languages",
        "Talen",
        _lazy("ISO 639-1 codes separated by commas, most preferred first, such as uk, ru, en."),
        "uk, ru",
    ),
    Column("phone", "Phone", "Telefoon", _lazy("Phone number."), "", aliases=("telefoonnummer",)),
    Column("email", "E-mail", "E-mail", _lazy("E-mail address."), "", aliases=("email",)),
    Column("iban", "IBAN", "IBAN", _lazy("Bank account (IBAN); spaces are allowed."), ""),
    Column("notes", "Notes", "Notities", _lazy("Free text."), "", aliases=("opmerkingen",)),
]
BY_KEY = {column.key: column for column in COLUMNS}
FIELDS = [column.key for column in COLUMNS if column.key != "external_id"]


def _normal_header(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).strip().lower().rstrip("*").strip()
    return re.sub(r"[\s_\-]+", " ", text)


HEADERS = {}
for _column in COLUMNS:
    for _name in (_column.key, _column.en, _column.nl, *_column.aliases):
        HEADERS[_normal_header(_name)] = _column.key


def column_label(key: str) -> str:
    return BY_KEY[key].header() if key in BY_KEY else ""


def map_header(header: list[str]) -> list[str | None]:
    """The column key of every header cell (None for an empty one). Unknown,
    repeated or missing required columns: FileProblem naming them."""
    keys, unknown, repeated = [], [], []
    for text in header:
        if text == "":
            keys.append(None)
            continue
        key = HEADERS.get(_normal_header(text))
        if key is None:
            unknown.append(str(text))
        elif key in keys:
            repeated.append(str(text))
        keys.append(key)
    problems = []
    if unknown:
        problems.append(
            _("Unknown columns: %(columns)s. The template lists the columns that are read.")
            % {"columns": ", ".join(f"“{name}”" for name in unknown)}
        )
    if repeated:
        problems.append(
            _("Columns that appear twice: %(columns)s. Keep one of each.")
            % {"columns": ", ".join(f"“{name}”" for name in repeated)}
        )
    missing = [column.header() for column in COLUMNS if column.required and column.key not in keys]
    if missing:
        problems.append(
            _("Missing columns: %(columns)s.") % {"columns": ", ".join(f"“{m}”" for m in missing)}
        )
    if problems:
        raise FileProblem(" ".join(problems))
    return keys


def rows_of(sheet: Sheet) -> list[dict]:
    """The job's rows: {"row": number, "values": {key: text}, "errors": []}."""
    keys = map_header(sheet.header)
    rows = []
    for number, values in sheet.rows:
        row = {"row": number, "values": {}, "errors": [], "hints": []}
        for index, value in enumerate(values):
            key = keys[index] if index < len(keys) else None
            if key is None:
                if value not in ("", FORMULA):
                    row["errors"].append(
                        ["", _("This row has a value in a column without a header.")]
                    )
                continue
            if value is FORMULA:
                row["values"][key] = ""
                row["errors"].append(
                    [key, _("This cell holds a formula, which is not computed. Type the value.")]
                )
            else:
                row["values"][key] = value
        rows.append(row)
    return rows


# -- one row → a Person ---------------------------------------------------------------------

_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
SEXES = {
    "f": Sex.FEMALE,
    "v": Sex.FEMALE,
    "vrouw": Sex.FEMALE,
    "female": Sex.FEMALE,
    "m": Sex.MALE,
    "man": Sex.MALE,
    "male": Sex.MALE,
    "x": Sex.OTHER,
    "o": Sex.OTHER,
    "onbekend": Sex.OTHER,
    "other": Sex.OTHER,
    "unknown": Sex.OTHER,
    "": Sex.OTHER,
}


def parse_date(text: str) -> datetime.date:
    text = (text or "").strip()
    match = _ISO_DATE.match(text)
    parts = (match.group(1), match.group(2), match.group(3)) if match else None
    if parts is None:
        match = _DUTCH_DATE.match(text)
        if match:
            parts = (match.group(3), match.group(2), match.group(1))
    if parts is None:
        raise ValueError(text)
    return datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))


def person_from_row(values: dict, municipality, existing: Person | None = None):
    """The Person the row describes (the existing one when its external id is
    known), with the errors of values that cannot be read at all:
    (person, [[column, message]])."""
    person = existing or Person(municipality=municipality)
    errors = []
    for key in FIELDS:
        if key not in values:
            continue
        text = values[key]
        if key == "birth_date":
            if text == "":
                person.birth_date = None
                continue
            try:
                person.birth_date = parse_date(text)
            except ValueError:
                errors.append(
                    [
                        key,
                        _("%(value)s is not a date. Write it as 1985-04-12 or 12-04-1985.")
                        % {"value": text},
                    ]
                )
        elif key == "sex":
            sex = SEXES.get(text.strip().lower())
            if sex is None:
                errors.append([key, _("%(value)s is not a sex. Use F, M or X.") % {"value": text}])
            else:
                person.sex = sex
        elif key == "languages":
            person.languages = [code for code in re.split(r"[\s,;]+", text) if code]
        elif key == "nationality":
            person.nationality = text or "UA"
        elif key == "bsn":
            person.bsn = validators.normalise_bsn(text)
        elif key == "iban":
            person.iban = validators.normalise_iban(text)
        else:
            setattr(person, key, text)
    return person, errors


def _constraint_column(message: str) -> str:
    for constraint in Person._meta.constraints:
        if str(getattr(constraint, "violation_error_message", "")) == message:
            fields = getattr(constraint, "fields", ())
            return fields[-1] if fields else ""
    return ""


def model_errors(error: ValidationError) -> list[list[str]]:
    """A ValidationError of Person.full_clean as [[column, message]]."""
    found = []
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            for message in errors:
                if name == NON_FIELD_ERRORS:
                    found.append([_constraint_column(message), message])
                else:
                    found.append([name if name in BY_KEY else "", message])
    else:
        found.extend([_constraint_column(message), message] for message in error.messages)
    return found


def check_person(person: Person, unreadable: list) -> list[list[str]]:
    """The model's own rules (full_clean, with its constraints) on the row."""
    exclude = [key for key, _message in unreadable]
    try:
        person.full_clean(exclude=exclude or None)
    except ValidationError as error:
        return unreadable + model_errors(error)
    return unreadable


def check_between_rows(rows: list[dict]) -> None:
    """The same external id or BSN on two rows of one file: both are reported."""
    for key in ("external_id", "bsn"):
        seen: dict[str, list[dict]] = {}
        for row in rows:
            value = (row["values"].get(key) or "").strip()
            if key == "bsn" and value:
                value = validators.normalise_bsn(value)
            if value:
                seen.setdefault(value, []).append(row)
        for value, same in seen.items():
            if len(same) < 2:
                continue
            for row in same:
                others = ", ".join(str(other["row"]) for other in same if other is not row)
                message = (
                    _("Row %(rows)s of this file has the same external id %(value)s.")
                    if key == "external_id"
                    else _("Row %(rows)s of this file has the same BSN %(value)s.")
                )
                row["errors"].append([key, message % {"rows": others, "value": value}])


# -- duplicate hints (same birth date, similar name) ----------------------------------------


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(char for char in text if char.isalpha() or char == " ").strip()


def similar_names(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """(given, family) alike: each part at least 80% the same, also swapped."""

    def alike(x, y):
        return difflib.SequenceMatcher(None, _fold(x), _fold(y)).ratio() >= 0.8

    return (alike(a[0], b[0]) and alike(a[1], b[1])) or (alike(a[0], b[1]) and alike(a[1], b[0]))


def duplicate_hints(rows: list[dict], municipality) -> None:
    """A hint (not an error) on a new row whose birth date and name are alike
    to a person already registered or another row of the file."""
    dates = {}
    for row in rows:
        try:
            dates[id(row)] = parse_date(row["values"].get("birth_date", ""))
        except ValueError:
            continue
    if duplicates.has_comparer():
        _registered_hints(rows, dates, municipality)
    else:
        known: dict[datetime.date, list] = {}
        for pk, given, family, born in Person.objects.filter(
            municipality=municipality, birth_date__in=set(dates.values())
        ).values_list("pk", "given_names", "family_name", "birth_date"):
            known.setdefault(born, []).append((pk, given, family))
        for row in rows:
            born = dates.get(id(row))
            name = (row["values"].get("given_names", ""), row["values"].get("family_name", ""))
            for pk, given, family in known.get(born, []) if born else []:
                if pk != row.get("person") and similar_names(name, (given, family)):
                    row["hints"].append(
                        _("Possibly already registered: %(name)s, born on the same day.")
                        % {"name": f"{given} {family}"}
                    )
    in_file: dict[datetime.date, list] = {}
    for row in rows:
        born = dates.get(id(row))
        if born is None:
            continue
        name = (row["values"].get("given_names", ""), row["values"].get("family_name", ""))
        for other_row, other_name in in_file.get(born, []):
            if similar_names(name, other_name):
                row["hints"].append(
                    _("Possibly the same person as row %(row)s (same birth date, similar name).")
                    % {"row": other_row}
                )
        in_file.setdefault(born, []).append((row["row"], name))


def _swapped(day: datetime.date) -> datetime.date | None:
    if day.day <= 12 and day.day != day.month:
        return datetime.date(day.year, day.day, day.month)
    return None


def _registered_hints(rows: list[dict], dates: dict, municipality) -> None:
    """Hints on rows whose person is probably registered already, by the
    duplicate comparer (other spellings, Russian forms, day and month swapped;
    ADR 0015), with its reasons."""
    wanted = set(dates.values()) | {s for d in dates.values() if (s := _swapped(d))}
    known: dict[datetime.date, list[Person]] = {}
    for person in Person.objects.filter(municipality=municipality, birth_date__in=wanted):
        known.setdefault(person.birth_date, []).append(person)
    for row in rows:
        born = dates.get(id(row))
        if born is None:
            continue
        values = row["values"]
        new = Person(
            municipality=municipality,
            given_names=values.get("given_names", ""),
            family_name=values.get("family_name", ""),
            given_names_cyrillic=values.get("given_names_cyrillic", ""),
            family_name_cyrillic=values.get("family_name_cyrillic", ""),
            birth_date=born,
            sex=SEXES.get((values.get("sex") or "").strip().lower(), ""),
            nationality=(values.get("nationality") or "").strip().upper(),
        )
        candidates = known.get(born, []) + known.get(_swapped(born), [])
        for person in candidates:
            if person.pk == row.get("person"):
                continue
            found = duplicates.compare_persons(new, person)
            if found is not None:
                row["hints"].append(
                    _("Possibly already registered: %(name)s (%(reasons)s).")
                    % {"name": person.full_name, "reasons": found.reasons}
                )


# -- export ---------------------------------------------------------------------------------


def export_values(person: Person, external_id: str) -> list:
    """One person as a row of the file, in the order of COLUMNS."""
    values = {
        "external_id": external_id,
        "languages": ", ".join(person.languages or []),
    }
    row = []
    for column in COLUMNS:
        if column.key in values:
            row.append(values[column.key])
        else:
            row.append(getattr(person, column.key))
    return row
