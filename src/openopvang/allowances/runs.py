"""From the registry to a payment run, through the one rules engine.

A run for month M of a municipality:

1. **Window.** The run recomputes the months ``[W, M]`` where
   ``W = max(M − policy.recompute_months, first month of the municipality's first
   approved run)`` (policies.window_start). Before the first approved run nothing
   was paid through the platform (those months were paid elsewhere), so the
   platform never adds them. Without any approved run the window is M alone.
2. **Engine.** ``build_scenarios(municipality, W-01, last day of M, policy)`` →
   ``evaluate_results(..., sections=("leefgeld",))``, the engine's one entry:
   amounts per household, person, month and component, rounded half-up to cents
   once per line (engine convention).
3. **Ledger.** What approved runs paid per (household, person, month,
   component): the sum of their lines (ledger.py). A person-month-component is
   paid once: the run adds only the difference ``now − paid``.

   - month M, nothing paid yet → an *entitlement* line;
   - any other difference (an earlier month, or M again after a registry change)
     → a *correction* line, positive or negative, with the reason
     ``{"code": "recomputed", "month": "2024-03", "was": "250.00", "now": "180.00"}``
     (shown as "recomputed 2024-03 after registry change: was 250.00, now 180.00").

   Running the same month twice therefore gives no new lines unless the
   registry changed.
4. **Payments.** Lines are grouped per household into one payment to the
   household's payee (payees.resolve_payee). A negative net amount is listed to
   recover; a zero net amount is listed as nothing to pay.

Reasons and explanations are stored as codes (reasons.py), never as sentences.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max

from openopvang.parameters.services import current_parameters
from openopvang.registry.models import ChangeReason
from openopvang.registry.snapshots import build_scenarios, parse_ref
from openopvang.rules.engine.dates import Month, first_of, last_of
from openopvang.rules.engine.errors import MissingParameter
from openopvang.rules.engine.evaluate import evaluate_results
from openopvang.rules.engine.leefgeld import COMPONENTS, RULE_TEXT
from openopvang.rules.engine.money import ZERO
from openopvang.rules.engine.parameters import ParameterSet

from .ledger import Key, paid_ledger
from .models import LineKind, PaymentMethod, PaymentRun, RunStatus
from .payees import HouseholdInfo, PayeeChoice, RegistryData, load_registry, resolve_payee
from .policies import first_approved_months, policies_of, window_start
from .reasons import code, render_reason

# The amounts a month of leefgeld needs; the income rules have no end date.
AMOUNT_PREFIXES = ("rooo.eetgeld.", "rooo.kleedgeld.", "rooo.wooncomponent.")


def last_computable_month(params: ParameterSet, month: datetime.date) -> datetime.date | None:
    """The latest month up to `month` for which every leefgeld amount is
    known on each day, or None within two years before it. The amounts of a
    new year are published late; a finance officer is shown this month
    rather than an error after pressing the button."""
    names = [n for n in params.names() if n.startswith(AMOUNT_PREFIXES)]
    candidate = first_of(month)
    for _step in range(24):
        try:
            for name in names:
                params.periods(name, candidate, last_of(candidate))
        except MissingParameter:
            candidate = first_of(candidate - datetime.timedelta(days=1))
        else:
            return candidate
    return None


@dataclass
class ComputedLine:
    household_ref: str
    person_ref: str
    month: datetime.date
    component: str
    kind: str
    amount: Decimal
    computed: Decimal
    previously_paid: Decimal
    poo_amount: Decimal
    days: int
    reason: dict  # a reason code, {} for an entitlement
    explanation: list[dict]  # reason codes: the formula, then the segments


@dataclass
class ComputedItem:
    household_ref: str
    household: HouseholdInfo | None
    household_name: str
    payee: PayeeChoice
    lines: list[ComputedLine] = field(default_factory=list)

    @property
    def amount(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def method(self) -> str:
        if self.amount < 0:
            return PaymentMethod.RECOVER
        if self.amount == 0:
            return PaymentMethod.NONE
        return self.payee.method

    @property
    def why(self) -> dict:
        """Why not by bank, as a code."""
        if self.amount < 0:
            return code("net_negative")
        if self.amount == 0:
            return code("corrections_cancel")
        return self.payee.why

    @property
    def reason(self) -> str:
        return render_reason(self.why)


@dataclass
class ComputedRun:
    municipality_id: int
    month: datetime.date
    window_start: datetime.date
    policy: dict
    scenario: dict
    result: dict
    items: list[ComputedItem]

    @property
    def total(self) -> Decimal:
        return sum((i.amount for i in self.items), ZERO)

    def total_for(self, method: str) -> Decimal:
        return sum((i.amount for i in self.items if i.method == method), ZERO)


_CODE_CACHE: dict[tuple, dict] = {}
_COMPONENT_ORDER = {component: index for index, component in enumerate(COMPONENTS)}


def _why(engine_why: tuple) -> dict:
    """The engine's (code, ((key, value), ...)) as a stored reason code."""
    if not engine_why:
        return {}
    name, params = engine_why
    return {"code": name, **dict(params)}


def _segment_code(segment, index: int, household: str, days_in_month: int) -> dict:
    """One segment of a person's month as a code (the engine's explanation tree
    says the same with references; this is the cheap form stored on each line).
    Many persons share a situation, so the code is cached by situation; callers
    must not change it."""
    elsewhere = segment.household if segment.household != household and segment.placed else None
    part = segment.parts[index]
    key = (
        segment.start,
        segment.end,
        segment.whole_month,
        elsewhere,
        part,
        segment.adult,
        segment.size,
        segment.where,
        days_in_month,
    )
    found = _CODE_CACHE.get(key)
    if found is not None:
        return found
    days = (segment.end - segment.start).days + 1
    span = {"start": segment.start.isoformat(), "end": segment.end.isoformat(), "days": days}
    if elsewhere is not None:
        found = {"code": "segment_elsewhere", **span, "household": elsewhere}
    elif part.rate > 0 and part.value is not None:
        found = {
            "code": "segment_paid",
            **span,
            "rate": f"{part.rate:.2f}",
            "days_in_month": days_in_month,
            "whole": segment.whole_month,
            "adult": segment.adult,
            "size": segment.size,
            "where": segment.where,
            "parameter": part.value.name,
            "value_from": part.value.start.isoformat(),
        }
        if part.note:
            found["note"] = _why(part.note_why) or {"code": "text", "text": part.note}
    else:
        found = {
            "code": "segment_without",
            **span,
            "whole": segment.whole_month,
            "why": _why(part.why) or {"code": "text", "text": part.reason},
        }
    if len(_CODE_CACHE) > 100_000:
        _CODE_CACHE.clear()
    _CODE_CACHE[key] = found
    return found


def line_explanation(pm, index: int, days_in_month: int) -> list[dict]:
    """The formula of one line and the segments of the month behind it, as codes."""
    line = pm.lines[COMPONENTS[index]]
    paid = [s for s in pm.segments if s.household == pm.household and s.parts[index].rate > 0]
    out = [
        {
            "code": "line_formula",
            "component": COMPONENTS[index],
            "terms": [[f"{s.parts[index].rate:.2f}", (s.end - s.start).days + 1] for s in paid],
            "days_in_month": days_in_month,
            "exact": f"{line.exact:.4f}",
            "amount": f"{line.amount:.2f}",
        }
    ]
    out.extend(_segment_code(s, index, pm.household, days_in_month) for s in pm.segments)
    if pm.band is not None:  # the income threshold lowered the household's month
        out[0]["amount"] = f"{line.full:.2f}"
        out.append({**pm.band.code(), "line_amount": f"{line.amount:.2f}"})
    return out


def _difference_lines(
    result, ledger: dict, month: datetime.date, window: datetime.date
) -> list[ComputedLine]:
    now: dict[Key, tuple] = {}
    person_months = {}
    for pm in result.person_months:
        person_months[(pm.household, pm.person, pm.month.first)] = pm
        for index, component in enumerate(COMPONENTS):
            line = pm.lines[component]
            now[(pm.household, pm.person, pm.month.first, component)] = (line, index)
    out = []
    days: dict[datetime.date, int] = {}
    order = _COMPONENT_ORDER
    for key in sorted(
        set(now) | {k for k in ledger if window <= k[2] <= month},
        key=lambda k: (k[0], k[1], k[2], order[k[3]]),
    ):
        household, person, line_month, component = key
        found = now.get(key)
        computed = found[0].amount if found else ZERO
        poo_now = found[0].poo_amount if found else ZERO
        paid, poo_paid = ledger.get(key, (None, ZERO))
        difference = computed - (paid or ZERO)
        if difference == 0:
            continue
        if found:
            dim = days.get(line_month)
            if dim is None:
                dim = days[line_month] = Month.of(line_month).days
            explanation = line_explanation(person_months[key[:3]], found[1], dim)
            paid_days = found[0].days
        else:
            explanation = [
                code(
                    "line_gone",
                    person=person,
                    component=component,
                    month=f"{line_month:%Y-%m}",
                    household=household,
                )
            ]
            paid_days = 0
        if paid is None and line_month == month:
            kind, reason = LineKind.ENTITLEMENT, {}
        else:
            kind = LineKind.CORRECTION
            reason = code("recomputed", month=f"{line_month:%Y-%m}", was=paid or ZERO, now=computed)
        out.append(
            ComputedLine(
                household,
                person,
                line_month,
                component,
                kind,
                difference,
                computed,
                paid or ZERO,
                poo_now - poo_paid,
                paid_days,
                reason,
                explanation,
            )
        )
    return out


def _add_change_reasons(all_lines: dict[int, list[ComputedLine]], municipality_ids) -> None:
    """A correction shows why the registry changed when the change reached a
    paid month and its reason was asked (registry.ChangeReason): the reasons
    given since the municipality's last approved run, for that person and month."""
    last_paid = dict(
        PaymentRun.objects.filter(municipality_id__in=municipality_ids, status=RunStatus.APPROVED)
        .values("municipality_id")
        .annotate(at=Max("approved_at"))
        .values_list("municipality_id", "at")
    )
    reasons: dict[int, list] = defaultdict(list)
    if not last_paid:
        return
    # One query for the whole batch (a national run has 342 municipalities).
    for municipality_id, person_id, start, end, text, at in (
        ChangeReason.objects.filter(person__municipality_id__in=list(last_paid))
        .filter(recorded_at__gt=min(last_paid.values()))
        .order_by("recorded_at", "id")
        .values_list(
            "person__municipality_id",
            "person_id",
            "start_date",
            "end_date",
            "reason",
            "recorded_at",
        )
    ):
        if at > last_paid[municipality_id]:
            reasons[person_id].append((first_of(start), end, text))
    if not reasons:
        return
    for lines in all_lines.values():
        for line in lines:
            if line.kind != LineKind.CORRECTION:
                continue
            _kind, person_pk = parse_ref(line.person_ref)
            given = [
                t for start, end, t in reasons.get(person_pk, ()) if start <= line.month <= end
            ]
            if given:
                line.reason = {**line.reason, "because": "; ".join(dict.fromkeys(given))}


def _items(
    lines: list[ComputedLine], data: RegistryData, month: datetime.date
) -> list[ComputedItem]:
    grouped: dict[str, list[ComputedLine]] = defaultdict(list)
    for line in lines:
        grouped[line.household_ref].append(line)
    items = []
    for household_ref, household_lines in grouped.items():
        kind, pk = parse_ref(household_ref)
        if kind == "household":
            household = data.households.get(pk)
            members = data.members.get(pk, [])
            choice = resolve_payee(household, members, None, month)
            name = household.name if household else household_ref
        else:
            household, person = None, data.persons.get(pk)
            choice = resolve_payee(None, [], person, month)
            name = person.full_name if person else household_ref
        items.append(ComputedItem(household_ref, household, name, choice, household_lines))
    items.sort(key=lambda i: (i.household_name.lower(), i.household_ref))
    return items


def compute_runs(
    municipality_ids: list[int], month: datetime.date, params: ParameterSet | None = None
) -> dict[int, ComputedRun]:
    """Compute the run of `month` for many municipalities at once: one query per
    registry table for all of them (build_scenarios), one ledger query, three
    queries for payees. Nothing is stored."""
    month = first_of(month)
    params = params or current_parameters()
    policies = policies_of(municipality_ids)
    firsts = first_approved_months(municipality_ids)
    windows = {pk: window_start(month, policies[pk], firsts.get(pk)) for pk in municipality_ids}
    earliest = min(windows.values()) if windows else month
    end = last_of(month)
    # One scenario per distinct window start (usually one for the whole country).
    scenarios: dict[int, dict] = {}
    by_window: dict[datetime.date, list[int]] = defaultdict(list)
    for pk, start in windows.items():
        by_window[start].append(pk)
    for start, ids in by_window.items():
        scenarios.update(
            build_scenarios(ids, start, end, {pk: policies[pk].policy() for pk in ids})
        )
    ledger = paid_ledger(municipality_ids, earliest, end)
    all_lines: dict[int, list[ComputedLine]] = {}
    results: dict[int, dict] = {}
    for pk in municipality_ids:
        result = evaluate_results(scenarios[pk], params, ("leefgeld",))["leefgeld"]
        # The lines are the result; the run keeps the engine's totals and rule.
        results[pk] = {
            "total": str(result.total),
            "poo_total": str(result.poo_total),
            "partial_month": result.rule,
            "rule": RULE_TEXT[result.rule],
            "period": str(result.period),
        }
        all_lines[pk] = _difference_lines(result, ledger.get(pk, {}), month, windows[pk])
    _add_change_reasons(all_lines, municipality_ids)
    data = load_registry(municipality_ids, month)
    return {
        pk: ComputedRun(
            pk,
            month,
            windows[pk],
            policies[pk].policy(),
            scenarios[pk],
            results[pk],
            _items(all_lines[pk], data, month),
        )
        for pk in municipality_ids
    }


def compute_run(
    municipality, month: datetime.date, params: ParameterSet | None = None
) -> ComputedRun:
    pk = getattr(municipality, "pk", municipality)
    return compute_runs([pk], month, params)[pk]
