"""The demo dataset: three municipalities with locations, hosts, about 150
persons in households, placements, income and provisions, plus staff logins.

Every record goes through the model layer (full_clean) and every placement
through registry.services.check_placement, so the demo never shows data the
platform itself would refuse.

One small loader per topic, run in the order of DEMO_LOADERS. Another app adds
its part of the demo with the `demo_loader` decorator (imported from its
AppConfig.ready), e.g. payment runs that build on these persons."""

import base64
import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from openopvang.accounts.models import Organisation, Role, User
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
from openopvang.registry.services import check_placement

from . import names
from .identifiers import DUTCH_BANK_CODES, bsn_sequence, dutch_iban
from .transliteration import transliterate

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)

DEMO_SEED = 2026
DEMO_PASSWORD = "demo-opvang-2026"
# Twenty fixed bytes, so every demo user's authenticator shows the same codes.
DEMO_TOTP_KEY = b"open-opvang-demo-otp"
DEMO_TOTP_SECRET = base64.b32encode(DEMO_TOTP_KEY).decode("ascii")
# The same device name the login flow gives devices it enrols.
TOTP_DEVICE_NAME = "default"


def demo_url() -> str:
    """Where `openopvang serve` listens ($OPENOPVANG_BIND), as the demo prints it."""
    from openopvang.cli import bind_address

    return f"http://{bind_address()}"


# code → (login prefix, persons to create)
DEMO_MUNICIPALITIES = {
    "GM0344": ("utrecht", 50),
    "GM0363": ("amsterdam", 60),
    "GM0014": ("groningen", 40),
}
MUNICIPAL_ROLES = [
    ("coordinator", Role.COORDINATOR),
    ("finance", Role.FINANCE),
    ("finance2", Role.FINANCE),  # the second pair of eyes for payment runs
    ("caseworker", Role.CASEWORKER),
    ("admin", Role.ADMINISTRATOR),
]
OTHER_LOGINS = [
    ("vwn.worker", Role.NGO_WORKER, "VWN"),
    ("noo.viewer", Role.NATIONAL_VIEWER, "NOO"),
    # Maintains the dated parameters (amounts and their references).
    ("noo.admin", Role.ADMINISTRATOR, "NOO"),
]

# Demo BSNs start at 200000007; synthetic ones elsewhere (see synthetic.py).
DEMO_BSN_PREFIX = 20_000_000


@dataclass
class DemoLogin:
    username: str
    role: str
    organisation: str


@dataclass
class DemoHousehold:
    household: Household
    members: list[Person]
    arrival: datetime.date
    departure: datetime.date | None


@dataclass
class DemoContext:
    """What the loaders share: the demo municipalities and what earlier loaders
    created. `today` anchors the few dates that must be relative to now (the
    child who turns 18 soon; nothing starts after today)."""

    today: datetime.date
    municipalities: dict[str, Organisation]
    seed: int = DEMO_SEED
    write: Callable[[str], None] = print
    logins: list[DemoLogin] = field(default_factory=list)
    locations: dict[str, list[Location]] = field(default_factory=dict)
    hosts: dict[str, list[Host]] = field(default_factory=dict)
    households: dict[str, list[DemoHousehold]] = field(default_factory=dict)
    unplaced_households: int = 0

    def random(self, topic: str) -> random.Random:
        # One generator per topic: adding a loader does not change the others' data.
        return random.Random(f"{self.seed}:{topic}")


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Callable[[DemoContext], None]
    wipe: Callable[[list[Organisation]], None] | None = None


DEMO_LOADERS: list[DemoLoader] = []


def demo_loader(name: str, wipe: Callable[[list[Organisation]], None] | None = None):
    def register(load: Callable[[DemoContext], None]):
        DEMO_LOADERS.append(DemoLoader(name=name, load=load, wipe=wipe))
        return load

    return register


def saved(instance):
    instance.full_clean()
    instance.save()
    return instance


def demo_usernames() -> list[str]:
    usernames = [
        f"{prefix}.{suffix}"
        for prefix, _n in DEMO_MUNICIPALITIES.values()
        for suffix, _role in MUNICIPAL_ROLES
    ]
    return usernames + [username for username, _role, _org in OTHER_LOGINS]


def demo_municipalities() -> dict[str, Organisation]:
    found = Organisation.objects.in_bulk(list(DEMO_MUNICIPALITIES), field_name="code")
    missing = sorted(set(DEMO_MUNICIPALITIES) - set(found))
    if missing:
        raise RuntimeError(f"Municipalities {', '.join(missing)} are missing; run migrate first.")
    return found


def is_loaded() -> bool:
    return User.objects.filter(username__in=demo_usernames()).exists()


def load_demo(today: datetime.date, write: Callable[[str], None] = print) -> DemoContext:
    context = DemoContext(today=today, municipalities=demo_municipalities(), write=write)
    with transaction.atomic():
        for loader in DEMO_LOADERS:
            loader.load(context)
    return context


def wipe_demo(write: Callable[[str], None] = print) -> None:
    municipalities = list(demo_municipalities().values())
    with transaction.atomic():
        for loader in reversed(DEMO_LOADERS):
            if loader.wipe is not None:
                loader.wipe(municipalities)
    write("Removed the demo data of " + ", ".join(m.name for m in municipalities) + ".")


def demo_logins() -> list[DemoLogin]:
    users = User.objects.filter(username__in=demo_usernames()).select_related("organisation")
    by_name = {user.username: user for user in users}
    return [
        DemoLogin(name, by_name[name].get_role_display(), str(by_name[name].organisation))
        for name in demo_usernames()
        if name in by_name
    ]


# --- staff ------------------------------------------------------------------


# Demo users are kept on --reset: audit events point at them and are append-only.
@demo_loader("staff")
def load_staff(context: DemoContext) -> None:
    rng = context.random("staff")
    accounts = []
    # A debtor account at BNG Bank, as municipalities have, so a SEPA file
    # can be made in the demo, and a (made-up) postal address for letters and
    # invoices; the administrators can change both.
    for number, municipality in enumerate(context.municipalities.values(), start=1):
        if not municipality.iban:
            municipality.iban = dutch_iban(28_500_000 + number, "BNGH")
            municipality.bic = "BNGHNL2G"
        if not municipality.street_address:
            municipality.letter_name = f"Gemeente {municipality.name}, team Opvang"
            municipality.street_address = f"Postbus {1000 + number}"
            municipality.postcode = f"{3500 + number * 10} AA"
            municipality.city = municipality.name
        saved(municipality)
    for code, (prefix, _persons) in DEMO_MUNICIPALITIES.items():
        for suffix, role in MUNICIPAL_ROLES:
            accounts.append((f"{prefix}.{suffix}", role, context.municipalities[code]))
    for username, role, org_code in OTHER_LOGINS:
        accounts.append((username, role, Organisation.objects.get(code=org_code)))
    # Hashing is slow on purpose; every demo login shares one password, so hash it once.
    password_hash = make_password(DEMO_PASSWORD)
    for username, role, organisation in accounts:
        first_name, last_name = rng.choice(names.DUTCH_STAFF_NAMES)
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.last_name = first_name, last_name
        user.email, user.organisation, user.role = f"{username}@example.org", organisation, role
        user.password, user.is_active = password_hash, True
        saved(user)
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(
            user=user, name=TOTP_DEVICE_NAME, key=DEMO_TOTP_KEY.hex(), confirmed=True
        )
        context.logins.append(DemoLogin(username, user.get_role_display(), str(organisation)))
    context.write(f"  staff: {len(accounts)} logins with a TOTP device")


# --- locations --------------------------------------------------------------

# code → (name, kind, catering, address, postcode, city, opened, closed, [(from, to, places)])
DEMO_LOCATIONS = {
    "GM0344": [
        (
            "Opvang Croeselaan",
            LocationKind.BUILDING,
            False,
            "Croeselaan 100",
            "3521 BJ",
            "Utrecht",
            D(2022, 4, 1),
            None,
            [
                (D(2022, 4, 1), D(2023, 6, 30), 30),
                (D(2023, 7, 1), D(2024, 12, 31), 40),
                (D(2025, 1, 1), None, 28),
            ],
        ),
        (
            "Hotel Oudenrijn",
            LocationKind.HOTEL,
            True,
            "Oudenrijnseweg 12",
            "3541 AA",
            "Utrecht",
            D(2022, 3, 15),
            None,
            [(D(2022, 3, 15), D(2024, 3, 31), 20), (D(2024, 4, 1), None, 12)],
        ),
        (
            "Flexwoningen Leidsche Rijn",
            LocationKind.FLEXWONINGEN,
            False,
            "Lage Weide 8",
            "3545 BT",
            "Utrecht",
            D(2024, 2, 1),
            None,
            [(D(2024, 2, 1), D(2025, 8, 31), 16), (D(2025, 9, 1), None, 24)],
        ),
    ],
    "GM0363": [
        (
            "Hotelschip IJhaven",
            LocationKind.SHIP,
            True,
            "IJhaven 40",
            "1019 BV",
            "Amsterdam",
            D(2022, 5, 1),
            None,
            [
                (D(2022, 5, 1), D(2023, 12, 31), 35),
                (D(2024, 1, 1), D(2025, 12, 31), 30),
                (D(2026, 1, 1), None, 20),
            ],
        ),
        (
            "Opvang Sloterdijk",
            LocationKind.BUILDING,
            False,
            "Transformatorweg 30",
            "1014 AK",
            "Amsterdam",
            D(2022, 3, 10),
            None,
            [(D(2022, 3, 10), D(2024, 6, 30), 40), (D(2024, 7, 1), None, 30)],
        ),
        (
            "Flexwoningen Zeeburgereiland",
            LocationKind.FLEXWONINGEN,
            False,
            "Zuiderzeeweg 5",
            "1095 KK",
            "Amsterdam",
            D(2023, 9, 1),
            None,
            [(D(2023, 9, 1), D(2025, 2, 28), 24), (D(2025, 3, 1), None, 32)],
        ),
    ],
    "GM0014": [
        # Closed in 2024: its residents move to Zernike, which grows at the same time.
        (
            "Opvangschip Eemskanaal",
            LocationKind.SHIP,
            True,
            "Eemskanaal NZ 2",
            "9713 AA",
            "Groningen",
            D(2022, 4, 15),
            D(2024, 9, 30),
            [(D(2022, 4, 15), D(2023, 12, 31), 24), (D(2024, 1, 1), D(2024, 9, 30), 16)],
        ),
        (
            "Opvang Zernike",
            LocationKind.BUILDING,
            False,
            "Zernikelaan 20",
            "9747 AA",
            "Groningen",
            D(2022, 3, 20),
            None,
            [(D(2022, 3, 20), D(2024, 9, 30), 25), (D(2024, 10, 1), None, 40)],
        ),
    ],
}


def wipe_locations(municipalities):
    Location.objects.filter(municipality__in=municipalities).delete()


@demo_loader("locations", wipe=wipe_locations)
def load_locations(context: DemoContext) -> None:
    count = 0
    for code, specs in DEMO_LOCATIONS.items():
        municipality = context.municipalities[code]
        context.locations[code] = []
        for name, kind, catering, address, postcode, city, opened, closed, periods in specs:
            location = saved(
                Location(
                    municipality=municipality,
                    name=name,
                    kind=kind,
                    catering=catering,
                    address=address,
                    postcode=postcode,
                    city=city,
                    opened_on=opened,
                    closed_on=closed,
                )
            )
            for start, end, places in periods:
                saved(
                    CapacityPeriod(location=location, start_date=start, end_date=end, places=places)
                )
            context.locations[code].append(location)
            count += 1
    context.write(f"  locations: {count} GOO locations with their capacity over time")


# --- hosts ------------------------------------------------------------------


def wipe_hosts(municipalities):
    Host.objects.filter(municipality__in=municipalities).delete()


@demo_loader("hosts", wipe=wipe_hosts)
def load_hosts(context: DemoContext) -> None:
    rng = context.random("hosts")
    count = 0
    for code, municipality in context.municipalities.items():
        context.hosts[code] = []
        family_names = rng.sample(names.DUTCH_FAMILY_NAMES, rng.randint(3, 5))
        for number, family_name in enumerate(family_names):
            active_from = D(2022, 3, 1) + datetime.timedelta(days=rng.randint(0, 300))
            # Every other host stopped hosting at some point.
            active_to = (
                D(2025, 6, 30) + datetime.timedelta(days=rng.randint(0, 365))
                if number % 2
                else None
            )
            if active_to and active_to >= context.today:
                active_to = None
            city = municipality.name
            host = saved(
                Host(
                    municipality=municipality,
                    name=f"Familie {family_name}",
                    address=f"{rng.choice(names.DUTCH_STREETS)} {rng.randint(1, 180)}",
                    postcode=f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"
                    f"{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}",
                    city=city,
                    contact_name=f"{rng.choice(names.DUTCH_GIVEN_NAMES)} {family_name}",
                    email=f"host{number + 1}.{code.lower()}@example.org",
                    active_from=active_from,
                    active_to=active_to,
                )
            )
            context.hosts[code].append(host)
            count += 1
    context.write(f"  hosts: {count} POO host households")


# --- persons and households -------------------------------------------------


@dataclass
class MemberSpec:
    role: str
    sex: str
    birth_date: datetime.date
    given_cyrillic: str = ""
    family_cyrillic: str = ""
    given_latin: str = ""
    family_latin: str = ""
    nationality: str = "UA"
    languages: list[str] = field(default_factory=lambda: ["uk"])


def _birth_date(rng: random.Random, first_year: int, last_year: int) -> datetime.date:
    start, end = D(first_year, 1, 1), D(last_year, 12, 31)
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _turns_18_on(day: datetime.date) -> datetime.date:
    """The birth date of someone whose 18th birthday is `day`."""
    try:
        return day.replace(year=day.year - 18)
    except ValueError:  # 29 February in a year that is not a leap year
        return day.replace(year=day.year - 18, day=28)


def _ukrainian(rng, role, sex, birth_date, family) -> MemberSpec:
    given = rng.choice(names.UKRAINIAN_GIVEN_NAMES[sex])
    family_name = family[0] if sex == Sex.MALE else family[1]
    languages = rng.choice([["uk"], ["uk", "ru"], ["uk", "en"], ["ru", "uk"], ["uk", "en", "nl"]])
    return MemberSpec(
        role=role,
        sex=sex,
        birth_date=birth_date,
        given_cyrillic=given,
        family_cyrillic=family_name,
        languages=languages,
    )


def household_specs(rng: random.Random, today: datetime.date) -> list[MemberSpec]:
    """One household of a realistic composition: mostly mothers with children,
    some couples, grandmothers, single adults, an adult responsible for a
    minor relative, and a few third-country nationals."""
    kind = rng.choices(
        [
            "mother_children",
            "couple_children",
            "three_generations",
            "single",
            "responsible_adult",
            "third_country",
        ],
        weights=[36, 18, 8, 22, 6, 10],
    )[0]
    family = rng.choice(names.UKRAINIAN_FAMILY_NAMES)
    if kind == "third_country":
        nationality, people, languages = rng.choice(names.THIRD_COUNTRY_PEOPLE)
        members = []
        for given, family_name, sex in people:
            members.append(
                MemberSpec(
                    role=MemberRole.PARTNER,
                    sex=sex,
                    birth_date=_birth_date(rng, 1985, 2002),
                    given_latin=given,
                    family_latin=family_name,
                    nationality=nationality,
                    languages=list(languages),
                )
            )
        return members
    if kind == "single":
        sex = rng.choices([Sex.FEMALE, Sex.MALE], weights=[3, 2])[0]
        years = (1950, 1964) if sex == Sex.MALE else (1955, 2004)  # men of 18–60 rarely left
        return [_ukrainian(rng, MemberRole.PARTNER, sex, _birth_date(rng, *years), family)]
    if kind == "responsible_adult":
        return [
            _ukrainian(
                rng, MemberRole.RESPONSIBLE_ADULT, Sex.FEMALE, _birth_date(rng, 1960, 1985), family
            ),
            _ukrainian(
                rng,
                MemberRole.CHILD,
                rng.choice([Sex.FEMALE, Sex.MALE]),
                _birth_date(rng, 2010, 2016),
                family,
            ),
        ]
    members = []
    if kind == "three_generations":
        members.append(
            _ukrainian(rng, MemberRole.PARTNER, Sex.FEMALE, _birth_date(rng, 1948, 1962), family)
        )
    members.append(
        _ukrainian(rng, MemberRole.PARTNER, Sex.FEMALE, _birth_date(rng, 1978, 1996), family)
    )
    if kind == "couple_children":
        members.append(
            _ukrainian(rng, MemberRole.PARTNER, Sex.MALE, _birth_date(rng, 1960, 1990), family)
        )
    for _child in range(rng.choices([1, 2, 3], weights=[5, 4, 2])[0]):
        members.append(
            _ukrainian(
                rng,
                MemberRole.CHILD,
                rng.choice([Sex.FEMALE, Sex.MALE]),
                _birth_date(rng, 2008, min(2025, today.year - 1)),
                family,
            )
        )
    return members


def wipe_households(municipalities):
    Household.objects.filter(municipality__in=municipalities).delete()
    Person.objects.filter(municipality__in=municipalities).delete()


@demo_loader("households", wipe=wipe_households)
def load_households(context: DemoContext) -> None:
    rng = context.random("households")
    bsns = bsn_sequence(DEMO_BSN_PREFIX + context.seed % 1000 * 1000)
    iban_number = 40_000_000
    person_count = household_count = 0
    for code, (_prefix, target) in DEMO_MUNICIPALITIES.items():
        municipality = context.municipalities[code]
        context.households[code] = []
        created = 0
        while created < target:
            specs = household_specs(rng, context.today)
            if code == "GM0344" and not context.households[code]:
                # The first Utrecht family has a daughter who turns 18 in about five
                # weeks: from then on leefgeld counts her as an adult.
                specs = [
                    _ukrainian(
                        rng,
                        MemberRole.PARTNER,
                        Sex.FEMALE,
                        D(1983, 5, 14),
                        names.UKRAINIAN_FAMILY_NAMES[0],
                    ),
                    _ukrainian(
                        rng,
                        MemberRole.CHILD,
                        Sex.FEMALE,
                        _turns_18_on(context.today + datetime.timedelta(days=36)),
                        names.UKRAINIAN_FAMILY_NAMES[0],
                    ),
                    _ukrainian(
                        rng,
                        MemberRole.CHILD,
                        Sex.MALE,
                        D(2015, 9, 2),
                        names.UKRAINIAN_FAMILY_NAMES[0],
                    ),
                ]
            latest_arrival = min(D(2025, 10, 31), context.today - datetime.timedelta(days=30))
            arrival = D(2023, 1, 9) + datetime.timedelta(
                days=rng.randint(0, (latest_arrival - D(2023, 1, 9)).days)
            )
            departure = None
            if rng.random() < 0.35:
                departure = arrival + datetime.timedelta(days=rng.randint(90, 800))
                if departure >= context.today:
                    departure = None
            persons = []
            for spec in specs:
                given = spec.given_latin or transliterate(spec.given_cyrillic)
                family_name = spec.family_latin or transliterate(spec.family_cyrillic)
                adult = spec.role != MemberRole.CHILD
                iban = ""
                if adult and rng.random() < 0.6:
                    iban_number += rng.randint(1, 9_999)
                    iban = dutch_iban(iban_number, rng.choice(DUTCH_BANK_CODES))
                persons.append(
                    saved(
                        Person(
                            municipality=municipality,
                            given_names=given,
                            family_name=family_name,
                            given_names_cyrillic=spec.given_cyrillic,
                            family_name_cyrillic=spec.family_cyrillic,
                            birth_date=spec.birth_date,
                            sex=spec.sex,
                            nationality=spec.nationality,
                            # A few recent arrivals are not yet registered in the BRP.
                            bsn="" if rng.random() < 0.05 else next(bsns),
                            languages=spec.languages,
                            iban=iban,
                            email=demo_email(given, family_name, rng)
                            if adult and rng.random() < 0.4
                            else "",
                        )
                    )
                )
            household = saved(Household(municipality=municipality, name=persons[0].family_name))
            for person, spec in zip(persons, specs, strict=True):
                saved(
                    HouseholdMembership(
                        household=household, person=person, role=spec.role, start_date=arrival
                    )
                )
            household.payee = next((p for p in persons if p.iban), None)
            if household.payee:
                household.save(update_fields=["payee"])
            context.households[code].append(DemoHousehold(household, persons, arrival, departure))
            created += len(persons)
            household_count += 1
        person_count += created
    context.write(f"  households: {household_count} households, {person_count} persons")


# --- placements -------------------------------------------------------------


def wipe_placements(municipalities):
    Placement.objects.filter(municipality__in=municipalities).delete()


def _split_stay(rng, start, end, today) -> list[tuple[datetime.date, datetime.date | None]]:
    """A stay [start, end] (end None: still here) as 1–3 consecutive segments."""
    last_day = end or today
    moves = rng.choices([0, 1, 2], weights=[45, 40, 15])[0]
    room = (last_day - start).days - 60
    if room < 30:
        moves = 0
    move_days = (
        sorted({start + datetime.timedelta(days=30 + rng.randint(0, room)) for _ in range(moves)})
        if moves
        else []
    )
    segments, segment_start = [], start
    for move_day in move_days:
        segments.append((segment_start, move_day - ONE_DAY))
        segment_start = move_day
    segments.append((segment_start, end))
    return segments


def _try_place(household: DemoHousehold, start, end, *, location=None, host=None) -> bool:
    """Place every member for [start, end] or nobody (one savepoint)."""
    try:
        with transaction.atomic():
            for person in household.members:
                placement = Placement(
                    municipality=household.household.municipality,
                    person=person,
                    location=location,
                    host=host,
                    start_date=start,
                    end_date=end,
                )
                placement.full_clean()
                check_placement(placement)
                placement.save()
    except ValidationError:
        return False
    return True


def demo_email(given: str, family_name: str, rng) -> str:
    return f"{given}.{family_name}.{rng.randint(10, 99)}@example.org".lower().replace(" ", "")


def _available_until(place) -> datetime.date | None:
    return place.closed_on if isinstance(place, Location) else place.active_to


def _candidates(rng, context, code, start, previous):
    """Places in the order we try them: usually a GOO location, sometimes a
    host (about one in five), a different place than the previous one."""

    def usable(place):
        if place is previous:
            return False
        if isinstance(place, Location):
            return place.opened_on <= start and (
                place.closed_on is None or place.closed_on >= start
            )
        return place.active_from <= start and (place.active_to is None or place.active_to >= start)

    locations = [p for p in context.locations[code] if usable(p)]
    hosts = [p for p in context.hosts[code] if usable(p)]
    rng.shuffle(locations)
    rng.shuffle(hosts)
    host_first = rng.random() < (0.5 if isinstance(previous, Location) else 0.2)
    if isinstance(previous, Host):
        host_first = False
    return hosts + locations if host_first else locations + hosts


@demo_loader("placements", wipe=wipe_placements)
def load_placements(context: DemoContext) -> None:
    rng = context.random("placements")
    count = 0
    busy_hosts: dict[int, list[tuple[datetime.date, datetime.date | None]]] = {}

    def host_is_free(host, start, end):
        # One household per host at a time: not a rule of the platform, but how
        # private reception works.
        for busy_start, busy_end in busy_hosts.get(host.pk, []):
            if (busy_end is None or busy_end >= start) and (end is None or end >= busy_start):
                return False
        return True

    for code, households in context.households.items():
        for household in households:
            segments = _split_stay(rng, household.arrival, household.departure, context.today)
            previous = None
            placed_any = False
            while segments:
                start, end = segments.pop(0)
                placed = False
                for place in _candidates(rng, context, code, start, previous):
                    until = _available_until(place)
                    segment_end = end
                    if until is not None and (end is None or end > until):
                        segment_end = until
                    if isinstance(place, Host) and not host_is_free(place, start, segment_end):
                        continue
                    kind = {"location": place} if isinstance(place, Location) else {"host": place}
                    if _try_place(household, start, segment_end, **kind):
                        if segment_end != end:
                            # The place closes or the host stops: the household moves on.
                            segments.insert(0, (segment_end + ONE_DAY, end))
                        if isinstance(place, Host):
                            busy_hosts.setdefault(place.pk, []).append((start, segment_end))
                        count += len(household.members)
                        previous, placed, placed_any = place, True, True
                        break
                if not placed:
                    # Nowhere to go: the household checks out of municipal reception.
                    break
            if not placed_any:
                context.unplaced_households += 1
    context.write(f"  placements: {count} (moves, hosts and check-outs included)")


# --- income -----------------------------------------------------------------


def wipe_incomes(municipalities):
    IncomePeriod.objects.filter(person__municipality__in=municipalities).delete()


def _money(rng, low, high) -> Decimal:
    return Decimal(rng.randrange(low, high, 10)).quantize(Decimal("0.01"))


@demo_loader("incomes", wipe=wipe_incomes)
def load_incomes(context: DemoContext) -> None:
    rng = context.random("incomes")
    count = 0
    for households in context.households.values():
        for household in households:
            for person in household.members:
                if person.age_on(D(2024, 6, 1)) < 18 or person.age_on(D(2024, 6, 1)) > 66:
                    continue
                if rng.random() > 0.4:
                    continue
                start = max(
                    D(2024, 5, 1) + datetime.timedelta(days=rng.randint(0, 300)),
                    household.arrival + datetime.timedelta(days=60),
                )
                if start >= context.today:
                    continue
                salary = _money(rng, 1200, 2600)
                end = None
                if rng.random() < 0.3:
                    end = start + datetime.timedelta(days=rng.randint(180, 420))
                    if end >= context.today:
                        end = None
                saved(
                    IncomePeriod(
                        person=person,
                        kind=IncomeKind.WORK,
                        start_date=start,
                        end_date=end,
                        monthly_amount=salary,
                    )
                )
                count += 1
                if end is not None and rng.random() < 0.6:
                    # After the job: a benefit for a few months.
                    benefit_end = end + datetime.timedelta(days=rng.randint(90, 180))
                    saved(
                        IncomePeriod(
                            person=person,
                            kind=IncomeKind.BENEFIT,
                            start_date=end + ONE_DAY,
                            end_date=benefit_end if benefit_end < context.today else None,
                            monthly_amount=(salary * Decimal("0.7")).quantize(Decimal("0.01")),
                        )
                    )
                    count += 1
    context.write(f"  income: {count} income periods (work from mid-2024, some benefits)")


# --- provisions -------------------------------------------------------------


def wipe_provisions(municipalities):
    Provision.objects.filter(person__municipality__in=municipalities).delete()


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """First days of the months that [start, end] touches."""
    month, months = start.replace(day=1), []
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def run_months(today: datetime.date) -> list[datetime.date]:
    """The months of the demo's payment runs (demo/money.py): the last quarter
    of last year, the latest months whose leefgeld amounts are known (2026's are
    not published yet). Their provisions come from the runs."""
    return [datetime.date(today.year - 1, month, 1) for month in (10, 11, 12)]


@demo_loader("provisions", wipe=wipe_provisions)
def load_provisions(context: DemoContext) -> None:
    rng = context.random("provisions")
    municipalities = list(context.municipalities.values())
    poo_placements = (
        Placement.objects.filter(municipality__in=municipalities, host__isnull=False)
        .select_related("person")
        .order_by("person_id", "start_date")
    )
    last_month = context.today.replace(day=1) - ONE_DAY
    paid_in_runs = set(run_months(context.today))
    seen: set[tuple[int, datetime.date]] = set()
    provisions = []
    for placement in poo_placements:
        for month in months_between(
            placement.start_date, min(placement.end_date or last_month, last_month)
        ):
            key = (placement.person_id, month)
            # Most POO months have leefgeld paid; a few are missing (a host who
            # covered food, a late registration).
            if key in seen or month in paid_in_runs or rng.random() < 0.15:
                continue
            seen.add(key)
            provision = Provision(
                person=placement.person,
                month=month,
                kind=ProvisionKind.LEEFGELD,
                description=f"Leefgeld {month:%Y-%m}",
            )
            # The person was created in this transaction and each (person, month)
            # comes once (`seen`); the database constraint guards the rest.
            provision.full_clean(exclude=["person"], validate_constraints=False)
            provisions.append(provision)
    Provision.objects.bulk_create(provisions, batch_size=500)
    context.write(f"  provisions: {len(provisions)} POO person-months with leefgeld")
