"""Who receives a household's payment, and the registry facts paying needs.

The reasons are codes (see reasons.py), rendered when shown."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from openopvang.registry.models import Household, HouseholdMembership, Person
from openopvang.rules.engine.dates import last_of

from .models import PaymentMethod
from .reasons import code, render_reason


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
    why: dict = field(default_factory=dict)  # why not by bank (a reason code)
    note_why: dict = field(default_factory=dict)  # which rule chose the payee (a code)
    collector: object | None = None  # the adult who collects a payment not made by bank

    @property
    def reason(self) -> str:
        """Why not by bank, in the active language."""
        return render_reason(self.why)

    @property
    def note(self) -> str:
        return render_reason(self.note_why)


def resolve_payee(household, members: list, person, day: datetime.date) -> PayeeChoice:
    """Who receives the payment (see `_resolve`); a payment not made by bank
    also names the adult who collects it: the payee when of age, otherwise
    the eldest adult member. A household without an adult names no one (its
    guardian collects, arranged outside the run)."""
    choice = _resolve(household, members, person, day)
    if choice.method != PaymentMethod.SEPA:
        candidates = [choice.person] if choice.person is not None else []
        candidates += sorted(members or ([person] if person else []), key=_age_order)
        choice.collector = next((p for p in candidates if age_on(p.birth_date, day) >= 18), None)
    return choice


def _age_order(person):
    return (person.birth_date, person.pk)


def _resolve(household, members: list, person, day: datetime.date) -> PayeeChoice:
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
            return PayeeChoice(None, PaymentMethod.CASH, code("no_payee"))
        return _check_payee(person, day, code("payee_alone"))
    if household.payee_id is not None and getattr(household, "payee", None) is not None:
        return _check_payee(household.payee, day, code("payee_of_household"))
    adults = [m for m in members if age_on(m.birth_date, day) >= 18]
    with_iban = [m for m in adults if valid_iban(m.iban)]
    if len(with_iban) == 1:
        return PayeeChoice(with_iban[0], PaymentMethod.SEPA, note_why=code("payee_only_adult_iban"))
    if len(with_iban) > 1:
        return PayeeChoice(None, PaymentMethod.CASH, code("no_payee_several_ibans"))
    if not adults:
        return PayeeChoice(None, PaymentMethod.CASH, code("no_payee_no_adult"))
    return PayeeChoice(None, PaymentMethod.CASH, code("no_payee_no_adult_iban"))


def _check_payee(person, day: datetime.date, note: dict) -> PayeeChoice:
    if age_on(person.birth_date, day) < 18:
        return PayeeChoice(person, PaymentMethod.CASH, code("payee_minor"), note)
    if not person.iban:
        return PayeeChoice(person, PaymentMethod.CASH, code("payee_no_iban"), note)
    if not valid_iban(person.iban):
        return PayeeChoice(person, PaymentMethod.CASH, code("payee_invalid_iban"), note)
    return PayeeChoice(person, PaymentMethod.SEPA, {}, note)


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
        )
        .values_list("pk", "given_names", "family_name", "birth_date", "iban")
        .order_by()
    }
    households = {
        pk: HouseholdInfo(pk, name, payee_id, persons.get(payee_id) if payee_id else None)
        for pk, name, payee_id in Household.objects.filter(
            municipality_id__in=municipality_ids,
        )
        .values_list("pk", "name", "payee_id")
        .order_by()
    }
    members: dict[int, list[PersonInfo]] = defaultdict(list)
    for household_id, person_id in (
        HouseholdMembership.objects.filter(household__municipality_id__in=municipality_ids)
        .filter(start_date__lte=last_of(month))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=month))
        .values_list("household_id", "person_id")
        .order_by("household_id", "start_date")
    ):
        person = persons.get(person_id)
        if person is not None and person not in members[household_id]:
            members[household_id].append(person)
    return RegistryData(households, dict(members), persons)
