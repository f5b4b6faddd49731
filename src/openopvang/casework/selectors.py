"""Casework reads, scoped to the caller's organisation and role
(`Model.objects.for_user`): the work list of cases, a case's situation
history, the one deadline list across all cases, and the counts of the
dashboard and the daily digest."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Min, OuterRef, Q, Subquery

from openopvang.core.db import read_alias
from openopvang.registry.models import Person, Placement
from openopvang.rules.engine import rights
from openopvang.rules.engine.dates import DateRange

from .models import CASEWORK_ROLES, Case, Deadline, Situation
from .terms import DEPARTURE

DUE_SOON_DAYS = 7


def due_soon_until(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=DUE_SOON_DAYS)


@dataclass(frozen=True)
class CaseFilters:
    query: str = ""
    situation: str = ""
    caseworker: str = ""  # "me", "none" or a user id
    status: str = "open"  # open, closed, all
    location: int | None = None
    due: str = ""  # overdue, soon


def with_current(queryset):
    latest = Situation.objects.filter(case=OuterRef("pk")).order_by("-start_date", "-id")
    return queryset.annotate(
        current_code=Subquery(latest.values("code")[:1]),
        current_since=Subquery(latest.values("start_date")[:1]),
        next_due=Min("deadlines__due_date", filter=Q(deadlines__closed_on__isnull=True)),
    )


def cases(user, filters: CaseFilters | None = None, *, today: datetime.date):
    filters = filters or CaseFilters()
    found = Case.objects.for_user(user).select_related("person", "caseworker")
    if filters.status == "open":
        found = found.filter(closed_on__isnull=True)
    elif filters.status == "closed":
        found = found.filter(closed_on__isnull=False)
    if filters.query:
        words = filters.query.split()
        for word in words:
            found = found.filter(
                Q(person__given_names__icontains=word)
                | Q(person__family_name__icontains=word)
                | Q(person__bsn=word)
                | Q(situations__decision_reference__icontains=word)
            )
        found = found.distinct()
    if filters.caseworker == "me":
        found = found.filter(caseworker=user)
    elif filters.caseworker == "none":
        found = found.filter(caseworker__isnull=True)
    elif filters.caseworker.isdigit():
        found = found.filter(caseworker_id=int(filters.caseworker))
    if filters.location:
        here = Placement.objects.active_on(today).filter(location_id=filters.location)
        found = found.filter(person_id__in=here.values("person_id"))
    found = with_current(found)
    if filters.situation:
        found = found.filter(current_code=filters.situation)
    if filters.due == "overdue":
        found = found.filter(next_due__lt=today)
    elif filters.due == "soon":
        found = found.filter(next_due__gte=today, next_due__lte=due_soon_until(today))
    return found.order_by("next_due", "person__family_name", "id")


def national_situation_counts(day: datetime.date) -> dict[tuple[int, str], int]:
    """{(municipality pk, situation code): number of cases} of every
    municipality on `day`: the cases open that day (opened on or before it,
    not closed before it: the closing day is the person's last day in
    municipal reception), each in the situation in force that day. Counts,
    never a person; not scoped to a user: the caller checks that the user may
    see national figures. One query, on the read alias."""
    in_force = (
        Situation.objects.using(read_alias())
        .filter(case=OuterRef("pk"), start_date__lte=day)
        .order_by("-start_date", "-id")
        .values("code")[:1]
    )
    rows = (
        Case.objects.using(read_alias())
        .filter(opened_on__lte=day)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=day))
        .annotate(code_on_day=Subquery(in_force))
        .filter(code_on_day__isnull=False)
        .values("municipality_id", "code_on_day")
        .annotate(number=Count("id"))
        .order_by()
    )
    return {(row["municipality_id"], row["code_on_day"]): row["number"] for row in rows}


def open_cases(user):
    return Case.objects.for_user(user).filter(closed_on__isnull=True).select_related("person")


def case_history(user, case: Case) -> list[dict]:
    """The situations, oldest first, each with the day it ended (the day
    before the next began; None for the current one)."""
    rows = list(Situation.objects.for_user(user).filter(case=case).select_related("recorded_by"))
    out = []
    for index, situation in enumerate(rows):
        following = rows[index + 1] if index + 1 < len(rows) else None
        end = following.start_date - datetime.timedelta(days=1) if following else None
        out.append({"situation": situation, "end_date": end, "current": following is None})
    return out


def current_situation(user, case: Case) -> Situation | None:
    return Situation.objects.for_user(user).filter(case=case).order_by("-start_date", "-id").first()


def case_deadlines(user, case: Case):
    return (
        Deadline.objects.for_user(user)
        .filter(case=case)
        .select_related("situation")
        .prefetch_related("suspensions", "extensions")
        .order_by("closed_on", "due_date", "id")
    )


@dataclass(frozen=True)
class DeadlineFilters:
    status: str = ""  # overdue, soon, stopped; empty: every open deadline
    kind: str = ""
    caseworker: str = ""  # "me", "none" or a user id


def deadlines(user, filters: DeadlineFilters | None = None, *, today: datetime.date):
    """Open deadlines across all cases of the municipality, the earliest first."""
    filters = filters or DeadlineFilters()
    found = (
        Deadline.objects.for_user(user)
        .filter(closed_on__isnull=True, case__closed_on__isnull=True)
        .select_related("case", "case__person", "case__caseworker", "situation")
    )
    if filters.status == "overdue":
        found = found.filter(due_date__lt=today)
    elif filters.status == "soon":
        found = found.filter(due_date__gte=today, due_date__lte=due_soon_until(today))
    elif filters.status == "stopped":
        found = found.filter(clock_stopped=True)
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.caseworker == "me":
        found = found.filter(case__caseworker=user)
    elif filters.caseworker == "none":
        found = found.filter(case__caseworker__isnull=True)
    elif filters.caseworker.isdigit():
        found = found.filter(case__caseworker_id=int(filters.caseworker))
    return found.order_by("due_date", "case__person__family_name", "id")


def deadline_counts(user, today: datetime.date) -> dict:
    open_ = deadlines(user, today=today)
    return {
        "overdue": open_.filter(due_date__lt=today).count(),
        "soon": open_.filter(due_date__gte=today, due_date__lte=due_soon_until(today)).count(),
        "stopped": open_.filter(clock_stopped=True).count(),
        "my_cases": open_cases(user).filter(caseworker=user).count(),
    }


def tasks(user, today: datetime.date, *, everyone: bool = False):
    """What is to be done now: the open deadlines that are overdue, due within
    a week or past their reminder day, of the cases assigned to `user` (the
    daily digest's list) or, with `everyone`, of all the municipality's cases."""
    found = (
        Deadline.objects.for_user(user)
        .filter(closed_on__isnull=True, case__closed_on__isnull=True)
        .filter(Q(due_date__lte=due_soon_until(today)) | Q(reminder_date__lte=today))
        .select_related("case")
        .prefetch_related("suspensions", "extensions")
    )
    if not everyone:
        found = found.filter(case__caseworker=user)
    return found.order_by("due_date", "id")


def digest_deadlines(user, today: datetime.date):
    """What a caseworker's daily digest lists: the open deadlines of the cases
    assigned to them that are overdue, due within a week, or past their
    reminder day."""
    return (
        Deadline.objects.for_user(user)
        .filter(closed_on__isnull=True, case__closed_on__isnull=True, case__caseworker=user)
        .filter(Q(due_date__lte=due_soon_until(today)) | Q(reminder_date__lte=today))
        .select_related("case")
        .order_by("due_date", "id")
    )


def caseworkers(municipality):
    """The staff a case can be assigned to."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(organisation=municipality, role__in=CASEWORK_ROLES, is_active=True)
        .order_by("last_name", "first_name", "username")
    )


def persons_without_open_case(user):
    """The persons of the municipality a case can be opened for: third-country
    nationals first."""
    busy = Case.objects.for_user(user).filter(closed_on__isnull=True).values("person_id")
    return Person.objects.for_user(user).exclude(pk__in=busy)


def open_case_of(user, person) -> Case | None:
    return (
        Case.objects.for_user(user)
        .filter(person=person, closed_on__isnull=True)
        .select_related("caseworker")
        .first()
    )


# -- the right to reception, for the scenario document (registry.snapshots) -----------

# Up to this many persons the cases are read by person; above it, by municipality
# (one scan of a few thousand cases beats a list of tens of thousands of ids).
_BY_PERSON_UP_TO = 2000


def no_reception_right_periods(
    person_ids: set[int],
    municipality_ids: list[int],
    start: datetime.date,
    end: datetime.date,
) -> dict[int, list[dict]]:
    """{person pk: [period]} of `persons[].no_reception_right` overlapping
    [start, end], from the persons' cases and their departure deadlines, by the
    engine's rules (rules.engine.rights). One query for the whole batch, not
    scoped to a user: the scenario builder reads for the municipality itself."""
    if not person_ids:
        return {}
    found = Case.objects.filter(opened_on__lte=end)
    if len(person_ids) <= _BY_PERSON_UP_TO:
        found = found.filter(person_id__in=person_ids)
    else:
        found = found.filter(municipality_id__in=municipality_ids)
    cases: dict[int, dict] = {}
    for (
        pk,
        person_id,
        opened_on,
        closed_on,
        closure,
        kind,
        deadline,
        deadline_closed,
        situation,
        situation_start,
    ) in found.values_list(
        "pk",
        "person_id",
        "opened_on",
        "closed_on",
        "closure_reason",
        "deadlines__kind",
        "deadlines__legal_deadline",
        "deadlines__closed_on",
        "deadlines__situation__code",
        "deadlines__situation__start_date",
    ).order_by("pk"):
        if person_id not in person_ids:
            continue
        case = cases.setdefault(
            pk,
            {"person": person_id, "facts": (opened_on, closed_on, closure), "departures": []},
        )
        if kind == DEPARTURE:
            # A deadline closed by the closure of the case is not replaced by a
            # later situation: the closure period follows it.
            replaced = deadline_closed if deadline_closed != closed_on else None
            case["departures"].append(
                rights.DepartureTerm(situation, situation_start, deadline, replaced)
            )
    by_person: dict[int, list[rights.CaseFacts]] = defaultdict(list)
    for case in cases.values():
        opened_on, closed_on, closure = case["facts"]
        by_person[case["person"]].append(
            rights.CaseFacts(opened_on, closed_on, closure, tuple(case["departures"]))
        )
    window = DateRange(start, end)
    out: dict[int, list[dict]] = {}
    for person_id, facts in by_person.items():
        periods = [
            period.to_dict()
            for period in rights.no_right_periods(facts)
            if period.range.overlaps(window)
        ]
        if periods:
            out[person_id] = periods
    return out
