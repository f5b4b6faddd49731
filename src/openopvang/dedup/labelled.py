"""A labelled set of person records for tests and the benchmark (ADR 0015).

Deterministic for a seed. Every original person is drawn from Ukrainian
family and given names (frequent names more often, as in life), written in
Cyrillic and in the passport spelling (KMU 2010). A share of them get a second
record of one *kind* of variant, the way another registry would have written
the same person; others get a negative: a twin or a namesake, who must stay
apart. Pure Python, no Django.

Kinds of variant (the second record has no Cyrillic unless said):
- ``icao``: Latin by the ICAO-style passport system of 2007 (Iurii, Hryhorii→Grygorii);
- ``bgn``: BGN/PCGN; ``iso9``: ISO 9 with its accents stripped;
- ``german``: German spelling by ear (Kowalenko, Schtscherbyna);
- ``dutch``: Dutch spelling by ear (Joerij, Sjevtsjenko);
- ``russian``: the Russian form of the given name (Александр, Aleksandr), Cyrillic kept;
- ``no_cyrillic``: the same passport spelling without the Cyrillic names;
- ``typo``: one letter wrong in the family or given name (and no Cyrillic);
- ``swapped``: given and family names swapped;
- ``second_given``: a second given name added;
- ``day_month``: day and month of birth swapped.
Negatives: ``twins`` (same family name and birth date, another given name),
``namesakes`` (the same names, born on another day).
"""

from __future__ import annotations

import csv
import datetime
import random
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

import translitua

from openopvang.core.name_forms import GIVEN_NAME_FORMS

VARIANTS = (
    "icao",
    "bgn",
    "iso9",
    "german",
    "dutch",
    "russian",
    "no_cyrillic",
    "typo",
    "swapped",
    "second_given",
    "day_month",
)
NEGATIVES = ("twins", "namesakes")
KINDS = VARIANTS + NEGATIVES

FAMILY_NAMES = (
    "Коваленко Бондаренко Ткаченко Шевченко Кравченко Олійник Шевчук Коваль Поліщук Бондар "
    "Ткачук Мельник Марченко Лисенко Руденко Савченко Петренко Клименко Павленко Кравчук "
    "Кузьменко Мороз Левченко Харченко Пономаренко Сидоренко Гончаренко Захарченко Мельничук "
    "Романенко Кушнір Черненко Литвиненко Юрченко Карпенко Ковальчук Остапенко Дячук Тимошенко "
    "Гнатюк Вовк Іваненко Білоус Гриценко Щербина Хмельницький Заїка Ярошенко Жук Гуменюк "
    "Федоренко Гаврилюк Білик Дмитренко Приходько Яковенко Назаренко Онищенко Лук'яненко Соловйов "
    "Журавський Чорновол Зінченко Кириленко Стецюк Василенко Демченко Поповенко Головко Михайлюк"
).split()

MALE = {
    "Олександр", "Олексій", "Андрій", "Анатолій", "Антон", "Аркадій", "Артем", "Богдан", "Борис",
    "Вадим", "Валентин", "Валерій", "Василь", "Віктор", "Віталій", "Володимир", "В'ячеслав",
    "Геннадій", "Георгій", "Григорій", "Денис", "Дмитро", "Євген", "Єгор", "Іван", "Ігор", "Ілля",
    "Йосип", "Кирило", "Костянтин", "Леонід", "Максим", "Микола", "Михайло", "Назар", "Олег",
    "Павло", "Петро", "Роман", "Руслан", "Сергій", "Станіслав", "Степан", "Тарас", "Тимофій",
    "Федір", "Юрій", "Яків", "Ярослав",
}  # fmt: skip

# Dutch spelling by ear: what a Dutch desk writes when it hears the name.
_DUTCH = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je", "ж": "zj",
    "з": "z", "и": "y", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "oe", "ф": "f", "х": "ch", "ц": "ts",
    "ч": "tsj", "ш": "sj", "щ": "sjtsj", "ь": "", "ю": "joe", "я": "ja", "'": "", "ё": "jo",
    "ы": "y", "э": "e", "ъ": "",
}  # fmt: skip


def dutch(text: str) -> str:
    out = []
    for word in text.split():
        latin = "".join(_DUTCH.get(ch, ch) for ch in word.lower())
        out.append(latin[:1].upper() + latin[1:])
    return " ".join(out)


def _strip(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("′", "")


def spell(cyrillic: str, system: str) -> str:
    if system == "kmu":
        return translitua.translit(cyrillic, translitua.UkrainianKMU)
    if system == "icao":
        return translitua.translit(cyrillic, translitua.UkrainianPassport2007)
    if system == "bgn":
        return translitua.translit(cyrillic, translitua.UkrainianBGN)
    if system == "iso9":
        return _strip(translitua.translit(cyrillic, translitua.UkrainianISO9))
    if system == "german":
        return translitua.translit(cyrillic, translitua.UkrainianGerman)
    if system == "dutch":
        return dutch(cyrillic)
    if system == "russian":
        return translitua.translit(cyrillic, translitua.RussianInternationalPassport)
    raise ValueError(system)


@dataclass
class Row:
    id: str
    municipality: str
    family_name: str
    given_names: str
    family_name_cyrillic: str
    given_names_cyrillic: str
    birth_date: str
    sex: str
    nationality: str
    person: str  # the true identity: rows with one value are one person
    kind: str  # "original", a variant kind, or a negative kind


COLUMNS = [
    "id",
    "municipality",
    "family_name",
    "given_names",
    "family_name_cyrillic",
    "given_names_cyrillic",
    "birth_date",
    "sex",
    "nationality",
]


def _zipf_weights(n: int) -> list[float]:
    return [1 / (rank + 1) ** 0.8 for rank in range(n)]


class Generator:
    def __init__(self, seed: int = 13):
        self.random = random.Random(seed)
        self.ukrainian_given = [forms[0] for forms in GIVEN_NAME_FORMS]
        self.russian_of = {forms[0]: forms[1] for forms in GIVEN_NAME_FORMS if forms[1] != forms[0]}
        self.male = [n for n in self.ukrainian_given if n in MALE]
        self.female = [n for n in self.ukrainian_given if n not in MALE]
        self.family_w = _zipf_weights(len(FAMILY_NAMES))
        self.male_w = _zipf_weights(len(self.male))
        self.female_w = _zipf_weights(len(self.female))
        self.count = 0
        self.used: set[tuple] = set()

    def _id(self) -> str:
        self.count += 1
        return f"P{self.count:07d}"

    def _given(self, sex: str, other_than: str = "") -> str:
        names, weights = (self.male, self.male_w) if sex == "M" else (self.female, self.female_w)
        while True:
            name = self.random.choices(names, weights)[0]
            if name != other_than:
                return name

    def _date(self, swappable: bool = False) -> datetime.date:
        year = self.random.randint(1940, 2023)
        month = self.random.randint(1, 12)
        if swappable:
            day = self.random.choice([d for d in range(1, 13) if d != month])
        else:
            day = self.random.randint(1, 28)
        return datetime.date(year, month, day)

    def original(self, municipality: str, *, swappable: bool = False) -> Row:
        # Two originals never share names and birth date: no registry could tell them apart.
        while True:
            sex = self.random.choice("MF")
            family = self.random.choices(FAMILY_NAMES, self.family_w)[0]
            given = self._given(sex)
            day = self._date(swappable)
            if self._unused(family, given, day):
                return self._row(
                    family, given, day, sex, municipality, person=None, kind="original"
                )

    def _unused(self, family: str, given: str, day: datetime.date) -> bool:
        """Takes the names and birth date (day and month in either order) if
        nobody has them yet."""
        key = (family, given, day.year, *sorted((day.month, day.day)))
        if key in self.used:
            return False
        self.used.add(key)
        return True

    def _row(
        self,
        family_c,
        given_c,
        day,
        sex,
        municipality,
        *,
        person,
        kind,
        system="kmu",
        cyrillic=True,
    ) -> Row:
        row_id = self._id()
        return Row(
            id=row_id,
            municipality=municipality,
            family_name=spell(family_c, system),
            given_names=spell(given_c, system),
            family_name_cyrillic=family_c if cyrillic else "",
            given_names_cyrillic=given_c if cyrillic else "",
            birth_date=day.isoformat(),
            sex=sex,
            nationality="UA",
            person=person or row_id,
            kind=kind,
        )

    def _typo(self, text: str) -> str:
        letters = "abcdefghijklmnoprstuvyz"
        i = self.random.randrange(1, len(text) - 1)
        op = self.random.choice(("substitute", "delete", "insert", "transpose"))
        if op == "substitute":
            new = self.random.choice([c for c in letters if c != text[i].lower()])
            return text[:i] + new + text[i + 1 :]
        if op == "delete":
            return text[:i] + text[i + 1 :]
        if op == "insert":
            return text[:i] + self.random.choice(letters) + text[i:]
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]

    def variant(self, original: Row, kind: str, municipality: str) -> Row:
        family_c, given_c = original.family_name_cyrillic, original.given_names_cyrillic
        day = datetime.date.fromisoformat(original.birth_date)
        sex, person = original.sex, original.person
        if kind in ("icao", "bgn", "iso9", "german", "dutch"):
            return self._row(
                family_c,
                given_c,
                day,
                sex,
                municipality,
                person=person,
                kind=kind,
                system=kind,
                cyrillic=False,
            )
        if kind == "russian":
            russian = self.russian_of.get(given_c, given_c)
            row = self._row(family_c, russian, day, sex, municipality, person=person, kind=kind)
            row.given_names = spell(russian, "russian")
            return row
        if kind == "no_cyrillic":
            return self._row(
                family_c, given_c, day, sex, municipality, person=person, kind=kind, cyrillic=False
            )
        if kind == "typo":
            row = self._row(
                family_c, given_c, day, sex, municipality, person=person, kind=kind, cyrillic=False
            )
            if self.random.random() < 0.5 and len(row.given_names) >= 5:
                row.given_names = self._typo(row.given_names)
            else:
                row.family_name = self._typo(row.family_name)
            return row
        if kind == "swapped":
            row = self._row(family_c, given_c, day, sex, municipality, person=person, kind=kind)
            row.family_name, row.given_names = row.given_names, row.family_name
            row.family_name_cyrillic, row.given_names_cyrillic = (
                row.given_names_cyrillic,
                row.family_name_cyrillic,
            )
            return row
        if kind == "second_given":
            second = self._given(sex, other_than=given_c)
            return self._row(
                family_c, f"{given_c} {second}", day, sex, municipality, person=person, kind=kind
            )
        if kind == "day_month":
            swapped = datetime.date(day.year, day.day, day.month)
            return self._row(
                family_c, given_c, swapped, sex, municipality, person=person, kind=kind
            )
        if kind == "twins":
            while True:
                twin_sex = self.random.choice("MF")
                other = self._given(twin_sex, other_than=given_c)
                if self._unused(family_c, other, day):
                    break
            return self._row(
                family_c, other, day, twin_sex, original.municipality, person=None, kind=kind
            )
        if kind == "namesakes":
            while True:
                other_day = day + datetime.timedelta(
                    days=self.random.choice((1, -1, 365, -365, 30, 3000))
                )
                if (other_day.month, other_day.day) != (day.day, day.month) and self._unused(
                    family_c, given_c, other_day
                ):
                    break
            return self._row(
                family_c, given_c, other_day, sex, municipality, person=None, kind=kind
            )
        raise ValueError(kind)


def generate(
    *,
    persons: int,
    per_kind: int,
    seed: int = 13,
    municipalities: int = 20,
    kinds: tuple[str, ...] = KINDS,
) -> list[Row]:
    """`persons` records in all: `per_kind` originals with a record of each
    kind, and the rest persons without a second record."""
    gen = Generator(seed)
    names = [f"GM{n:04d}" for n in range(municipalities)]
    rows: list[Row] = []
    for kind in kinds:
        for _ in range(per_kind):
            original = gen.original(gen.random.choice(names), swappable=kind == "day_month")
            rows.append(original)
            rows.append(gen.variant(original, kind, gen.random.choice(names)))
    while len(rows) < persons:
        rows.append(gen.original(gen.random.choice(names)))
    gen.random.shuffle(rows)
    return rows


def write_csv(rows: list[Row], path: Path, *, labels: bool = False) -> None:
    columns = COLUMNS + (["person", "kind"] if labels else [])
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(asdict(row))


def truth(rows: list[Row]) -> set[tuple[str, str]]:
    """The pairs of rows that are one person."""
    by_person: dict[str, list[str]] = {}
    for row in rows:
        by_person.setdefault(row.person, []).append(row.id)
    pairs = set()
    for ids in by_person.values():
        ids.sort()
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    return pairs


def evaluate(rows: list[Row], found: set[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """Precision and recall per kind; a found pair counts for the kind of its
    non-original row (``background`` when both are originals)."""
    kind_of = {row.id: row.kind for row in rows}
    true_pairs = truth(rows)

    def kind(pair: tuple[str, str]) -> str:
        kinds = [kind_of[i] for i in pair if kind_of[i] != "original"]
        return kinds[0] if kinds else "background"

    result: dict[str, dict[str, float]] = {}
    for name in (*KINDS, "background"):
        result[name] = {"true": 0, "found": 0, "correct": 0}
    for pair in true_pairs:
        result[kind(pair)]["true"] += 1
    for pair in found:
        result[kind(pair)]["found"] += 1
        if pair in true_pairs:
            result[kind(pair)]["correct"] += 1
    total = {"true": 0, "found": 0, "correct": 0}
    for counts in result.values():
        for key in total:
            total[key] += counts[key]
    result["all"] = total
    for counts in result.values():
        counts["precision"] = counts["correct"] / counts["found"] if counts["found"] else 1.0
        counts["recall"] = counts["correct"] / counts["true"] if counts["true"] else 1.0
    return result
