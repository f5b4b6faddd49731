"""Use cases of the privacy duties: anonymising what is due (the job and the
command) and producing a subject access export. Each writes audit events."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction
from openopvang.core.permissions import require
from openopvang.registry.models import Person

from .anonymise import ANONYMISERS
from .models import Anonymisation
from .permissions import can_manage_privacy
from .retention import due_kinds, periods_for


@dataclass
class AnonymisationReport:
    """What a run changed (or, in a dry run, would change)."""

    dry_run: bool
    # person id → {kind: {model label: rows}}
    persons: dict[int, dict[str, dict[str, int]]] = field(default_factory=dict)
    bookings_deleted: int = 0

    def totals(self) -> dict[str, int]:
        """Rows changed per model label, over every person."""
        totals: dict[str, int] = {}
        for kinds in self.persons.values():
            for counts in kinds.values():
                for label, rows in counts.items():
                    totals[label] = totals.get(label, 0) + rows
        return dict(sorted(totals.items()))

    def kinds(self) -> dict[str, int]:
        """Persons per kind of record anonymised."""
        kinds: dict[str, int] = {}
        for person_kinds in self.persons.values():
            for kind in person_kinds:
                kinds[kind] = kinds.get(kind, 0) + 1
        return dict(sorted(kinds.items()))


class _DryRun(Exception):
    pass


def _anonymise_one(person: Person, kinds: list[str], now) -> dict[str, dict[str, int]]:
    done = {}
    for kind in kinds:
        counts = ANONYMISERS[kind](person, now)
        Anonymisation.objects.create(person=person, kind=kind, counts=counts)
        # The event names the person by id and the kinds and row counts only:
        # no personal value goes into the log (ADR 0019).
        audit.record(
            None,
            AuditAction.UPDATE,
            object_type="registry.Person",
            object_id=str(person.pk),
            object_repr=f"P{person.pk}",
            changes={"anonymised": kind, "rows": counts},
            channel="job",
            organisation=person.municipality,
        )
        done[kind] = counts
    return done


def anonymise_due(*, today: datetime.date | None = None, dry_run: bool = False):
    """Anonymise every kind of record whose retention period has passed, for
    every municipality. A dry run does the same work in a transaction that is
    rolled back, so its counts are exactly what a real run would change."""
    from openopvang.help.services import purge_bookings

    today = today or timezone.localdate()
    now = timezone.now()
    report = AnonymisationReport(dry_run=dry_run)
    periods_cache: dict[int, dict[str, int]] = {}
    try:
        with transaction.atomic():
            persons = Person.objects.select_related("municipality").order_by("pk")
            done_by_person: dict[int, set[str]] = {}
            for person_id, kind in Anonymisation.objects.values_list("person_id", "kind"):
                done_by_person.setdefault(person_id, set()).add(kind)
            for person in persons.iterator(chunk_size=500):
                if person.municipality_id not in periods_cache:
                    periods_cache[person.municipality_id] = periods_for(person.municipality)
                kinds = due_kinds(
                    person,
                    today,
                    periods_cache[person.municipality_id],
                    done_by_person.get(person.pk, set()),
                )
                if kinds:
                    report.persons[person.pk] = _anonymise_one(person, kinds, now)
            report.bookings_deleted = purge_bookings()
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def record_subject_export(user, person: Person, what: str, *, request=None) -> None:
    require(can_manage_privacy(user, person.municipality))
    audit.record(
        user,
        AuditAction.EXPORT,
        person,
        changes={"subject_access": what},
        request=request,
        shown=audit.shown_field([person]),
    )


@transaction.atomic
def set_retention(user, municipality, months_by_kind: dict[str, int], *, request=None) -> None:
    """The municipality's own retention periods, one per kind of record;
    each is checked by RetentionSetting (never below the legal minimum) and
    every change is audited. Only what changed is stored."""
    from openopvang.core.services import save_audited

    from .models import RetentionSetting

    require(can_manage_privacy(user, municipality))
    current = periods_for(municipality)
    for kind, months in months_by_kind.items():
        if current.get(kind) == months:
            continue  # unchanged (its default or its own setting)
        setting = RetentionSetting.objects.filter(
            municipality=municipality, kind=kind
        ).first() or RetentionSetting(municipality=municipality, kind=kind)
        setting.months = months
        try:
            save_audited(user, setting, request=request)
        except ValidationError as error:
            # Shown next to the period of that kind.
            raise ValidationError({kind: error.messages}) from error
