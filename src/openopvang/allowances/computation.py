"""From the registry to a payment run, through the one rules engine.

A run for month M of a municipality:

1. **Window.** The run recomputes the months ``[W, M]`` where
   ``W = max(M − policy.recompute_months, first month of the municipality's first
   approved run)``. Before the first approved run nothing was paid through the
   platform (those months were paid elsewhere), so the platform never adds
   them. Without any approved run the window is M alone.
2. **Engine.** ``build_scenario(municipality, W-01, last day of M, policy)`` →
   ``calculate_leefgeld``: amounts per household, person, month and component,
   rounded half-up to cents once per line (engine convention).
3. **Ledger.** What approved runs paid per (household, person, month,
   component): the sum of their lines. A person-month-component is paid once:
   the run adds only the difference ``now − paid``.

   - month M, nothing paid yet → an *entitlement* line;
   - any other difference (an earlier month, or M again after a registry change)
     → a *correction* line, positive or negative, with the reason
     "recomputed 2024-03 after registry change: was 250.00, now 180.00".

   Running the same month twice therefore gives no new lines unless the
   registry changed.
4. **Payments.** Lines are grouped per household into one payment to the
   household's payee (see `resolve_payee`). A negative net amount is listed to
   recover; a zero net amount is listed as nothing to pay.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from openopvang.parameters.services import current_parameters
from openopvang.registry.models import Host, Household, HouseholdMembership, Location, Person
from openopvang.registry.snapshots import build_scenarios, parse_ref, ref
from openopvang.rules.engine.dates import Month
from openopvang.rules.engine.eigen_bijdrage import Reduction, calculate_eigen_bijdrage
from openopvang.rules.engine.leefgeld import COMPONENTS, RULE_TEXT, calculate_leefgeld
from openopvang.rules.engine.parameters import ParameterSet
from openopvang.rules.engine.scenario import parse_scenario

from .models import (
    EigenBijdrageFloor,
    EigenBijdrageReduction,
    LineKind,
    MunicipalPolicy,
    PaymentLine,
    PaymentMethod,
    PaymentRun,
    RunStatus,
)

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def cents(value) -> Decimal:
    """A database sum as exact cents (SQLite sums decimals in floating point)."""
    return Decimal(str(value or 0)).quantize(CENT)


# -- months ----------------------------------------------------------------------------

def first_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def last_of(day: datetime.date) -> datetime.date:
    return add_months(day, 1) - datetime.timedelta(days=1)


def parse_month(text: str) -> datetime.date:
    """'2025-03' → 2025-03-01; ValueError with a readable message otherwise."""
    try:
        return Month.parse((text or "").strip()).first
    except ValueError:
        raise ValueError(f"not a month (YYYY-MM): {text!r}") from None


# -- policy ----------------------------------------------------------------------------

def policy_of(municipality) -> MunicipalPolicy:
    """The municipality's policy; an unsaved one with the defaults when none is stored."""
    found = MunicipalPolicy.objects.filter(municipality=municipality).first()
    return found or MunicipalPolicy(municipality=municipality)


def policies_of(municipality_ids) -> dict[int, MunicipalPolicy]:
    stored = {p.municipality_id: p for p in MunicipalPolicy.objects.filter(
        municipality_id__in=municipality_ids)}
    return {pk: stored.get(pk) or MunicipalPolicy(municipality_id=pk) for pk in municipality_ids}


def first_approved_months(municipality_ids) -> dict[int, datetime.date]:
    out: dict[int, datetime.date] = {}
    for municipality_id, month in (
        PaymentRun.objects.filter(municipality_id__in=municipality_ids, status=RunStatus.APPROVED)
        .values_list("municipality_id", "month").order_by("month")
    ):
        out.setdefault(municipality_id, month)
    return out


def window_start(month: datetime.date, policy: MunicipalPolicy,
                 first_approved: datetime.date | None) -> datetime.date:
    if first_approved is None:
        return month
    return min(month, max(add_months(month, -policy.recompute_months), first_approved))


# -- ledger ------------------------------------------------------------------------------

Key = tuple[str, str, datetime.date, str]  # household ref, person ref, month, component


def paid_ledger(municipality_ids, start: datetime.date, end: datetime.date,
                exclude_run: int | None = None) -> dict[int, dict[Key, tuple[Decimal, Decimal]]]:
    """{municipality pk: {key: (paid, of which POO)}} over approved runs, for
    months in [start, end]."""
    query = PaymentLine.objects.filter(
        run__municipality_id__in=municipality_ids, run__status=RunStatus.APPROVED,
        month__gte=start, month__lte=end,
    )
    if exclude_run is not None:
        query = query.exclude(run_id=exclude_run)
    out: dict[int, dict[Key, tuple[Decimal, Decimal]]] = defaultdict(dict)
    for municipality_id, household, person, month, component, amount, poo in (
        query.values_list("run__municipality_id", "household_ref", "person_ref", "month",
                          "component").annotate(paid=Sum("amount"), poo=Sum("poo_amount"))
        .values_list("run__municipality_id", "household_ref", "person_ref", "month",
                     "component", "paid", "poo")
        .order_by()
    ):
        # SQLite sums decimals as floats: back to exact cents.
        out[municipality_id][(household, person, month, component)] = (cents(amount), cents(poo))
    return out


# -- payee -------------------------------------------------------------------------------

def valid_iban(value: str) -> bool:
    if not value:
        return False
    try:
        IBAN(value)
    except SchwiftyException:
        return False
    return True


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


@dataclass
class PayeeChoice:
    person: object | None  # a Person or a PersonInfo
    method: str
    reason: str = ""  # why not by bank
    note: str = ""  # which rule chose the payee


def resolve_payee(household, members: list, person, day: datetime.date) -> PayeeChoice:
    """Who receives the household's payment, judged on `day` (the first day of
    the run month):

    1. the household's payee (Household.payee) — must be 18+ with a valid IBAN,
       otherwise the payment goes on the cash/card list with the reason;
    2. no payee set: the only adult member with a valid IBAN (members whose
       membership overlaps the month); none → cash "no payee"; several →
       cash, "choose the payee";
    3. a person in no household: that person, if 18+ with a valid IBAN.
    """
    if household is None:
        if person is None:
            return PayeeChoice(None, PaymentMethod.CASH, "no payee")
        return _check_payee(person, day, "the person (in no household)")
    if household.payee_id is not None and getattr(household, "payee", None) is not None:
        return _check_payee(household.payee, day, "payee of the household")
    adults = [m for m in members if age_on(m.birth_date, day) >= 18]
    with_iban = [m for m in adults if valid_iban(m.iban)]
    if len(with_iban) == 1:
        return PayeeChoice(with_iban[0], PaymentMethod.SEPA,
                           note="no payee set: the only adult member with an IBAN")
    if len(with_iban) > 1:
        return PayeeChoice(None, PaymentMethod.CASH,
                           "no payee: several adults have an IBAN, choose the payee of the "
                           "household")
    if not adults:
        return PayeeChoice(None, PaymentMethod.CASH, "no payee: no adult member")
    return PayeeChoice(None, PaymentMethod.CASH, "no payee: no adult member has an IBAN")


def _check_payee(person, day: datetime.date, note: str) -> PayeeChoice:
    if age_on(person.birth_date, day) < 18:
        return PayeeChoice(person, PaymentMethod.CASH, "payee is a minor", note)
    if not person.iban:
        return PayeeChoice(person, PaymentMethod.CASH, "payee has no IBAN", note)
    if not valid_iban(person.iban):
        return PayeeChoice(person, PaymentMethod.CASH, "payee's IBAN is not valid", note)
    return PayeeChoice(person, PaymentMethod.SEPA, "", note)


# -- computing a run ---------------------------------------------------------------------

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
    reason: str
    explanation: list[str]


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
    def reason(self) -> str:
        if self.amount < 0:
            return "net amount is negative: to recover or to set off later"
        if self.amount == 0:
            return "corrections cancel out"
        return self.payee.reason


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


_TEXT_CACHE: dict[tuple, str] = {}
_COMPONENT_ORDER = {component: index for index, component in enumerate(COMPONENTS)}


def _segment_text(segment, index: int, household: str, days_in_month: int) -> str:
    """One segment of a person's month in words (the engine's explanation tree
    says the same with references; this is the cheap form stored on each line).
    Many persons share a situation, so the text is cached by situation."""
    elsewhere = segment.household if segment.household != household and segment.placed else None
    part = segment.parts[index]
    key = (segment.start, segment.end, segment.whole_month, elsewhere, part, segment.adult,
           segment.size, segment.where, days_in_month)
    text = _TEXT_CACHE.get(key)
    if text is not None:
        return text
    span = f"{segment.start.isoformat()}..{segment.end.isoformat()}"
    days = (segment.end - segment.start).days + 1
    whole = " (whole month: situation of the 1st)" if segment.whole_month else ""
    if elsewhere is not None:
        text = f"{span}: {days} days counted under household {elsewhere}"
    elif part.rate > 0 and part.value is not None:
        age = "adult (18+)" if segment.adult else "minor"
        note = f"; {part.note}" if part.note else ""
        text = (f"{span}: {days} days x {part.rate:.2f} / {days_in_month}{whole} — "
                f"{age}, household of {segment.size} placed, {segment.where}; "
                f"{part.value.name} from {part.value.start.isoformat()}{note}")
    else:
        text = f"{span}: {days} days without — {part.reason}{whole}"
    if len(_TEXT_CACHE) > 100_000:
        _TEXT_CACHE.clear()
    _TEXT_CACHE[key] = text
    return text


def line_explanation(pm, index: int, days_in_month: int) -> list[str]:
    """The formula of one line and the segments of the month behind it."""
    line = pm.lines[COMPONENTS[index]]
    paid = [s for s in pm.segments if s.household == pm.household and s.parts[index].rate > 0]
    terms = " + ".join(f"{s.parts[index].rate:.2f} x {(s.end - s.start).days + 1}"
                       for s in paid) or "0"
    out = [f"{COMPONENTS[index]}: ({terms}) / {days_in_month} = {line.exact:.4f} -> "
           f"{line.amount:.2f}"]
    out.extend(_segment_text(s, index, pm.household, days_in_month) for s in pm.segments)
    return out


def _difference_lines(result, ledger: dict, month: datetime.date,
                      window: datetime.date) -> list[ComputedLine]:
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
    for key in sorted(set(now) | {k for k in ledger if window <= k[2] <= month},
                      key=lambda k: (k[0], k[1], k[2], order[k[3]])):
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
            explanation = [f"{person}: no {component} in {line_month:%Y-%m} any more (not "
                           f"placed in household {household} in that month)"]
            paid_days = 0
        if paid is None and line_month == month:
            kind, reason = LineKind.ENTITLEMENT, ""
        else:
            kind = LineKind.CORRECTION
            reason = (f"recomputed {line_month:%Y-%m} after registry change: was "
                      f"{paid or ZERO:.2f}, now {computed:.2f}")
        out.append(ComputedLine(household, person, line_month, component, kind, difference,
                                computed, paid or ZERO, poo_now - poo_paid, paid_days, reason,
                                explanation))
    return out


@dataclass(frozen=True)
class PersonInfo:
    """What paying needs of a person (plain values: a national run reads 120,000)."""

    pk: int
    full_name: str
    birth_date: datetime.date
    iban: str


@dataclass
class HouseholdInfo:
    pk: int
    name: str
    payee_id: int | None
    payee: PersonInfo | None = None


@dataclass
class RegistryData:
    """Households, members and persons of a batch of municipalities, read in
    three queries for any number of them."""

    households: dict[int, HouseholdInfo]
    members: dict[int, list[PersonInfo]]
    persons: dict[int, PersonInfo]


def load_registry(municipality_ids, month: datetime.date) -> RegistryData:
    persons = {
        pk: PersonInfo(pk, f"{given} {family}".strip(), birth, iban)
        for pk, given, family, birth, iban in Person.objects.filter(
            municipality_id__in=municipality_ids,
        ).values_list("pk", "given_names", "family_name", "birth_date", "iban").order_by()
    }
    households = {
        pk: HouseholdInfo(pk, name, payee_id, persons.get(payee_id) if payee_id else None)
        for pk, name, payee_id in Household.objects.filter(
            municipality_id__in=municipality_ids,
        ).values_list("pk", "name", "payee_id").order_by()
    }
    members: dict[int, list[PersonInfo]] = defaultdict(list)
    for household_id, person_id in (
        HouseholdMembership.objects.filter(household__municipality_id__in=municipality_ids)
        .filter(start_date__lte=last_of(month))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=month))
        .values_list("household_id", "person_id").order_by("household_id", "start_date")
    ):
        person = persons.get(person_id)
        if person is not None and person not in members[household_id]:
            members[household_id].append(person)
    return RegistryData(households, dict(members), persons)


def _items(lines: list[ComputedLine], data: RegistryData,
           month: datetime.date) -> list[ComputedItem]:
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


def compute_runs(municipality_ids: list[int], month: datetime.date,
                 params: ParameterSet | None = None) -> dict[int, ComputedRun]:
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
        scenarios.update(build_scenarios(ids, start, end,
                                         {pk: policies[pk].policy() for pk in ids}))
    ledger = paid_ledger(municipality_ids, earliest, end)
    all_lines: dict[int, list[ComputedLine]] = {}
    results: dict[int, dict] = {}
    for pk in municipality_ids:
        result = calculate_leefgeld(parse_scenario(scenarios[pk]), params)
        # The lines are the result; the run keeps the engine's totals and rule.
        results[pk] = {"total": str(result.total), "poo_total": str(result.poo_total),
                       "partial_month": result.rule, "rule": RULE_TEXT[result.rule],
                       "period": str(result.period)}
        all_lines[pk] = _difference_lines(result, ledger.get(pk, {}), month, windows[pk])
    data = load_registry(municipality_ids, month)
    return {
        pk: ComputedRun(pk, month, windows[pk], policies[pk].policy(), scenarios[pk],
                        results[pk], _items(all_lines[pk], data, month))
        for pk in municipality_ids
    }


def compute_run(municipality, month: datetime.date,
                params: ParameterSet | None = None) -> ComputedRun:
    pk = getattr(municipality, "pk", municipality)
    return compute_runs([pk], month, params)[pk]


# -- reading back a declaration figure ------------------------------------------------------

def paid_totals(municipality, start: datetime.date, end: datetime.date) -> tuple[Decimal, Decimal]:
    """(leefgeld paid, of which for days with a host) in approved runs for months
    in [start, end]; corrections count in the month they correct."""
    found = PaymentLine.objects.filter(
        run__municipality=municipality, run__status=RunStatus.APPROVED,
        month__gte=first_of(start), month__lte=end,
    ).aggregate(total=Sum("amount"), poo=Sum("poo_amount"))
    return cents(found["total"]), cents(found["poo"])


# -- eigen bijdrage -----------------------------------------------------------------------

@dataclass
class CollectionRow:
    household_ref: str
    name: str
    household_id: int | None
    charged: list[str]
    gross: Decimal
    reduction: Decimal
    reduction_reason: str
    cap: Decimal | None
    cap_note: str
    amount: Decimal
    explanation: list[tuple[int, str]]


def flatten(node, depth: int = 0) -> list[tuple[int, str]]:
    out = [(depth, node.label)]
    for child in node.children:
        out.extend(flatten(child, depth + 1))
    return out


_REF = re.compile(r"\b(?:person:)?([PHLG])(\d+)\b")


class Names:
    """Turns engine references (P12, H3, L5, G7) in explanation text into names."""

    def __init__(self, persons=None, households=None, locations=None, hosts=None):
        self.map = {}
        for prefix, objects in (("P", persons), ("H", households), ("L", locations),
                                ("G", hosts)):
            for obj in objects or ():
                self.map[f"{prefix}{obj.pk}"] = str(obj)

    @classmethod
    def for_scenario(cls, scenario: dict) -> Names:
        ids = defaultdict(set)
        for key in ("persons", "households", "locations", "hosts"):
            for item in scenario.get(key, []):
                kind, pk = parse_ref(item["id"])
                ids[kind].add(pk)
        return cls(
            Person.objects.filter(pk__in=ids["person"]).only("given_names", "family_name"),
            Household.objects.filter(pk__in=ids["household"]).only("name"),
            Location.objects.filter(pk__in=ids["location"]).only("name"),
            Host.objects.filter(pk__in=ids["host"]).only("name"),
        )

    def __call__(self, text: str) -> str:
        return _REF.sub(lambda m: self.map.get(f"{m.group(1)}{m.group(2)}", m.group(0)), text)


def _income_in_month(scenario, persons, month: Month) -> Decimal:
    """Σ monthly amount × days of the month the income covers ÷ days in the month."""
    exact = Decimal(0)
    for income in scenario.incomes:
        if income.person not in persons:
            continue
        overlap = income.range.intersection(month.range)
        if overlap is not None:
            exact += income.monthly_amount * overlap.days / month.days
    return exact.quantize(CENT)


def collection_list(municipality, month: datetime.date,
                    params: ParameterSet | None = None) -> tuple[list[CollectionRow], Decimal]:
    """The eigen bijdrage to collect for one month, per household, in order:
    engine amount (gross) → maatwerk reduction (never below zero) → the floor
    of the municipal policy (`EigenBijdrageFloor`)."""
    month = first_of(month)
    params = params or current_parameters()
    policy = policy_of(municipality)
    doc = build_scenarios([municipality.pk], month, last_of(month),
                          {municipality.pk: policy.policy()})[municipality.pk]
    scenario = parse_scenario(doc)
    reductions = {
        ref("household", r.household_id): r
        for r in EigenBijdrageReduction.objects.filter(municipality=municipality, month=month)
    }
    engine_reductions = [Reduction(key, Month.of(month), r.amount, r.reason)
                         for key, r in reductions.items()]
    result = calculate_eigen_bijdrage(scenario, params, engine_reductions)
    equivalent: dict[str, Decimal] = {}
    if policy.eigen_bijdrage_floor == EigenBijdrageFloor.LEEFGELD_EQUIVALENT and result.households:
        without_income = parse_scenario({**doc, "incomes": []})
        for pm in calculate_leefgeld(without_income, params).person_months:
            equivalent[pm.household] = equivalent.get(pm.household, ZERO) + pm.amount
    names = Names.for_scenario(doc)
    rows = []
    for hm in result.households:
        if not hm.gross and not hm.charged:
            continue
        after_reduction = hm.amount
        cap, note = None, ""
        if policy.eigen_bijdrage_floor == EigenBijdrageFloor.LEEFGELD_EQUIVALENT:
            income = _income_in_month(scenario, set(hm.persons), hm.month)
            keeps = equivalent.get(hm.household, ZERO)
            cap = max(ZERO, income - keeps)
            note = (f"income {income:.2f} minus leefgeld equivalent {keeps:.2f} = "
                    f"at most {cap:.2f}")
        amount = min(after_reduction, cap) if cap is not None else after_reduction
        kind, pk = parse_ref(hm.household)
        reduction = reductions.get(hm.household)
        rows.append(CollectionRow(
            hm.household, names(hm.household.removeprefix("person:")),
            pk if kind == "household" else None,
            [names(p) for p in hm.charged], hm.gross,
            hm.gross - hm.amount if hm.reduction else ZERO,
            reduction.reason if reduction else "", cap, note, amount,
            [(depth, names(label)) for depth, label in flatten(hm.explanation())],
        ))
    rows.sort(key=lambda r: r.name.lower())
    return rows, sum((r.amount for r in rows), ZERO)


# -- person page ------------------------------------------------------------------------------

@dataclass
class PersonMonthRow:
    name: str
    person_id: int | None
    amounts: dict[str, Decimal]
    total: Decimal
    explanation: list[tuple[int, str]]


@dataclass
class HouseholdMonthView:
    month: datetime.date
    persons: list[PersonMonthRow]
    not_placed: list[str]
    leefgeld: Decimal
    paid: Decimal | None
    eigen_bijdrage: Decimal
    eigen_bijdrage_explanation: list[tuple[int, str]]


def household_ref_of(person: Person, day: datetime.date) -> tuple[str, str, list[Person]]:
    """The person's household on `day` (or the latest one before it): its
    reference, name and members; a person in no household is one on their own."""
    membership = (
        HouseholdMembership.objects.filter(person=person, start_date__lte=day)
        .select_related("household").order_by("-start_date").first()
    )
    if membership is None:
        return f"person:{ref('person', person.pk)}", person.full_name, [person]
    household = membership.household
    members = [m.person for m in household.memberships.select_related("person").order_by(
        "start_date", "person_id")]
    return ref("household", household.pk), household.name, list(dict.fromkeys(members))


def person_amounts(person: Person, today: datetime.date, months: int = 3,
                   params: ParameterSet | None = None) -> dict:
    """Leefgeld and eigen bijdrage of the person's household for the current and
    previous months, with the engine's explanation in plain words (names instead
    of references), and what approved runs paid."""
    params = params or current_parameters()
    current = first_of(today)
    start = add_months(current, -(months - 1))
    household_ref, household_name, members = household_ref_of(person, today)
    policy = policy_of(person.municipality)
    doc = build_scenarios([person.municipality_id], start, last_of(current),
                          {person.municipality_id: policy.policy()})[person.municipality_id]
    scenario = parse_scenario(doc)
    leefgeld = calculate_leefgeld(scenario, params)
    reductions = [
        Reduction(ref("household", r.household_id), Month.of(r.month), r.amount, r.reason)
        for r in EigenBijdrageReduction.objects.filter(
            household_id=parse_ref(household_ref)[1], month__gte=start)
    ] if household_ref.startswith("H") else []
    eigen = calculate_eigen_bijdrage(scenario, params, reductions)
    names = Names.for_scenario(doc)
    paid = {
        month: cents(total) for month, total in PaymentLine.objects.filter(
            run__municipality_id=person.municipality_id, run__status=RunStatus.APPROVED,
            household_ref=household_ref, month__gte=start,
        ).values_list("month").annotate(total=Sum("amount")).values_list("month", "total")
        .order_by()
    }
    member_refs = {ref("person", m.pk): m for m in members}
    views = []
    month = current
    while month >= start:
        pms = [pm for pm in leefgeld.person_months
               if pm.household == household_ref and pm.month.first == month]
        rows = [PersonMonthRow(
            names(pm.person), parse_ref(pm.person)[1],
            {c: pm.lines[c].amount for c in COMPONENTS}, pm.amount,
            [(depth, names(label)) for depth, label in flatten(pm.explanation())],
        ) for pm in pms]
        seen = {pm.person for pm in pms}
        not_placed = [m.full_name for key, m in member_refs.items() if key not in seen]
        hm = next((h for h in eigen.households
                   if h.household == household_ref and h.month.first == month), None)
        views.append(HouseholdMonthView(
            month, rows, not_placed, sum((r.total for r in rows), ZERO), paid.get(month),
            hm.amount if hm else ZERO,
            [(d, names(label)) for d, label in flatten(hm.explanation())] if hm else [],
        ))
        month = add_months(month, -1)
    return {"household_ref": household_ref, "household_name": household_name,
            "rule": leefgeld.rule, "months": views, "policy": policy}
