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
from django.utils import timezone
from django.utils.translation import gettext as _

from openopvang.audit import services as audit
from openopvang.core.permissions import require
from openopvang.core.services import save_audited
from openopvang.rules.engine.rights import DEPARTURE_TERM_ENDED

from . import terms
from .models import (
    ACTIVE_TRANSFER,
    EVICTION_ORDER,
    MUNICIPAL_DECISIONS,
    Case,
    ClosureReason,
    Deadline,
    Decision,
    DecisionStatus,
    Departure,
    DepartureKind,
    DepartureStatus,
    EvictionStep,
    EvictionStepCode,
    Extension,
    Situation,
    SituationCode,
    Suspension,
    Transfer,
    TransferBlocker,
    TransferStatus,
)
from .permissions import NOT_CASEWORK, can_work_cases, require_can_change_case
from .rights import SITUATION_DEADLINES
from .selectors import no_reception_right_periods


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
    # From the stored suspensions and extensions, never from a list prefetched
    # before this change (a page or API read that prefetched them).
    for name in ("suspensions", "extensions"):
        getattr(deadline, "_prefetched_objects_cache", {}).pop(name, None)
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


# --- the way out: COA transfer, departure, eviction -----------------------------------------

# How a departure closes the case.
DEPARTURE_CLOSURE = {
    DepartureKind.VOLUNTARY: ClosureReason.DEPARTED_VOLUNTARY,
    DepartureKind.IOM: ClosureReason.DEPARTED_IOM,
    DepartureKind.DTV: ClosureReason.DEPARTED_DTV,
}


def _require_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError(_("The case is closed."))


def _cancellation_note(existing: str, why: str, missing: str) -> str:
    """The step's note with the reason for cancelling added below it."""
    if not why.strip():
        raise ValidationError({"note": missing})
    return "\n".join(part for part in (existing, why.strip()) if part)


def _day(value: datetime.date) -> str:
    return value.strftime("%d-%m-%Y")


@transaction.atomic
def request_transfer(
    user, case: Case, *, requested_on: datetime.date, note: str = "", request=None
) -> Transfer:
    """Ask COA for a place: only while an asylum application is pending."""
    require_can_change_case(user, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    current = _current_situation(case)
    if current is None or current.code != SituationCode.ASYLUM_PENDING:
        raise ValidationError(
            _("A COA transfer is for a person whose asylum application is pending.")
        )
    transfer = Transfer(case=case, requested_on=requested_on, note=note, recorded_by=user)
    return save_audited(user, transfer, request=request)


def _active_transfer(transfer: Transfer) -> None:
    if transfer.status not in ACTIVE_TRANSFER:
        raise ValidationError(_("This transfer is no longer in progress."))


@transaction.atomic
def offer_transfer_place(
    user, transfer: Transfer, *, offered_on: datetime.date, coa_location: str, request=None
) -> Transfer:
    require_can_change_case(user, transfer)
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    _active_transfer(transfer)
    if not coa_location.strip():
        raise ValidationError({"coa_location": _("Name the COA location that offers the place.")})
    transfer.status = TransferStatus.OFFERED
    transfer.offered_on, transfer.coa_location = offered_on, coa_location.strip()
    return save_audited(user, transfer, request=request)


def blockers_on(case: Case, day: datetime.date):
    return TransferBlocker.objects.filter(case=case).active_on(day)


@transaction.atomic
def complete_transfer(
    user, transfer: Transfer, *, transferred_on: datetime.date, request=None
) -> Transfer:
    """The person moved to COA: refused on a day a blocker (hospital,
    custody) stops the transfer; the case closes "transferred to COA" with
    that day as its last day in municipal reception."""
    require_can_change_case(user, transfer)
    transfer = Transfer.objects.select_for_update().select_related("case").get(pk=transfer.pk)
    _active_transfer(transfer)
    if transfer.status != TransferStatus.OFFERED:
        raise ValidationError(_("Record the place COA offered first."))
    blocker = blockers_on(transfer.case, transferred_on).first()
    if blocker is not None:
        raise ValidationError(
            {
                "transferred_on": _(
                    "The transfer is blocked on %(date)s: %(blocker)s since %(start)s."
                )
                % {
                    "date": _day(transferred_on),
                    "blocker": blocker.get_kind_display(),
                    "start": _day(blocker.start_date),
                }
            }
        )
    transfer.status, transfer.transferred_on = TransferStatus.TRANSFERRED, transferred_on
    save_audited(user, transfer, request=request)
    close_case(
        user,
        transfer.case,
        closed_on=transferred_on,
        reason=ClosureReason.TRANSFERRED_COA,
        note=transfer.coa_location,
        request=request,
    )
    return transfer


@transaction.atomic
def cancel_transfer(user, transfer: Transfer, *, note: str, request=None) -> Transfer:
    require_can_change_case(user, transfer)
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    _active_transfer(transfer)
    transfer.note = _cancellation_note(transfer.note, note, _("Say why the transfer is cancelled."))
    transfer.status = TransferStatus.CANCELLED
    return save_audited(user, transfer, request=request)


def _check_blocker_overlap(blocker: TransferBlocker) -> None:
    others = TransferBlocker.objects.filter(case_id=blocker.case_id, kind=blocker.kind)
    if others.exclude(pk=blocker.pk).overlapping(blocker.start_date, blocker.end_date).exists():
        raise ValidationError(
            {"start_date": _("A blocker of this kind already covers these days.")}
        )


@transaction.atomic
def add_transfer_blocker(
    user,
    case: Case,
    *,
    kind: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
    note: str = "",
    request=None,
) -> TransferBlocker:
    require_can_change_case(user, case)
    _require_open(case)
    blocker = TransferBlocker(
        case=case,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        note=note,
        recorded_by=user,
    )
    return save_audited(user, blocker, request=request, validate=_check_blocker_overlap)


@transaction.atomic
def end_transfer_blocker(
    user, blocker: TransferBlocker, *, end_date: datetime.date, request=None
) -> TransferBlocker:
    require_can_change_case(user, blocker)
    if blocker.end_date is not None:
        raise ValidationError(_("This blocker has already ended."))
    blocker.end_date = end_date
    return save_audited(user, blocker, request=request, validate=_check_blocker_overlap)


@transaction.atomic
def plan_departure(
    user,
    case: Case,
    *,
    kind: str,
    planned_on: datetime.date,
    dtv_registered_on: datetime.date | None = None,
    note: str = "",
    request=None,
) -> Departure:
    require_can_change_case(user, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    if dtv_registered_on and dtv_registered_on > planned_on:
        raise ValidationError(
            {"dtv_registered_on": _("The registration with DT&V comes before the departure.")}
        )
    departure = Departure(
        case=case,
        kind=kind,
        planned_on=planned_on,
        dtv_registered_on=dtv_registered_on,
        note=note,
        recorded_by=user,
    )
    return save_audited(user, departure, request=request)


def _planned(departure: Departure) -> Departure:
    departure = Departure.objects.select_for_update().select_related("case").get(pk=departure.pk)
    if departure.status != DepartureStatus.PLANNED:
        raise ValidationError(_("This departure is no longer planned."))
    return departure


@transaction.atomic
def record_departure(
    user, departure: Departure, *, departed_on: datetime.date, request=None
) -> Departure:
    """The person left: the case closes with the way they left, that day
    being the last in municipal reception."""
    require_can_change_case(user, departure)
    departure = _planned(departure)
    departure.status, departure.departed_on = DepartureStatus.DEPARTED, departed_on
    save_audited(user, departure, request=request)
    close_case(
        user,
        departure.case,
        closed_on=departed_on,
        reason=DEPARTURE_CLOSURE[departure.kind],
        request=request,
    )
    return departure


@transaction.atomic
def cancel_departure(user, departure: Departure, *, note: str, request=None) -> Departure:
    require_can_change_case(user, departure)
    departure = _planned(departure)
    departure.note = _cancellation_note(
        departure.note, note, _("Say why the departure is cancelled.")
    )
    departure.status = DepartureStatus.CANCELLED
    return save_audited(user, departure, request=request)


def right_to_reception_ended(case: Case, day: datetime.date) -> bool:
    """Indisputably ended on `day`: the departure term has ended by the
    engine's rules (after suspensions, extensions and the Algemene
    termijnenwet), with no clock standing still and no appeal pending."""
    periods = no_reception_right_periods({case.person_id}, [case.municipality_id], day, day)
    return any(
        period["reason"] == DEPARTURE_TERM_ENDED for period in periods.get(case.person_id, [])
    )


def next_eviction_step(done) -> str | None:
    """The first step of EVICTION_ORDER not in `done` (codes), or None."""
    return next((code for code in EVICTION_ORDER if code not in done), None)


@transaction.atomic
def record_eviction_step(
    user,
    case: Case,
    *,
    step: str,
    done_on: datetime.date,
    note: str,
    reference: str = "",
    request=None,
) -> EvictionStep:
    """The next step of the eviction procedure, in the order of the VNG
    advice; the first only once the right to reception has indisputably
    ended. Carrying out the eviction closes the case (unknown destination)."""
    require_can_change_case(user, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    done = {s.step: s for s in case.eviction_steps.all()}
    expected = next_eviction_step(done)
    if step != expected:
        if step in done:
            raise ValidationError({"step": _("This step has already been recorded.")})
        raise ValidationError(
            {"step": _("First record: %(step)s.") % {"step": EvictionStepCode(expected).label}}
        )
    if done:
        last = max(done.values(), key=lambda s: (s.done_on, s.pk))
        if done_on < last.done_on:
            raise ValidationError(
                {
                    "done_on": _("The step before was done on %(date)s; this one comes after.")
                    % {"date": _day(last.done_on)}
                }
            )
    if step == EvictionStepCode.RIGHT_ENDED and not right_to_reception_ended(case, done_on):
        raise ValidationError(
            {
                "done_on": _(
                    "On %(date)s the right to reception has not indisputably ended: the "
                    "departure term has not ended, its clock stands still, or the situation "
                    "still gives the right."
                )
                % {"date": _day(done_on)}
            }
        )
    made = EvictionStep(
        case=case, step=step, done_on=done_on, note=note, reference=reference, recorded_by=user
    )
    save_audited(user, made, request=request)
    if step == EvictionStepCode.CARRIED_OUT:
        close_case(
            user,
            case,
            closed_on=done_on,
            reason=ClosureReason.UNKNOWN_DESTINATION,
            note=note,
            request=request,
        )
    return made


# --- decisions: recorded, approved by a second officer, corrected, withdrawn ---------------


def _decision_status(kind: str) -> str:
    return (
        DecisionStatus.AWAITING_APPROVAL if kind in MUNICIPAL_DECISIONS else DecisionStatus.IN_FORCE
    )


@transaction.atomic
def record_decision(
    user,
    case: Case,
    *,
    kind: str,
    reference: str,
    decided_on: datetime.date,
    summary: str,
    request=None,
) -> Decision:
    """A decision or ruling on the case. A municipal decision waits for a
    second officer; an IND decision or a court ruling is in force at once."""
    require_can_change_case(user, case)
    _require_open(case)
    decision = Decision(
        case=case,
        kind=kind,
        reference=reference,
        decided_on=decided_on,
        summary=summary,
        status=_decision_status(kind),
        recorded_by=user,
    )
    return save_audited(user, decision, request=request)


def _locked_decision(decision: Decision, *allowed: str) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status not in allowed:
        raise ValidationError(
            _("This decision is %(status)s.") % {"status": decision.get_status_display().lower()}
        )
    return decision


@transaction.atomic
def approve_decision(user, decision: Decision, *, request=None) -> Decision:
    """Four eyes: another casework officer than the one who recorded it."""
    require_can_change_case(user, decision)
    decision = _locked_decision(decision, DecisionStatus.AWAITING_APPROVAL)
    if decision.recorded_by_id == user.pk:
        raise ValidationError(
            _("Four eyes: you recorded this decision, so another officer must approve it.")
        )
    decision.status = DecisionStatus.IN_FORCE
    decision.approved_by, decision.approved_at = user, timezone.now()
    return save_audited(user, decision, request=request)


@transaction.atomic
def correct_decision(
    user,
    decision: Decision,
    *,
    reference: str,
    decided_on: datetime.date,
    summary: str,
    request=None,
) -> Decision:
    """A new decision in place of `decision`, which stays as it was, marked
    corrected; a municipal correction waits for a second officer again."""
    require_can_change_case(user, decision)
    old = _locked_decision(decision, DecisionStatus.AWAITING_APPROVAL, DecisionStatus.IN_FORCE)
    old.status = DecisionStatus.CORRECTED
    save_audited(user, old, request=request)
    correction = Decision(
        case_id=old.case_id,
        kind=old.kind,
        reference=reference,
        decided_on=decided_on,
        summary=summary,
        status=_decision_status(old.kind),
        corrects=old,
        recorded_by=user,
    )
    return save_audited(user, correction, request=request)


@transaction.atomic
def withdraw_decision(
    user, decision: Decision, *, withdrawn_on: datetime.date, reason: str, request=None
) -> Decision:
    require_can_change_case(user, decision)
    decision = _locked_decision(decision, DecisionStatus.AWAITING_APPROVAL, DecisionStatus.IN_FORCE)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the decision is withdrawn.")})
    if withdrawn_on < decision.decided_on:
        raise ValidationError(
            {"withdrawn_on": _("A decision cannot be withdrawn before it was taken.")}
        )
    decision.status = DecisionStatus.WITHDRAWN
    decision.withdrawn_on, decision.withdrawal_reason = withdrawn_on, reason.strip()
    return save_audited(user, decision, request=request)


# -- saved filters of the work list ---------------------------------------------------------

FILTER_KEYS = ("q", "caseworker", "situation", "due", "location", "status")


def save_filter(user, *, name: str, query: str, request=None):
    """Keep the work list's current filters under a name, for this user only.
    Only the list's own filter parameters are kept (never a page number)."""
    from urllib.parse import parse_qsl, urlencode

    from .models import SavedFilter

    require(can_work_cases(user, getattr(user, "organisation", None)), NOT_CASEWORK)
    kept = [(k, v) for k, v in parse_qsl(query) if k in FILTER_KEYS and v]
    if not kept:
        raise ValidationError({"name": _("Choose filters first, then save them.")})
    saved = SavedFilter(user=user, name=name.strip(), query=urlencode(kept)[:500])
    return save_audited(user, saved, request=request)


def delete_filter(user, saved, *, request=None) -> None:
    from openopvang.audit.models import AuditAction

    require(saved.user_id == user.pk)
    audit.record(user, AuditAction.DELETE, saved, request=request)
    saved.delete()


def choose_digest(user, *, by_email: bool, request=None):
    """The caseworker's own choice: the daily digest by e-mail, or in the app only."""
    from .models import DigestChoice

    require(can_work_cases(user, getattr(user, "organisation", None)), NOT_CASEWORK)
    choice = DigestChoice.objects.filter(user=user).first() or DigestChoice(user=user)
    choice.by_email = by_email
    return save_audited(user, choice, request=request)
