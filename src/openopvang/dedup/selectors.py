"""What the duplicate pages and the API read: a municipality's pairs by what
they wait for, and the national run's counts (no person)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q

from openopvang.core.permissions import organisation_of

from .models import CrossMatch, MatchDecision, MatchRun, MatchState, Verdict


def _decided(verdict=None, *, own=None, other=None):
    decisions = MatchDecision.objects.filter(match=OuterRef("pk"))
    if verdict is not None:
        decisions = decisions.filter(verdict=verdict)
    if own is not None:
        decisions = decisions.filter(municipality=own)
    if other is not None:
        decisions = decisions.exclude(municipality=other)
    return Exists(decisions)


def matches(user, state: str = ""):
    """The user's municipality's pairs, best score first; `state` one of
    MatchState (as this municipality sees it) or empty for all."""
    organisation = organisation_of(user)
    pairs = (
        CrossMatch.objects.for_user(user)
        .select_related("person_a__municipality", "person_b__municipality")
        .prefetch_related("decisions")
    )
    refused = _decided(Verdict.NOT_SAME)
    own = _decided(own=organisation)
    others_same = _decided(Verdict.SAME, other=organisation)
    if state == MatchState.NOT_SAME:
        pairs = pairs.filter(refused)
    elif state == MatchState.OPEN:
        pairs = pairs.filter(~refused & ~own)
    elif state == MatchState.WAITING:
        pairs = pairs.filter(~refused & own & ~others_same)
    elif state == MatchState.SAME:
        pairs = pairs.filter(~refused & own & others_same)
    return pairs.order_by("-score", "pk")


def open_count(user) -> int:
    return matches(user, MatchState.OPEN).count()


def for_person(user, person):
    """The pairs of one person (the person page): filtered in the database."""
    return list(matches(user).filter(Q(person_a=person) | Q(person_b=person)))


def latest_run() -> MatchRun | None:
    return MatchRun.objects.order_by("-created_at").first()


def national_counts() -> dict:
    """Pairs by what they wait for, and per municipality: counts only (the
    caller checks can_run_national)."""
    pairs = CrossMatch.objects.annotate(
        decisions_count=Count("decisions"),
        refused=Count("decisions", filter=Q(decisions__verdict=Verdict.NOT_SAME)),
    )
    totals = {"all": 0, "undecided": 0, "one_side": 0, "same": 0, "not_same": 0}
    per_municipality: dict[int, dict] = {}
    rows = pairs.values_list(
        "decisions_count",
        "refused",
        "person_a__municipality_id",
        "person_a__municipality__name",
        "person_b__municipality_id",
        "person_b__municipality__name",
    )
    for decided, refused, a_id, a_name, b_id, b_name in rows:
        if refused:
            kind = "not_same"
        elif decided == 2:
            kind = "same"
        elif decided == 1:
            kind = "one_side"
        else:
            kind = "undecided"
        totals["all"] += 1
        totals[kind] += 1
        for pk, name in ((a_id, a_name), (b_id, b_name)):
            row = per_municipality.setdefault(
                pk,
                {"name": name, "all": 0, "undecided": 0, "one_side": 0, "same": 0, "not_same": 0},
            )
            row["all"] += 1
            row[kind] += 1
    return {
        "totals": totals,
        "municipalities": sorted(per_municipality.values(), key=lambda r: (-r["all"], r["name"])),
    }
