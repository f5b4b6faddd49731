"""Hand-made examples of every kind of variant, and the pairs that must stay apart."""

import datetime

import pytest

from openopvang.core.names import Level, compare, make_token, search_key, search_terms
from openopvang.dedup import labelled
from openopvang.dedup.blocking import find_pairs
from openopvang.dedup.reasons import reasons_text
from openopvang.dedup.scoring import THRESHOLD, Frequencies, Record, score

EXPECTED_REASON = (
    "same birth date, family name Kovalenko ~ Kowalenko, "
    "given name Oleksandr = Aleksandr (Russian form)"
)

DAY = datetime.date(1985, 3, 7)


def person(id, given, family, *, given_c="", family_c="", day=DAY, sex="M", nationality="UA"):
    return Record.build(
        id,
        given_names=given,
        family_name=family,
        given_names_cyrillic=given_c,
        family_name_cyrillic=family_c,
        birth_date=day,
        sex=sex,
        nationality=nationality,
    )


PASSPORT = person("1", "Oleksandr", "Kovalenko", given_c="Олександр", family_c="Коваленко")

SAME_PERSON = {
    "icao (2007 passport)": person("2", "Oleksandr", "Kovalenko"),
    "bgn": person("2", "Yuliya", "Khmel'nyts'kyy", sex="F"),
    "german by ear": person("2", "Oleksandr", "Kowalenko"),
    "dutch by ear": person("2", "Oleksandr", "Kovalenko"),
    "russian form": person(
        "2", "Aleksandr", "Kovalenko", given_c="Александр", family_c="Коваленко"
    ),
    "russian form, latin only": person("2", "Aleksandr", "Kovalenko"),
    "no cyrillic": person("2", "Oleksandr", "Kovalenko"),
    "typo": person("2", "Oleksnadr", "Kovalenko"),
    "swapped": person("2", "Kovalenko", "Oleksandr"),
    "second given name": person("2", "Oleksandr Petro", "Kovalenko"),
    "day and month swapped": person("2", "Oleksandr", "Kovalenko", day=datetime.date(1985, 7, 3)),
}


def freq():
    return Frequencies()


@pytest.mark.parametrize("kind", sorted(SAME_PERSON))
def test_each_variant_kind_is_found(kind):
    other = SAME_PERSON[kind]
    base = PASSPORT
    if kind == "bgn":
        base = person(
            "1", "Yuliia", "Khmelnytskyi", given_c="Юлія", family_c="Хмельницький", sex="F"
        )
    match = score(base, other, freq())
    assert match is not None and match.score >= THRESHOLD, kind


def test_spellings_of_one_name_agree():
    kmu = make_token("Shcherbyna", "Щербина")
    for spelling in ("Schtscherbyna", "Sjtsjerbyna", "Scherbina", "Shcherbina", "Ščerbyna"):
        assert compare(kmu, make_token(spelling)) >= Level.VARIANT, spelling
    assert (
        compare(make_token("Natalia", "Наталья"), make_token("Nataliia", "Наталія")) >= Level.FORM
    )
    assert compare(make_token("Yurii"), make_token("Joerij")) == Level.VARIANT
    assert compare(make_token("Khmelnytskyi"), make_token("Chmelnyzkyj")) == Level.VARIANT


def test_the_reason_says_why():
    russian = SAME_PERSON["russian form"]
    german = person("3", "Aleksandr", "Kowalenko")
    match = score(PASSPORT, german, freq())
    text = reasons_text(match.reasons)
    assert text == EXPECTED_REASON
    assert "Russian form" in reasons_text(score(PASSPORT, russian, freq()).reasons)
    swapped = score(PASSPORT, SAME_PERSON["day and month swapped"], freq())
    assert reasons_text(swapped.reasons).startswith("day and month of birth swapped")


def test_twins_are_kept_apart():
    twin_brother = person("2", "Andrii", "Kovalenko", given_c="Андрій", family_c="Коваленко")
    twin_sister = person("3", "Oleksandra", "Kovalenko", sex="F")
    assert score(PASSPORT, twin_brother, freq()) is None
    found = score(PASSPORT, twin_sister, freq())
    assert found is None or found.score < THRESHOLD


def test_namesakes_born_on_other_days_are_kept_apart():
    for day in (datetime.date(1985, 3, 8), datetime.date(1986, 3, 7), datetime.date(1985, 4, 7)):
        assert score(PASSPORT, person("2", "Oleksandr", "Kovalenko", day=day), freq()) is None


def test_a_shared_given_name_and_birth_date_is_not_enough():
    assert score(PASSPORT, person("2", "Oleksandr", "Melnyk"), freq()) is None


def test_frequent_names_count_for_less_than_rare_ones():
    common = [
        person(str(i), "Oleksandr", "Kovalenko", day=datetime.date(1960 + i % 40, 1, 1 + i % 28))
        for i in range(50)
    ]
    rare = person("r1", "Oleksandr", "Zhuravskyi")
    counts = Frequencies.of([*common, rare])
    plain = score(
        common[0], person("x", "Oleksandr", "Kovalenko", day=common[0].birth_date), counts
    )
    distinct = score(rare, person("y", "Oleksandr", "Zhuravskyi"), counts)
    assert distinct.score > plain.score


def test_other_sex_or_nationality_lowers_the_score():
    same = score(PASSPORT, person("2", "Oleksandr", "Kowalenko"), freq())
    other_nationality = score(
        PASSPORT, person("2", "Oleksandr", "Kowalenko", nationality="RU"), freq()
    )
    assert other_nationality.score < same.score
    assert "other nationality" in reasons_text(other_nationality.reasons)


def test_the_generated_set_finds_every_kind_and_merges_no_twins():
    rows = labelled.generate(persons=2500, per_kind=40, seed=5)
    from dataclasses import asdict

    from openopvang.dedup.records import record_from_row

    found = {m.ids for m in find_pairs([record_from_row(asdict(r)) for r in rows])}
    result = labelled.evaluate(rows, found)
    for kind in labelled.VARIANTS:
        assert result[kind]["recall"] >= 0.95, (kind, result[kind])
        assert result[kind]["precision"] >= 0.95, (kind, result[kind])
    assert result["twins"]["found"] == 0
    assert result["namesakes"]["found"] == 0


def test_the_generator_is_deterministic_for_a_seed():
    first = labelled.generate(persons=300, per_kind=5, seed=1)
    again = labelled.generate(persons=300, per_kind=5, seed=1)
    assert first == again
    assert {row.kind for row in first} >= set(labelled.KINDS)


def test_search_key_finds_a_person_by_any_spelling():
    key = search_key("Oleksandr", "Kovalenko", "Олександр", "Коваленко")
    for query in ("Kowalenko", "Aleksandr", "коваленко", "Александр Коваленко", "OLEKSANDR"):
        assert all(term in key.split() for term in search_terms(query)), query
    assert not all(term in key.split() for term in search_terms("Melnyk"))
