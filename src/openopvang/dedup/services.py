"""The national duplicate run and the two municipalities' decisions (ADR 0023).

Every door — the pages, the API and the background job — comes through
here: the permission predicates are asked here, the pair rules are on the
models."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openopvang.core.models import JobStatus
from openopvang.core.permissions import organisation_of, require
from openopvang.core.services import save_audited
from openopvang.dedup.blocking import find_pairs
from openopvang.dedup.scoring import Record

from .models import CrossMatch, MatchDecision, MatchRun
from .permissions import can_decide_on, can_run_national, require_can_run_national

# Bulk writes in slices, so a run over the whole country holds no giant statement.
BATCH = 2000
# What the scorer compares; nothing else of a person is read by the run.
EVIDENCE_FIELDS = (
    "pk",
    "municipality_id",
    "family_name",
    "given_names",
    "family_name_cyrillic",
    "given_names_cyrillic",
    "birth_date",
    "sex",
    "nationality",
)


def start_national_run(user) -> MatchRun:
    """Queue a national run; one at a time."""
    require_can_run_national(user)
    with transaction.atomic():
        busy = (
            MatchRun.objects.select_for_update()
            .filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
            .exists()
        )
        if busy:
            raise ValidationError(
                _("A national run is already under way; wait until it has finished."),
                code="busy",
            )
        run = MatchRun.objects.create(requested_by=user, count=3)
    from .tasks import run_national_matching

    run_national_matching.enqueue(run.pk)
    run.refresh_from_db()
    return run


def _records() -> list[Record]:
    from openopvang.registry.models import Person

    rows = Person.objects.filter(anonymised_at__isnull=True).values_list(*EVIDENCE_FIELDS)
    return [
        Record.build(
            pk,
            family_name=family,
            given_names=given,
            family_name_cyrillic=family_cyrillic,
            given_names_cyrillic=given_cyrillic,
            birth_date=birth_date,
            sex=sex,
            nationality=nationality,
            municipality=municipality,
        )
        for (
            pk,
            municipality,
            family,
            given,
            family_cyrillic,
            given_cyrillic,
            birth_date,
            sex,
            nationality,
        ) in rows.iterator(chunk_size=BATCH)
    ]


def _ordered(match) -> tuple[int, int, list]:
    """The pair with the lower person id first, and its evidence with that
    person's spelling first."""
    a, b = int(match.a.id), int(match.b.id)
    reasons = [[r.code, r.a, r.b] for r in match.reasons]
    if a > b:
        a, b = b, a
        reasons = [[code, right, left] for code, left, right in reasons]
    return a, b, reasons


def run_matching(run: MatchRun, progress: Callable[[int], None] = lambda step: None) -> MatchRun:
    """Compare every person with every person of the other municipalities;
    keep the pairs found. A pair already kept gets its evidence refreshed and
    keeps its decisions; a new pair is added. Safe to run again: the result
    is the same (the pairs are unique)."""
    started = time.perf_counter()
    records = _records()
    progress(1)
    matches = [m for m in find_pairs(records) if m.a.municipality != m.b.municipality]
    progress(2)
    found = {}
    for match in matches:
        a, b, reasons = _ordered(match)
        found[(a, b)] = (round(match.score, 2), reasons)
    existing = {
        (m.person_a_id, m.person_b_id): m
        for m in CrossMatch.objects.iterator(chunk_size=BATCH)
        if (m.person_a_id, m.person_b_id) in found
    }
    refreshed = []
    for key, stored in existing.items():
        stored.score, stored.reasons = found[key]
        stored.last_seen_by = run
        refreshed.append(stored)
    new = [
        CrossMatch(
            person_a_id=a,
            person_b_id=b,
            score=score,
            reasons=reasons,
            found_by=run,
            last_seen_by=run,
        )
        for (a, b), (score, reasons) in found.items()
        if (a, b) not in existing
    ]
    with transaction.atomic():
        CrossMatch.objects.bulk_update(
            refreshed, ["score", "reasons", "last_seen_by"], batch_size=BATCH
        )
        CrossMatch.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
    progress(3)
    run.persons, run.found, run.new = len(records), len(found), len(new)
    run.seconds = round(time.perf_counter() - started, 3)
    return run


def decide(user, match: CrossMatch, verdict: str, *, request=None) -> MatchDecision:
    """The user's municipality says whether its person and the other
    municipality's person are the same; a later decision of the same side
    replaces its earlier one (both are in the audit log)."""
    require(can_decide_on(user, match), _("Your role cannot decide on duplicates."))
    organisation = organisation_of(user)
    with transaction.atomic():
        decision = (
            MatchDecision.objects.select_for_update()
            .filter(match=match, municipality=organisation)
            .first()
        ) or MatchDecision(match=match, municipality=organisation)
        decision.verdict = verdict
        decision.decided_by = user
        return save_audited(user, decision, request=request)


def finish(run_id: int, **fields) -> None:
    MatchRun.objects.filter(pk=run_id).update(finished_at=timezone.now(), **fields)


__all__ = ["can_run_national", "decide", "run_matching", "start_national_run"]
