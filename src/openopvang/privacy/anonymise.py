"""What anonymising one kind of a person's records changes. Each function
changes rows with `update()` (the records' own clean() would refuse an empty
reason, which is the point here) and returns {model label: rows changed}.

Pseudonyms are the references the money records already use: P<id> for a
person and H<id> for a household (PaymentLine.person_ref,
PaymentItem.household_ref), so a run, its bank file references and a
declaration still match each other after anonymisation; amounts are never
touched."""

import datetime

from django.db.models import Q

from .models import RecordKind


def person_pseudonym(person_id: int) -> str:
    return f"P{person_id}"


def household_pseudonym(household_id: int) -> str:
    return f"H{household_id}"


def _count(counts: dict, label: str, changed: int) -> None:
    if changed:
        counts[label] = counts.get(label, 0) + changed


def personal_details(person, now: datetime.datetime) -> dict:
    from openopvang.registry.models import Household, Person

    counts: dict[str, int] = {}
    birth = person.birth_date
    _count(
        counts,
        "registry.Person",
        Person.objects.filter(pk=person.pk).update(
            given_names="",
            family_name=person_pseudonym(person.pk),
            given_names_cyrillic="",
            family_name_cyrillic="",
            # The birth year stays for age figures; the day does not.
            birth_date=datetime.date(birth.year, 1, 1),
            bsn="",
            phone="",
            email="",
            iban="",
            notes="",
            anonymised_at=now,
        ),
    )
    # A household's name is a family name: replaced once none of its members
    # is left un-anonymised.
    households = Household.objects.filter(memberships__person=person).distinct()
    for household in households:
        others = Person.objects.filter(
            memberships__household=household, anonymised_at__isnull=True
        ).exclude(pk=person.pk)
        if not others.exists():
            _count(
                counts,
                "registry.Household",
                Household.objects.filter(pk=household.pk).update(
                    name=household_pseudonym(household.pk), notes=""
                ),
            )
    # A probable duplicate's evidence quotes the names: the pair goes with them.
    from openopvang.dedup.models import CrossMatch

    removed, _by_model = CrossMatch.objects.filter(Q(person_a=person) | Q(person_b=person)).delete()
    _count(counts, "dedup.CrossMatch", removed)
    return counts


def casework(person, now) -> dict:
    from openopvang.casework.models import (
        Case,
        Decision,
        Departure,
        EvictionStep,
        Extension,
        Situation,
        Suspension,
        Transfer,
        TransferBlocker,
    )

    counts: dict[str, int] = {}
    cases = Case.objects.filter(person=person)
    _count(counts, "casework.Case", cases.exclude(closure_note="").update(closure_note=""))
    _count(
        counts,
        "casework.Situation",
        Situation.objects.filter(case__in=cases).exclude(reason="").update(reason=""),
    )
    _count(
        counts,
        "casework.Suspension",
        Suspension.objects.filter(deadline__case__in=cases).exclude(reason="").update(reason=""),
    )
    _count(
        counts,
        "casework.Extension",
        Extension.objects.filter(deadline__case__in=cases).exclude(reason="").update(reason=""),
    )
    for model in (Transfer, TransferBlocker, Departure, EvictionStep):
        _count(
            counts,
            model._meta.label,
            model.objects.filter(case__in=cases).exclude(note="").update(note=""),
        )
    _count(
        counts,
        "casework.Decision",
        Decision.objects.filter(case__in=cases)
        .exclude(summary="", withdrawal_reason="")
        .update(summary="", withdrawal_reason=""),
    )
    return counts


def letters(person, now) -> dict:
    from openopvang.letters.models import LetterBatch, SentLetter

    counts: dict[str, int] = {}
    sent = SentLetter.objects.filter(person=person)
    for letter in sent:
        data = {"language": letter.data.get("language", letter.language), "anonymised": True}
        if letter.data != data or letter.subject:
            SentLetter.objects.filter(pk=letter.pk).update(subject="", data=data, email_to="")
            _count(counts, "letters.SentLetter", 1)
    # A print run's PDF names everyone in it: it goes as soon as one of them
    # is anonymised (the letters themselves stay listed).
    batches = [
        batch
        for batch in LetterBatch.objects.filter(municipality_id=person.municipality_id)
        .exclude(run_file="", zip_file="")
        .only("pk", "person_ids", "run_file", "zip_file")
        if person.pk in (batch.person_ids or [])
    ]
    for batch in batches:
        # The files on disk go too, not only the references to them.
        for stored in (batch.run_file, batch.zip_file):
            if stored:
                stored.delete(save=False)
        batch.save(update_fields=["run_file", "zip_file"])
    _count(counts, "letters.LetterBatch", len(batches))
    return counts


def financial(person, now) -> dict:
    from openopvang.allowances.models import PaymentItem
    from openopvang.registry.models import HouseholdMembership

    counts: dict[str, int] = {}
    household_ids = list(
        HouseholdMembership.objects.filter(person=person).values_list("household_id", flat=True)
    )
    items = PaymentItem.objects.filter(Q(payee=person) | Q(household_id__in=household_ids))
    for item in items.only("pk", "household_id", "household_ref", "payee_id"):
        changed = PaymentItem.objects.filter(pk=item.pk).update(
            household_name=(
                household_pseudonym(item.household_id) if item.household_id else item.household_ref
            ),
            payee_name=person_pseudonym(item.payee_id) if item.payee_id else "",
            collector_name="",
            iban="",
        )
        _count(counts, "allowances.PaymentItem", changed)
    return counts


ANONYMISERS = {
    RecordKind.PERSONAL_DETAILS: personal_details,
    RecordKind.CASEWORK: casework,
    RecordKind.LETTERS: letters,
    RecordKind.FINANCIAL: financial,
}
