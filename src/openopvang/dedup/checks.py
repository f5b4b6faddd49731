"""The duplicate check the registry runs when a person is created (ADR 0015).

Registered with `registry.duplicates.duplicate_checks` when the app loads:
the registry sits below this app and calls what is registered."""

from __future__ import annotations

import datetime

from openopvang.dedup.blocking import matches_for
from openopvang.dedup.reasons import reasons_text
from openopvang.dedup.scoring import THRESHOLD, Frequencies, Record, score


def person_record(person) -> Record:
    return Record.build(
        person.pk or "new",
        family_name=person.family_name,
        given_names=person.given_names,
        family_name_cyrillic=person.family_name_cyrillic,
        given_names_cyrillic=person.given_names_cyrillic,
        birth_date=person.birth_date,
        sex=person.sex,
        nationality=person.nationality,
        municipality=str(person.municipality_id or ""),
    )


def _birth_dates(day: datetime.date) -> list[datetime.date]:
    days = [day]
    if day.day <= 12 and day.day != day.month:
        days.append(datetime.date(day.year, day.day, day.month))
    return days


def probable_duplicates(person):
    """The persons of the same municipality who are probably `person`, best
    first, each with its score and reasons in the current language."""
    from openopvang.registry.duplicates import ProbableDuplicate
    from openopvang.registry.models import Person

    if person.birth_date is None or person.municipality_id is None:
        return []
    existing = Person.objects.filter(
        municipality_id=person.municipality_id, birth_date__in=_birth_dates(person.birth_date)
    )
    if person.pk:
        existing = existing.exclude(pk=person.pk)
    by_id = {str(p.pk): p for p in existing}
    matches = matches_for(person_record(person), [person_record(p) for p in by_id.values()])
    return [ProbableDuplicate(by_id[m.a.id], m.score, reasons_text(m.reasons)) for m in matches]


def compare(new, existing):
    """`existing` as a probable duplicate of the unsaved `new`, or None."""
    from openopvang.registry.duplicates import ProbableDuplicate

    if new.birth_date is None or existing.birth_date is None:
        return None
    match = score(person_record(existing), person_record(new), Frequencies())
    if match is None or match.score < THRESHOLD:
        return None
    return ProbableDuplicate(existing, match.score, reasons_text(match.reasons))


def register() -> None:
    from openopvang.registry.duplicates import duplicate_checks, duplicate_comparers

    duplicate_checks.add("dedup", probable_duplicates)
    duplicate_comparers.add("dedup", compare)
