"""National-scale synthetic registry data for benchmarks: every municipality,
about 2,000 GOO locations with capacity over time, hosts, 120,000 persons in
households with placement histories, income periods and POO provisions.

Deterministic: one random generator seeded with the given seed, consumed in a
fixed order, explicit primary keys and timestamps derived from the data; the
same seed gives the same rows.

Fast: rows are plain tuples, written per table with PostgreSQL's COPY (or
executemany elsewhere). The placement rules are kept by construction instead
of asking registry.services.check_placement per row:
- a person's placements are consecutive segments of one stay, never overlapping;
- realised capacity follows need: occupancy is counted per week (a placement
  counts for every week it touches), and each capacity period gets the count
  of its busiest week plus some room, so occupancy never exceeds capacity;
- locations open on a Monday, close on a Sunday and change capacity on a
  Monday; a placement in a location or with a host that stops ends that day
  and the household moves on.
The tests check a small dataset against check_placement itself."""

import datetime
import functools
import json
import math
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, models, transaction

from openopvang.accounts.models import Organisation
from openopvang.core import names as name_keys
from openopvang.registry.models import (
    CapacityPeriod,
    Host,
    Household,
    HouseholdMembership,
    IncomeKind,
    IncomePeriod,
    Location,
    LocationKind,
    MemberRole,
    Person,
    Placement,
    Provision,
    ProvisionKind,
    Sex,
)

from . import names
from .identifiers import DUTCH_BANK_CODES, bsn_sequence, dutch_iban
from .transliteration import transliterate

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)

# A fixed "today" keeps the data independent of the day it is generated.
SYNTHETIC_TODAY = D(2026, 11, 1)
FIRST_MONDAY = D(2022, 2, 28)
HORIZON = D(2026, 12, 27)  # a Sunday; weeks after it are booked like the last one
WEEKS = (HORIZON - FIRST_MONDAY).days // 7 + 1
SYNTHETIC_BSN_PREFIX = 10_000_000
OPENING_WINDOWS = [
    (D(2022, 3, 1), D(2022, 5, 31)),
    (D(2022, 6, 1), D(2022, 12, 31)),
    (D(2023, 1, 1), D(2025, 12, 31)),
]
ARRIVAL_WINDOWS = [
    (D(2022, 3, 4), D(2022, 5, 31)),
    (D(2022, 6, 1), D(2022, 12, 31)),
    (D(2023, 1, 1), D(2023, 12, 31)),
    (D(2024, 1, 1), D(2024, 12, 31)),
    (D(2025, 1, 1), D(2025, 12, 31)),
    (D(2026, 1, 1), D(2026, 9, 30)),
]
PERSONS_PER_LOCATION = 60  # 120,000 persons → about 2,000 locations

# Approximate population in thousands (CBS, 2024, rounded) of the largest
# municipalities, so the big cities get more persons and locations. The rest
# get a draw from a log-normal distribution around a typical Dutch municipality.
LARGE_MUNICIPALITIES = {
    "GM0363": 930,
    "GM0599": 670,
    "GM0518": 560,
    "GM0344": 375,
    "GM0772": 245,
    "GM0014": 240,
    "GM0855": 230,
    "GM0034": 225,
    "GM0758": 190,
    "GM0268": 185,
    "GM0200": 165,
    "GM0513": 165,
    "GM0392": 165,
    "GM0202": 165,
    "GM0153": 165,
    "GM0796": 160,
    "GM0935": 125,
    "GM0375": 115,
    "GM0546": 130,
    "GM1680": 25,
    "GM0307": 160,
    "GM0479": 160,
    "GM0394": 165,
    "GM0080": 125,
    "GM0193": 130,
}


@dataclass
class SyntheticSummary:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


class Ids:
    """Explicit primary keys, continuing after what the table already holds."""

    def __init__(self, model: type[models.Model]):
        highest = model.objects.aggregate(highest=models.Max("pk"))["highest"]
        self.next = (highest or 0) + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


def week_of(day: datetime.date) -> int:
    return min(max((day - FIRST_MONDAY).days // 7, 0), WEEKS - 1)


def monday_on_or_after(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def allocate(total: int, weights: list[float], minimum: int = 1) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainders), at least
    `minimum` each when the total allows."""
    floor_total = minimum * len(weights)
    spread = max(total - floor_total, 0)
    weight_sum = sum(weights)
    shares = [spread * w / weight_sum for w in weights]
    counts = [minimum + int(share) for share in shares]
    leftover = total - sum(counts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for index in by_remainder[: max(leftover, 0)]:
        counts[index] += 1
    return counts


@dataclass
class SyntheticLocation:
    id: int
    opened_on: datetime.date
    closed_on: datetime.date | None
    popularity: float  # how often it is chosen: big locations more
    periods: list[tuple[datetime.date, datetime.date | None]]  # capacity periods, no places yet
    occupied: list[int] = field(default_factory=lambda: [0] * WEEKS)  # persons per week

    def book(self, persons: int, start: datetime.date, end: datetime.date | None) -> None:
        first, last = week_of(start), week_of(end or HORIZON)
        self.occupied[first : last + 1] = [n + persons for n in self.occupied[first : last + 1]]

    def peak(self, start: datetime.date, end: datetime.date | None) -> int:
        return max(self.occupied[week_of(start) : week_of(end or HORIZON) + 1])


@dataclass
class SyntheticHost:
    id: int
    active_to: datetime.date | None
    free_from: datetime.date | None  # None: hosting someone with no end date


class Generator:
    def __init__(
        self,
        seed: int,
        persons: int,
        municipalities: list[Organisation],
        write: Callable[[str], None],
    ):
        self.random = random.Random(seed)
        self.target_persons = persons
        self.municipalities = municipalities
        self.write = write
        self.rows: dict[type[models.Model], list[tuple]] = {
            model: []
            for model in (
                Host,
                Location,
                CapacityPeriod,
                Person,
                Household,
                HouseholdMembership,
                Placement,
                IncomePeriod,
                Provision,
            )
        }
        self.ids = {model: Ids(model) for model in self.rows}
        self.bsns = bsn_sequence(SYNTHETIC_BSN_PREFIX + seed % 1000 * 10_000)
        self.iban_number = 10_000_000 + seed % 1000 * 100_000
        self.latin = {}
        self.hosts: dict[int, list[SyntheticHost]] = {}
        self.locations: dict[int, list[SyntheticLocation]] = {}

    # -- helpers ----------------------------------------------------------

    def transliterated(self, cyrillic: str) -> str:
        if cyrillic not in self.latin:
            self.latin[cyrillic] = transliterate(cyrillic)
        return self.latin[cyrillic]

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.random.randint(0, (last - first).days))

    @staticmethod
    def stamp(day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=datetime.UTC)

    # -- municipalities, locations ---------------------------------------

    def municipality_weights(self) -> list[float]:
        weights = []
        for municipality in self.municipalities:
            size = LARGE_MUNICIPALITIES.get(municipality.code)
            if size is None:
                size = min(max(self.random.lognormvariate(math.log(32), 0.65), 1.0), 110.0)
            weights.append(float(size))
        return weights

    def build_locations(self, municipality: Organisation, count: int) -> None:
        """Locations with the dates their capacity changes; the places follow
        once the placements are known (see capacity_rows)."""
        rng = self.random
        self.locations[municipality.pk] = []
        for number in range(count):
            kind = rng.choices(
                [
                    LocationKind.BUILDING,
                    LocationKind.HOTEL,
                    LocationKind.SHIP,
                    LocationKind.FLEXWONINGEN,
                    LocationKind.OTHER,
                ],
                weights=[45, 15, 5, 25, 10],
            )[0]
            catering = kind in (LocationKind.HOTEL, LocationKind.SHIP) or (
                kind == LocationKind.BUILDING and rng.random() < 0.3
            )
            # Most locations opened in the spring of 2022, when most people came.
            first, last = rng.choices(OPENING_WINDOWS, weights=[75, 10, 15])[0]
            opened = monday_on_or_after(self.day_between(first, last))
            closed = None
            if rng.random() < 0.15:
                candidate = (
                    monday_on_or_after(self.day_between(max(opened, D(2023, 6, 1)), D(2026, 6, 30)))
                    - ONE_DAY
                )
                if candidate > opened + datetime.timedelta(days=180):
                    closed = candidate
            location_id = self.ids[Location].take()
            name = f"{names.LOCATION_NAME_PREFIX[kind]} {municipality.name} {number + 1}"
            street = rng.choice(names.DUTCH_STREETS)
            self.rows[Location].append(
                (
                    location_id,
                    municipality.pk,
                    name,
                    f"{street} {rng.randint(1, 300)}",
                    f"{rng.randint(1000, 9999)} AB",
                    municipality.name,
                    kind,
                    catering,
                    opened,
                    closed,
                    "",
                )
            )
            periods, period_start = [], opened
            while True:
                period_end = (
                    monday_on_or_after(
                        period_start + datetime.timedelta(days=rng.randint(180, 540))
                    )
                    - ONE_DAY
                )
                last = closed is not None and period_end >= closed or period_end >= HORIZON
                periods.append((period_start, closed if last else period_end))
                if last:
                    break
                period_start = period_end + ONE_DAY
            self.locations[municipality.pk].append(
                SyntheticLocation(location_id, opened, closed, rng.lognormvariate(0, 0.6), periods)
            )

    def capacity_rows(self, municipality: Organisation) -> None:
        """Realised places per period: what the busiest week needed plus some
        room, as municipalities realise places where people are. Counting per
        week keeps occupancy at or under capacity on every day."""
        rng = self.random
        for location in self.locations[municipality.pk]:
            for start, end in location.periods:
                places = location.peak(start, end)
                places = max(4, places + math.ceil(places * rng.uniform(0.0, 0.15)))
                self.rows[CapacityPeriod].append(
                    (
                        self.ids[CapacityPeriod].take(),
                        location.id,
                        start,
                        end,
                        places,
                    )
                )

    # -- hosts -------------------------------------------------------------

    def host_for(
        self, municipality: Organisation, start: datetime.date, end: datetime.date | None
    ) -> SyntheticHost:
        """A host free from `start`: an existing one if one of a few tried is
        free, otherwise a new host household."""
        pool = self.hosts.setdefault(municipality.pk, [])
        for _try in range(min(4, len(pool))):
            host = pool[self.random.randrange(len(pool))]
            if (
                host.free_from is not None
                and host.free_from <= start
                and (host.active_to is None or host.active_to >= start)
            ):
                return host
        rng = self.random
        active_from = max(D(2022, 3, 1), start - datetime.timedelta(days=rng.randint(0, 90)))
        active_to = None
        if end is not None and rng.random() < 0.3:
            active_to = end + datetime.timedelta(days=rng.randint(0, 200))
            if active_to >= SYNTHETIC_TODAY:
                active_to = None
        host = SyntheticHost(self.ids[Host].take(), active_to, start)
        family_name = rng.choice(names.DUTCH_FAMILY_NAMES)
        self.rows[Host].append(
            (
                host.id,
                municipality.pk,
                f"Familie {family_name}",
                f"{rng.choice(names.DUTCH_STREETS)} {rng.randint(1, 300)}",
                f"{rng.randint(1000, 9999)} CD",
                municipality.name,
                f"{rng.choice(names.DUTCH_GIVEN_NAMES)} {family_name}",
                "",
                "",
                active_from,
                active_to,
                "",
            )
        )
        pool.append(host)
        return host

    # -- persons and households --------------------------------------------

    def member_specs(self) -> list[tuple]:
        """(role, sex, birth date, given Cyrillic, family Cyrillic, given Latin,
        family Latin, nationality, languages) for one household."""
        rng = self.random
        if rng.random() < 0.03:
            nationality, people, languages = rng.choice(names.THIRD_COUNTRY_PEOPLE)
            return [
                (
                    MemberRole.PARTNER,
                    sex,
                    self.day_between(D(1980, 1, 1), D(2003, 12, 31)),
                    "",
                    "",
                    given,
                    family,
                    nationality,
                    languages,
                )
                for given, family, sex in people
            ]
        family = rng.choice(names.UKRAINIAN_FAMILY_NAMES)
        languages = rng.choice([["uk"], ["uk", "ru"], ["uk", "en"], ["ru", "uk"]])
        size = rng.choices([1, 2, 3, 4, 5, 6], weights=[33, 25, 22, 12, 6, 2])[0]
        members = []

        def add(role, sex, first_year, last_year):
            given = rng.choice(names.UKRAINIAN_GIVEN_NAMES[sex])
            family_name = family[0] if sex == Sex.MALE else family[1]
            members.append(
                (
                    role,
                    sex,
                    self.day_between(D(first_year, 1, 1), D(last_year, 12, 31)),
                    given,
                    family_name,
                    "",
                    "",
                    "UA",
                    languages,
                )
            )

        if size == 1:
            sex = rng.choices([Sex.FEMALE, Sex.MALE], weights=[3, 2])[0]
            add(MemberRole.PARTNER, sex, *((1950, 1964) if sex == Sex.MALE else (1950, 2005)))
            return members
        add(MemberRole.PARTNER, Sex.FEMALE, 1975, 1998)
        second = rng.random()
        if second < 0.25:
            add(MemberRole.PARTNER, Sex.MALE, 1960, 1998)
        elif second < 0.35:
            add(MemberRole.PARTNER, Sex.FEMALE, 1945, 1965)  # grandmother
        elif second < 0.40:
            members[0] = (MemberRole.RESPONSIBLE_ADULT, *members[0][1:])
        while len(members) < size:
            add(MemberRole.CHILD, rng.choice([Sex.FEMALE, Sex.MALE]), 2006, 2025)
        return members

    def arrival_and_departure(self) -> tuple[datetime.date, datetime.date | None]:
        rng = self.random
        first, last = rng.choices(ARRIVAL_WINDOWS, weights=[40, 15, 20, 13, 9, 3])[0]
        arrival = self.day_between(first, last)
        departure = None
        if rng.random() < 0.4:
            departure = arrival + datetime.timedelta(days=rng.randint(60, 1200))
            if departure >= SYNTHETIC_TODAY:
                departure = None
        return arrival, departure

    def build_household(self, municipality: Organisation) -> int:
        rng = self.random
        specs = self.member_specs()
        arrival, departure = self.arrival_and_departure()
        household_id = self.ids[Household].take()
        created = self.stamp(arrival)
        person_ids, adults, payee = [], [], None
        for role, sex, birth, given_cyr, family_cyr, given_lat, family_lat, nat, langs in specs:
            person_id = self.ids[Person].take()
            given = given_lat or self.transliterated(given_cyr)
            family_name = family_lat or self.transliterated(family_cyr)
            adult = role != MemberRole.CHILD
            iban = ""
            if adult and rng.random() < 0.55:
                self.iban_number += rng.randint(1, 999)
                iban = dutch_iban(self.iban_number, rng.choice(DUTCH_BANK_CODES))
                payee = payee or person_id
            bsn = "" if rng.random() < 0.03 else next(self.bsns)
            self.rows[Person].append(
                (
                    person_id,
                    municipality.pk,
                    given,
                    family_name,
                    given_cyr,
                    family_cyr,
                    birth,
                    sex,
                    nat,
                    bsn,
                    langs,
                    "",
                    "",
                    iban,
                    "",
                    created,
                    created,
                    _search_key(given, family_name, given_cyr, family_cyr),
                )
            )
            self.rows[HouseholdMembership].append(
                (
                    self.ids[HouseholdMembership].take(),
                    household_id,
                    person_id,
                    role,
                    arrival,
                    None,
                )
            )
            person_ids.append(person_id)
            if adult:
                adults.append((person_id, birth))
        self.rows[Household].append(
            (
                household_id,
                municipality.pk,
                self.transliterated(specs[0][4]) if specs[0][4] else specs[0][6],
                payee,
                "",
                created,
            )
        )
        poo_segments = self.build_placements(municipality, person_ids, arrival, departure)
        self.build_incomes(adults, arrival)
        self.build_provisions(person_ids, poo_segments)
        return len(person_ids)

    # -- placements ----------------------------------------------------------

    def build_placements(self, municipality, person_ids, arrival, departure) -> list[tuple]:
        rng = self.random
        last_day = departure or SYNTHETIC_TODAY
        moves = rng.choices([0, 1, 2], weights=[55, 30, 15])[0]
        room = (last_day - arrival).days - 60
        if room < 30:
            moves = 0
        move_days = sorted(
            {arrival + datetime.timedelta(days=30 + rng.randint(0, room)) for _ in range(moves)}
        )
        segments, start = [], arrival
        for move_day in move_days:
            segments.append((start, move_day - ONE_DAY))
            start = move_day
        segments.append((start, departure))

        persons = len(person_ids)
        previous = None  # the last SyntheticLocation or SyntheticHost
        poo_segments = []
        while segments:
            start, end = segments.pop(0)
            # About one in five people lives with a host (POO) at any time.
            want_host = rng.random() < (0.12 if previous is None else 0.15)
            place = None if want_host else self.choose_location(municipality, start, previous)
            if place is None and not want_host:
                # Nothing open yet: a host takes them in until a location opens.
                opening = self.next_opening(municipality, start)
                if opening and (end is None or end > opening + datetime.timedelta(days=60)):
                    move_day = opening + datetime.timedelta(days=rng.randint(0, 60))
                    segments.insert(0, (move_day, end))
                    end = move_day - ONE_DAY
            if place is not None:
                if place.closed_on is not None and (end is None or end > place.closed_on):
                    segments.insert(0, (place.closed_on + ONE_DAY, end))
                    end = place.closed_on
                place.book(persons, start, end)
                location_id, host_id = place.id, None
            else:
                place = self.host_for(municipality, start, end)
                if place.active_to is not None and (end is None or end > place.active_to):
                    segments.insert(0, (place.active_to + ONE_DAY, end))
                    end = place.active_to
                place.free_from = None if end is None else end + ONE_DAY
                location_id, host_id = None, place.id
                poo_segments.append((start, end))
            for person_id in person_ids:
                self.rows[Placement].append(
                    (
                        self.ids[Placement].take(),
                        municipality.pk,
                        person_id,
                        location_id,
                        host_id,
                        start,
                        end,
                        False,
                        "",
                    )
                )
            previous = place
        return poo_segments

    def next_opening(self, municipality, day) -> datetime.date | None:
        return min(
            (loc.opened_on for loc in self.locations[municipality.pk] if loc.opened_on > day),
            default=None,
        )

    def choose_location(self, municipality, start, previous):
        candidates = [
            loc
            for loc in self.locations[municipality.pk]
            if loc is not previous
            and loc.opened_on <= start
            and (loc.closed_on is None or loc.closed_on >= start)
        ]
        if not candidates:
            return None  # nothing open yet: a host takes them in
        return self.random.choices(candidates, weights=[c.popularity for c in candidates])[0]

    # -- income and provisions ---------------------------------------------

    def build_incomes(self, adults, arrival) -> None:
        rng = self.random
        for person_id, birth in adults:
            if rng.random() >= 0.3 or birth.year < 1958:
                continue
            start = max(
                self.day_between(D(2023, 9, 1), D(2026, 6, 30)),
                arrival + datetime.timedelta(days=45),
            )
            if start >= SYNTHETIC_TODAY:
                continue
            is_work = rng.random() < 0.85
            amount = Decimal(
                rng.randrange(1100, 3000, 10) if is_work else rng.randrange(600, 1300, 10)
            ).quantize(Decimal("0.01"))
            end = None
            if rng.random() < 0.3:
                end = start + datetime.timedelta(days=rng.randint(90, 500))
                if end >= SYNTHETIC_TODAY:
                    end = None
            self.rows[IncomePeriod].append(
                (
                    self.ids[IncomePeriod].take(),
                    person_id,
                    IncomeKind.WORK if is_work else IncomeKind.BENEFIT,
                    amount,
                    start,
                    end,
                )
            )

    def build_provisions(self, person_ids, poo_segments) -> None:
        last_month = SYNTHETIC_TODAY.replace(day=1) - ONE_DAY
        months: list[datetime.date] = []
        for start, end in poo_segments:
            month = start.replace(day=1)
            stop = min(end or last_month, last_month)
            while month <= stop:
                if not months or months[-1] != month:
                    months.append(month)
                month = (month + datetime.timedelta(days=32)).replace(day=1)
        for person_id in person_ids:
            for month in months:
                # Most POO months have leefgeld paid; a few do not.
                if self.random.random() < 0.1:
                    continue
                self.rows[Provision].append(
                    (
                        self.ids[Provision].take(),
                        person_id,
                        month,
                        ProvisionKind.LEEFGELD,
                        "",
                    )
                )

    # -- all -------------------------------------------------------------------

    def generate(self) -> None:
        weights = self.municipality_weights()
        persons_each = allocate(self.target_persons, weights)
        location_total = max(
            len(self.municipalities), round(self.target_persons / PERSONS_PER_LOCATION)
        )
        locations_each = allocate(location_total, weights)
        for number, municipality in enumerate(self.municipalities):
            self.build_locations(municipality, locations_each[number])
            created = 0
            while created < persons_each[number]:
                created += self.build_household(municipality)
            self.capacity_rows(municipality)
            if (number + 1) % 50 == 0:
                self.write(
                    f"  generated {number + 1}/{len(self.municipalities)} municipalities, "
                    f"{len(self.rows[Person]):,} persons"
                )


# Columns in the order the generator fills its tuples.
COLUMNS = {
    Host: [
        "id",
        "municipality_id",
        "name",
        "address",
        "postcode",
        "city",
        "contact_name",
        "phone",
        "email",
        "active_from",
        "active_to",
        "notes",
    ],
    Location: [
        "id",
        "municipality_id",
        "name",
        "address",
        "postcode",
        "city",
        "kind",
        "catering",
        "opened_on",
        "closed_on",
        "notes",
    ],
    CapacityPeriod: ["id", "location_id", "start_date", "end_date", "places"],
    Person: [
        "id",
        "municipality_id",
        "given_names",
        "family_name",
        "given_names_cyrillic",
        "family_name_cyrillic",
        "birth_date",
        "sex",
        "nationality",
        "bsn",
        "languages",
        "phone",
        "email",
        "iban",
        "notes",
        "created_at",
        "updated_at",
        "search_key",
    ],
    Household: ["id", "municipality_id", "name", "payee_id", "notes", "created_at"],
    HouseholdMembership: ["id", "household_id", "person_id", "role", "start_date", "end_date"],
    Placement: [
        "id",
        "municipality_id",
        "person_id",
        "location_id",
        "host_id",
        "start_date",
        "end_date",
        "capacity_override",
        "override_reason",
    ],
    IncomePeriod: ["id", "person_id", "kind", "monthly_amount", "start_date", "end_date"],
    Provision: ["id", "person_id", "month", "kind", "description"],
}
# Rows are written without Person.save(), which keeps the key; names repeat
# across a national set, so each spelling is worked out once.
_search_key = functools.lru_cache(maxsize=200_000)(name_keys.search_key)

# The order that satisfies the foreign keys.
WRITE_ORDER = [
    Host,
    Location,
    CapacityPeriod,
    Person,
    Household,
    HouseholdMembership,
    Placement,
    IncomePeriod,
    Provision,
]


def _column_preparers(model) -> list[Callable]:
    """For databases without COPY: turn dates, timestamps, decimals and JSON
    into what the driver expects, the way the model fields would."""
    preparers = []
    for name in COLUMNS[model]:
        model_field = (
            model._meta.get_field(name.removesuffix("_id"))
            if name.endswith("_id")
            else model._meta.get_field(name)
        )
        if isinstance(
            model_field,
            models.DateTimeField | models.DateField | models.DecimalField | models.JSONField,
        ):
            preparers.append(lambda value, f=model_field: f.get_db_prep_save(value, connection))
        else:
            preparers.append(None)
    return preparers


def write_rows(model, rows: list[tuple], batch_size: int = 5000) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS[model])
    json_columns = [
        i
        for i, name in enumerate(COLUMNS[model])
        if isinstance(model._meta.get_field(name.removesuffix("_id")), models.JSONField)
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    if json_columns:
                        row = list(row)
                        for index in json_columns:
                            row[index] = json.dumps(row[index])
                    copy.write_row(row)
            return
        preparers = _column_preparers(model)
        placeholders = ", ".join(["%s"] * len(COLUMNS[model]))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        for first in range(0, len(rows), batch_size):
            cursor.executemany(
                sql,
                [
                    tuple(
                        prepare(value) if prepare and value is not None else value
                        for prepare, value in zip(preparers, row, strict=True)
                    )
                    for row in rows[first : first + batch_size]
                ],
            )


def registry_has_data() -> bool:
    return any(model.objects.exists() for model in (Person, Household, Location, Host))


def wipe_registry(write: Callable[[str], None]) -> None:
    """Delete every registry row (all municipalities), children first; other
    apps' rows that point at persons go with them through the ORM's cascade."""
    for model in reversed(WRITE_ORDER):
        deleted, _by_model = model.objects.all().delete()
        if deleted:
            write(f"  deleted {deleted:,} {model.__name__} rows (and dependants)")


def choose_municipalities(count: int) -> list[Organisation]:
    """All municipalities, or the `count` largest (known cities first, then by code)."""
    municipalities = list(Organisation.objects.municipalities().order_by("code"))
    if count >= len(municipalities):
        return municipalities
    known = sorted(
        (m for m in municipalities if m.code in LARGE_MUNICIPALITIES),
        key=lambda m: (-LARGE_MUNICIPALITIES[m.code], m.code),
    )
    others = [m for m in municipalities if m.code not in LARGE_MUNICIPALITIES]
    return sorted((known + others)[:count], key=lambda m: m.code)


def synthesize(
    seed: int, persons: int, municipality_count: int, write: Callable[[str], None] = print
) -> SyntheticSummary:
    summary = SyntheticSummary()
    municipalities = choose_municipalities(municipality_count)
    started = time.perf_counter()
    generator = Generator(seed, persons, municipalities, write)
    generator.generate()
    summary.seconds["generate"] = time.perf_counter() - started
    write(f"  generated in {summary.seconds['generate']:.1f} s")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Check foreign keys row by row while copying instead of queueing a
            # million deferred checks for the commit.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for model in WRITE_ORDER:
            began = time.perf_counter()
            rows = generator.rows[model]
            write_rows(model, rows)
            summary.counts[model._meta.label] = len(rows)
            summary.seconds[model._meta.label] = time.perf_counter() - began
            write(
                f"  wrote {len(rows):>9,} {model.__name__} rows "
                f"in {summary.seconds[model._meta.label]:.1f} s"
            )
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), WRITE_ORDER):
                cursor.execute(statement)
        began = time.perf_counter()
    summary.seconds["commit"] = time.perf_counter() - began
    write(f"  committed in {summary.seconds['commit']:.1f} s")
    if connection.vendor == "postgresql":
        began = time.perf_counter()
        with connection.cursor() as cursor:
            for model in WRITE_ORDER:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        summary.seconds["analyze"] = time.perf_counter() - began
        write(f"  analyzed in {summary.seconds['analyze']:.1f} s")
    summary.seconds["total"] = time.perf_counter() - started
    return summary


def rows_for_comparison(models_to_read: Iterable[type[models.Model]] = WRITE_ORDER):
    """Every synthesized row, ordered by key: two runs with one seed must match."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values_list(*COLUMNS[model]))
        for model in models_to_read
    }
