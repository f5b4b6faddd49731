"""Casework use cases: `verb_entity(user, …, *, request=None)`, the permission
check first, one transaction with the audit event inside (core.services).

The deadlines are derived, never typed: recording a situation creates the
deadlines it implies (rights.SITUATION_DEADLINES) and ends those of the
situation before; a suspension or extension recomputes its deadline at once
(terms.compute_term), so the stored dates never drift from their inputs."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from openopvang.core.services import save_audited

from . import terms
from .models import Case, Deadline, Extension, Situation, Suspension
from .permissions import require_can_change_case
from .rights import SITUATION_DEADLINES


@dataclass(frozen=True)
class DeadlineTerms:
    """A deadline's computed terms: for each role (legal, target) its rule and result."""

    rules: dict
    results: dict

    @property
    def legal(self):
        return self.results.get(terms.LEGAL)

    @property
    def target(self):
        return self.results.get(terms.TARGET)


def deadline_terms(deadline: Deadline) -> DeadlineTerms:
    """The terms of a deadline from its rules, suspensions and extensions
    (the one computation the stored dates and the explanation share)."""
    rules = terms.rules_for(deadline.kind, deadline.start_date)
    suspensions, extra = (), 0
    if deadline.pk is not None:
        suspensions = tuple(
            terms.Suspension(s.start_date, s.end_date) for s in deadline.suspensions.all()
        )
        extra = sum(e.days for e in deadline.extensions.all())
    results = {
        role: terms.compute_term(
            deadline.start_date,
            rule.length,
            rule.unit,
            atw=rule.atw,
            suspensions=suspensions,
            extension_days=extra,
        )
        for role, rule in rules.items()
    }
    return DeadlineTerms(rules=rules, results=results)


def _apply_terms(deadline: Deadline) -> None:
    computed = deadline_terms(deadline)
    legal, target = computed.legal, computed.target
    deadline.legal_deadline = legal.end if legal else None
    deadline.target_date = target.end if target else None
    deadline.clock_stopped = any(result.is_stopped for result in computed.results.values())
    deadline.due_date = deadline.legal_deadline or deadline.target_date
    role = terms.LEGAL if deadline.legal_deadline else terms.TARGET
    rule = computed.rules.get(role)
    deadline.reminder_date = (
        deadline.due_date - datetime.timedelta(days=rule.reminder_days)
        if deadline.due_date and rule
        else None
    )


def recompute_deadline(user, deadline: Deadline, *, request=None) -> Deadline:
    require_can_change_case(user, deadline)
    _apply_terms(deadline)
    return save_audited(user, deadline, request=request)


def _current_situation(case: Case) -> Situation | None:
    return case.situations.order_by("-start_date", "-id").first()


def _derive_deadlines(user, situation: Situation, *, request=None) -> list[Deadline]:
    made = []
    for kind in SITUATION_DEADLINES.get(situation.code, ()):
        deadline = Deadline(
            case=situation.case, situation=situation, kind=kind, start_date=situation.start_date
        )
        _apply_terms(deadline)
        made.append(save_audited(user, deadline, request=request))
    return made


def _close_deadlines(user, case: Case, day: datetime.date, *, request=None) -> None:
    for deadline in case.deadlines.filter(closed_on__isnull=True):
        deadline.closed_on = day
        save_audited(user, deadline, request=request)


@transaction.atomic
def record_situation(
    user,
    case: Case,
    *,
    code: str,
    start_date: datetime.date,
    reason: str,
    decision_reference: str = "",
    request=None,
) -> Situation:
    """A new entry in the case's situation history, from `start_date`: the
    deadlines of the situation before no longer apply from that day, the new
    situation's deadlines are derived."""
    require_can_change_case(user, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.is_open:
        raise ValidationError(_("The case is closed; open a new case to record a situation."))
    if start_date < case.opened_on:
        raise ValidationError(
            {"start_date": _("The situation cannot start before the case was opened.")}
        )
    current = _current_situation(case)
    if current is not None and start_date <= current.start_date:
        raise ValidationError(
            {
                "start_date": _(
                    "The current situation started on %(date)s; a change starts after it."
                )
                % {"date": current.start_date.strftime("%d-%m-%Y")}
            }
        )
    situation = Situation(
        case=case,
        code=code,
        start_date=start_date,
        reason=reason,
        decision_reference=decision_reference,
        recorded_by=user,
    )
    save_audited(user, situation, request=request)
    _close_deadlines(user, case, start_date, request=request)
    _derive_deadlines(user, situation, request=request)
    return situation


@transaction.atomic
def open_case(
    user,
    person,
    *,
    opened_on: datetime.date,
    code: str,
    start_date: datetime.date,
    reason: str,
    decision_reference: str = "",
    caseworker=None,
    request=None,
) -> Case:
    """A case for `person` with its first situation."""
    case = Case(
        municipality_id=person.municipality_id,
        person=person,
        opened_on=opened_on,
        caseworker=caseworker,
    )
    require_can_change_case(user, case)
    save_audited(user, case, request=request)
    record_situation(
        user,
        case,
        code=code,
        start_date=start_date,
        reason=reason,
        decision_reference=decision_reference,
        request=request,
    )
    return case


@transaction.atomic
def close_case(
    user, case: Case, *, closed_on: datetime.date, reason: str, note: str = "", request=None
) -> Case:
    require_can_change_case(user, case)
    if not case.is_open:
        raise ValidationError(_("The case is already closed."))
    case.closed_on, case.closure_reason, case.closure_note = closed_on, reason, note
    save_audited(user, case, request=request)
    _close_deadlines(user, case, closed_on, request=request)
    return case


def assign_case(user, case: Case, caseworker, *, request=None) -> Case:
    require_can_change_case(user, case)
    case.caseworker = caseworker
    return save_audited(user, case, request=request)


def _open_deadline(deadline: Deadline) -> None:
    if deadline.closed_on is not None:
        raise ValidationError(_("This deadline no longer applies."))


def _check_no_overlap(suspension: Suspension) -> None:
    others = Suspension.objects.filter(deadline_id=suspension.deadline_id).exclude(pk=suspension.pk)
    if others.overlapping(suspension.start_date, suspension.end_date).exists():
        raise ValidationError(
            {"start_date": _("This suspension overlaps another suspension of the deadline.")}
        )


@transaction.atomic
def suspend_deadline(
    user,
    deadline: Deadline,
    *,
    start_date: datetime.date,
    end_date: datetime.date | None,
    reason: str,
    decision_reference: str = "",
    request=None,
) -> Suspension:
    """Stop the deadline's clock from `start_date` (to `end_date`, or until
    the suspension is ended); the deadline moves by the suspended days."""
    require_can_change_case(user, deadline)
    _open_deadline(deadline)
    suspension = Suspension(
        deadline=deadline,
        start_date=start_date,
        end_date=end_date,
        reason=reason,
        decision_reference=decision_reference,
        recorded_by=user,
    )
    save_audited(user, suspension, request=request, validate=_check_no_overlap)
    recompute_deadline(user, deadline, request=request)
    return suspension


@transaction.atomic
def end_suspension(user, suspension: Suspension, *, end_date: datetime.date, request=None):
    require_can_change_case(user, suspension)
    _open_deadline(suspension.deadline)
    if suspension.end_date is not None:
        raise ValidationError(_("This suspension has already ended."))
    suspension.end_date = end_date
    save_audited(user, suspension, request=request, validate=_check_no_overlap)
    recompute_deadline(user, suspension.deadline, request=request)
    return suspension


@transaction.atomic
def extend_deadline(
    user,
    deadline: Deadline,
    *,
    days: int,
    reason: str,
    decision_reference: str = "",
    request=None,
) -> Extension:
    require_can_change_case(user, deadline)
    _open_deadline(deadline)
    extension = Extension(
        deadline=deadline,
        days=days,
        reason=reason,
        decision_reference=decision_reference,
        recorded_by=user,
    )
    save_audited(user, extension, request=request)
    recompute_deadline(user, deadline, request=request)
    return extension


# --- bulk actions on the work list: all or nothing --------------------------------------


@transaction.atomic
def bulk_record_situation(user, cases, **situation) -> list[Situation]:
    """The same situation change (one decision reference) for many cases; if
    one case refuses it, none is changed and the error names the case."""
    made = []
    for case in cases:
        try:
            made.append(record_situation(user, case, **situation))
        except ValidationError as error:
            raise ValidationError(
                _("%(case)s (%(person)s): %(error)s")
                % {"case": case, "person": case.person, "error": " ".join(error.messages)}
            ) from error
    return made


@transaction.atomic
def bulk_assign(user, cases, caseworker, *, request=None) -> list[Case]:
    return [assign_case(user, case, caseworker, request=request) for case in cases]
