"""The scenario document: one municipality over one period, the engine's only input.

``parse_scenario(dict) -> Scenario`` validates and builds frozen dataclasses;
``scenario_to_dict(Scenario) -> dict`` writes the canonical document back (the
Django side stores it as a snapshot; ``parse_scenario(scenario_to_dict(s)) == s``).
Every range is inclusive (see :mod:`.dates`); ``"to": null`` is an open end.
Bad input raises :class:`ScenarioError` whose ``field`` is a path such as
``placements[1].from``. The format is documented field by field in
``docs/rules-scenarios.md``.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .dates import DateRange, Month
from .errors import ScenarioError
from .money import to_decimal
from .rights import DEPARTURE_TERM_ENDED, OTHER, REASONS, NoRight

__all__ = [
    "ActualCostGoo",
    "Capacity",
    "Host",
    "Household",
    "Income",
    "Location",
    "Membership",
    "OtherCost",
    "Person",
    "Placement",
    "Policy",
    "Provision",
    "Scenario",
    "ScenarioError",
    "parse_scenario",
    "scenario_to_dict",
]

OTHER_COST_CATEGORIES = (
    "transition",
    "purchased_services",
    "actual_hotel_ship_catering",
    "actual_cost_goo",
)
INCOME_KINDS = ("work", "benefit", "allowance", "other")
PARTIAL_MONTH_RULES = ("pro_rata", "whole_month_if_present_on_first")
# How leefgeld and eigen bijdrage go down between zero income and the income
# thresholds (rooo.income.threshold_factor); see income_band.py.
INCOME_BAND_RULES = ("derived", "keep_plus_15", "all_or_nothing")
# The window RooO gave municipalities to switch to the 2023-02-01 eetgeld table
# (parameter rooo.eetgeld.switch_2023_latest); fixed in law, so checked here.
SWITCH_2023_EARLIEST = date(2023, 2, 1)
SWITCH_2023_LATEST = date(2023, 4, 1)

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MUNICIPALITY_RE = re.compile(r"^GM\d{4}$")
_ID_RE = re.compile(r"^\S(.{0,98}\S)?$")


# -- the document as dataclasses -------------------------------------------------


@dataclass(frozen=True)
class Capacity:
    range: DateRange
    places: int


@dataclass(frozen=True)
class Location:
    id: str
    kind: str
    catering: bool
    capacity: tuple[Capacity, ...]
    opened: date | None = None
    closed: date | None = None

    @property
    def open_range(self) -> DateRange:
        """The days the location exists; without dates, always."""
        return DateRange(self.opened or date.min, self.closed)


@dataclass(frozen=True)
class Host:
    id: str


@dataclass(frozen=True)
class Person:
    id: str
    birth_date: date
    # Days without a right to municipal reception and leefgeld (rights.py).
    no_reception_right: tuple[NoRight, ...] = ()

    def no_right_on(self, day: date) -> NoRight | None:
        for period in self.no_reception_right:
            if period.range.contains(day):
                return period
        return None

    def age_on(self, day: date) -> int:
        # A birthday on 29 February is reached on 1 March in other years.
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday

    def is_minor_on(self, day: date) -> bool:
        return self.age_on(day) < 18


@dataclass(frozen=True)
class Membership:
    person: str
    range: DateRange


@dataclass(frozen=True)
class Household:
    id: str
    members: tuple[Membership, ...]


@dataclass(frozen=True)
class Placement:
    """A person's stay in a municipal location (GOO) or with a host (POO)."""

    person: str
    range: DateRange
    location: str | None = None
    host: str | None = None

    @property
    def is_private(self) -> bool:
        return self.host is not None


@dataclass(frozen=True)
class Provision:
    person: str
    month: Month
    kind: str


@dataclass(frozen=True)
class Income:
    person: str
    kind: str
    range: DateRange
    monthly_amount: Decimal


@dataclass(frozen=True)
class OtherCost:
    category: str
    amount: Decimal
    description: str
    evidence: str = ""
    month: Month | None = None
    location: str | None = None


@dataclass(frozen=True)
class ActualCostGoo:
    enabled: bool = False
    reason: str = ""


@dataclass(frozen=True)
class Policy:
    actual_cost_goo: ActualCostGoo = ActualCostGoo()
    leefgeld_paid_poo: Decimal | None = None
    household_income_stop: bool = True
    partial_month: str = "pro_rata"
    switch_2023_date: date | None = None
    income_band: str = "derived"


@dataclass(frozen=True)
class Scenario:
    municipality: str
    period: DateRange  # always closed
    locations: tuple[Location, ...] = ()
    hosts: tuple[Host, ...] = ()
    persons: tuple[Person, ...] = ()
    households: tuple[Household, ...] = ()
    placements: tuple[Placement, ...] = ()
    provisions: tuple[Provision, ...] = ()
    incomes: tuple[Income, ...] = ()
    other_costs: tuple[OtherCost, ...] = ()
    policy: Policy = Policy()
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def person(self, person_id: str) -> Person:
        for person in self.persons:
            if person.id == person_id:
                return person
        raise KeyError(person_id)


# -- parsing ------------------------------------------------------------------------

TOP_LEVEL = {
    "municipality",
    "period",
    "locations",
    "hosts",
    "persons",
    "households",
    "placements",
    "provisions",
    "incomes",
    "other_costs",
    "policy",
    "meta",
}


def parse_scenario(raw: Any) -> Scenario:
    doc = _mapping(raw, "", required={"municipality", "period"}, optional=TOP_LEVEL)
    municipality = doc["municipality"]
    if not isinstance(municipality, str) or not _MUNICIPALITY_RE.match(municipality):
        raise ScenarioError(
            "municipality", f"not a CBS municipality code (GMnnnn) {municipality!r}"
        )
    period = _range(_mapping(doc["period"], "period", {"from", "to"}, {"from", "to"}), "period")

    hosts = tuple(_host(item, path) for path, item in _items(doc, "hosts"))
    persons = tuple(
        _person_fast(item) or _person(item, f"persons[{index}]")
        for index, item in enumerate(_list(doc, "persons"))
    )
    locations = tuple(_location(item, path) for path, item in _items(doc, "locations"))
    for name, things in (("hosts", hosts), ("persons", persons), ("locations", locations)):
        _unique_ids(name, things)
    known = {
        "person": {p.id for p in persons},
        "host": {h.id for h in hosts},
        "location": {loc.id for loc in locations},
    }

    households = tuple(
        _household_fast(item, known) or _household(item, f"households[{index}]", known)
        for index, item in enumerate(_list(doc, "households"))
    )
    _unique_ids("households", households)
    _no_overlap(
        (
            ((h, m), member.person, member.range)
            for h, household in enumerate(households)
            for m, member in enumerate(household.members)
        ),
        lambda key: f"households[{key[0]}].members[{key[1]}]",
    )
    placements = tuple(
        _placement_fast(item, known) or _placement(item, f"placements[{index}]", known)
        for index, item in enumerate(_list(doc, "placements"))
    )
    _no_overlap(
        ((i, placement.person, placement.range) for i, placement in enumerate(placements)),
        lambda key: f"placements[{key}]",
    )
    provisions = tuple(
        _provision_fast(item, known) or _provision(item, f"provisions[{index}]", known)
        for index, item in enumerate(_list(doc, "provisions"))
    )
    incomes = tuple(_income(item, path, known) for path, item in _items(doc, "incomes"))
    policy = _policy(doc.get("policy", {}))
    other_costs = tuple(
        _other_cost(item, path, known, period, policy) for path, item in _items(doc, "other_costs")
    )
    meta = doc.get("meta", {})
    if not isinstance(meta, dict):
        raise ScenarioError("meta", "expected an object")
    return Scenario(
        municipality,
        period,
        locations,
        hosts,
        persons,
        households,
        placements,
        provisions,
        incomes,
        other_costs,
        policy,
        dict(meta),
    )


_PROVISION_KEYS = frozenset({"person", "month", "kind"})
_PLACEMENT_REQUIRED = frozenset({"person", "from"})
_PLACEMENT_KEYS = frozenset({"person", "location", "host", "from", "to"})
_PERSON_KEYS = frozenset({"id", "birth_date"})
_PERSON_OPTIONAL = frozenset({"id", "birth_date", "no_reception_right"})
_NO_RIGHT_KEYS = frozenset({"from", "to", "reason", "situation", "deadline", "closure", "note"})


# -- fast paths ----------------------------------------------------------------------
# A national run parses hundreds of thousands of items. For the large lists a
# fast reader accepts the well-formed item and returns None for anything else;
# the full reader below then reads that item again and raises the error naming
# the field. A fast reader never raises and accepts nothing the full reader
# refuses, so results and errors are the same as with the full readers alone.


def _opt_day(raw: Any) -> tuple[bool, date | None]:
    """(ok, day) for an optional "to": None, or a valid date text."""
    if raw is None:
        return True, None
    if type(raw) is str:
        day = _date_text(raw)
        return day is not None, day
    return False, None


def _span_fast(item: dict) -> DateRange | None:
    start = item.get("from")
    if type(start) is not str:
        return None
    first = _date_text(start)
    if first is None:
        return None
    ok, last = _opt_day(item.get("to"))
    if not ok or (last is not None and last < first):
        return None
    return DateRange(first, last)


def _person_fast(raw: Any) -> Person | None:
    if type(raw) is not dict or len(raw) != 2:
        return None
    pid, birth = raw.get("id"), raw.get("birth_date")
    if type(pid) is not str or type(birth) is not str or not _ID_RE.match(pid):
        return None
    day = _date_text(birth)
    return Person(pid, day) if day is not None else None


def _member_fast(raw: Any, persons: set[str]) -> Membership | None:
    if type(raw) is not dict or not raw.keys() <= _MEMBER_KEYS:
        return None
    person = raw.get("person")
    if type(person) is not str or person not in persons:
        return None
    span = _span_fast(raw)
    return Membership(person, span) if span is not None else None


def _household_fast(raw: Any, known: dict[str, set[str]]) -> Household | None:
    if type(raw) is not dict or len(raw) != 2:
        return None
    hid, members = raw.get("id"), raw.get("members")
    if type(hid) is not str or type(members) is not list or not _ID_RE.match(hid):
        return None
    persons = known["person"]
    out = []
    for member in members:
        parsed = _member_fast(member, persons)
        if parsed is None:
            return None
        out.append(parsed)
    return Household(hid, tuple(out))


def _placement_fast(raw: Any, known: dict[str, set[str]]) -> Placement | None:
    if type(raw) is not dict or not raw.keys() <= _PLACEMENT_KEYS:
        return None
    person = raw.get("person")
    if type(person) is not str or person not in known["person"]:
        return None
    location, host = raw.get("location"), raw.get("host")
    if ("location" in raw) == ("host" in raw):
        return None
    if location is not None:
        if type(location) is not str or location not in known["location"]:
            return None
    elif type(host) is not str or host not in known["host"]:
        return None
    span = _span_fast(raw)
    return Placement(person, span, location, host) if span is not None else None


def _provision_fast(raw: Any, known: dict[str, set[str]]) -> Provision | None:
    if type(raw) is not dict or len(raw) != 3:
        return None
    person, month, kind = raw.get("person"), raw.get("month"), raw.get("kind")
    if (
        type(person) is not str
        or type(month) is not str
        or type(kind) is not str
        or person not in known["person"]
    ):
        return None
    kind = kind.strip()
    parsed = _month_text(month)
    if not kind or parsed is None:
        return None
    return Provision(person, parsed, kind)


_MEMBER_KEYS = frozenset({"person", "from", "to"})


def _host(raw: Any, path: str) -> Host:
    return Host(_id(_mapping(raw, path, {"id"}, {"id"})["id"], f"{path}.id"))


def _person(raw: Any, path: str) -> Person:
    item = _mapping(raw, path, _PERSON_KEYS, _PERSON_OPTIONAL)
    periods = tuple(
        _no_right(entry, entry_path)
        for entry_path, entry in _items(item, "no_reception_right", prefix=path)
    )
    for i, first in enumerate(periods):
        for j in range(i + 1, len(periods)):
            if first.range.overlaps(periods[j].range):
                raise ScenarioError(
                    f"{path}.no_reception_right[{j}]", f"overlaps {path}.no_reception_right[{i}]"
                )
    return Person(
        _id(item["id"], f"{path}.id"),
        _date(item["birth_date"], f"{path}.birth_date"),
        tuple(sorted(periods, key=lambda p: p.range.start)),
    )


def _no_right(raw: Any, path: str) -> NoRight:
    item = _mapping(raw, path, {"from", "reason"}, _NO_RIGHT_KEYS)
    reason = item["reason"]
    if reason not in REASONS:
        raise ScenarioError(f"{path}.reason", f"must be one of {', '.join(REASONS)}")
    texts = {}
    for key in ("situation", "closure", "note"):
        value = item.get(key, "")
        if not isinstance(value, str):
            raise ScenarioError(f"{path}.{key}", "must be text")
        texts[key] = value.strip()
    deadline = _opt_date(item.get("deadline"), f"{path}.deadline")
    if reason == DEPARTURE_TERM_ENDED and deadline is None:
        raise ScenarioError(f"{path}.deadline", "required for departure_term_ended")
    if reason == OTHER and not texts["note"]:
        raise ScenarioError(f"{path}.note", "required text for reason other")
    return NoRight(
        _range(item, path),
        reason,
        situation=texts["situation"],
        deadline=deadline,
        closure=texts["closure"],
        note=texts["note"],
    )


def _location(raw: Any, path: str) -> Location:
    item = _mapping(
        raw,
        path,
        {"id", "kind", "capacity"},
        {"id", "kind", "catering", "capacity", "opened", "closed"},
    )
    kind = item["kind"]
    if not isinstance(kind, str) or not kind.strip():
        raise ScenarioError(f"{path}.kind", "required text, e.g. 'building', 'hotel', 'ship'")
    catering = item.get("catering", False)
    if not isinstance(catering, bool):
        raise ScenarioError(f"{path}.catering", "must be true or false")
    opened = _opt_date(item.get("opened"), f"{path}.opened")
    closed = _opt_date(item.get("closed"), f"{path}.closed")
    if opened and closed and closed < opened:
        raise ScenarioError(f"{path}.closed", f"before opened ({opened.isoformat()})")
    capacity = []
    for cap_path, cap_raw in _items(item, "capacity", prefix=path):
        cap = _mapping(cap_raw, cap_path, {"from", "places"}, {"from", "to", "places"})
        places = cap["places"]
        if isinstance(places, bool) or not isinstance(places, int) or places < 0:
            raise ScenarioError(
                f"{cap_path}.places", f"must be a whole number >= 0, not {places!r}"
            )
        capacity.append(Capacity(_range(cap, cap_path), places))
    for i, first in enumerate(capacity):
        for j in range(i + 1, len(capacity)):
            if first.range.overlaps(capacity[j].range):
                raise ScenarioError(f"{path}.capacity[{j}]", f"overlaps {path}.capacity[{i}]")
    return Location(
        _id(item["id"], f"{path}.id"), kind.strip(), catering, tuple(capacity), opened, closed
    )


def _household(raw: Any, path: str, known: dict[str, set[str]]) -> Household:
    item = _mapping(raw, path, {"id", "members"}, {"id", "members"})
    members = []
    for member_path, member_raw in _items(item, "members", prefix=path):
        member = _mapping(member_raw, member_path, {"person", "from"}, {"person", "from", "to"})
        person = _ref(member["person"], f"{member_path}.person", "person", known)
        members.append(Membership(person, _range(member, member_path)))
    return Household(_id(item["id"], f"{path}.id"), tuple(members))


def _placement(raw: Any, path: str, known: dict[str, set[str]]) -> Placement:
    item = _mapping(raw, path, _PLACEMENT_REQUIRED, _PLACEMENT_KEYS)
    if ("location" in item) == ("host" in item):
        raise ScenarioError(path, "needs exactly one of 'location' (GOO) or 'host' (POO)")
    person = _ref(item["person"], f"{path}.person", "person", known)
    location = host = None
    if "location" in item:
        location = _ref(item["location"], f"{path}.location", "location", known)
    else:
        host = _ref(item["host"], f"{path}.host", "host", known)
    return Placement(person, _range(item, path), location, host)


def _provision(raw: Any, path: str, known: dict[str, set[str]]) -> Provision:
    item = _mapping(raw, path, _PROVISION_KEYS, _PROVISION_KEYS)
    kind = item["kind"]
    if not isinstance(kind, str) or not kind.strip():
        raise ScenarioError(f"{path}.kind", "required text")
    return Provision(
        _ref(item["person"], f"{path}.person", "person", known),
        _month(item["month"], f"{path}.month"),
        kind.strip(),
    )


def _income(raw: Any, path: str, known: dict[str, set[str]]) -> Income:
    item = _mapping(
        raw,
        path,
        {"person", "kind", "from", "monthly_amount"},
        {"person", "kind", "from", "to", "monthly_amount"},
    )
    if item["kind"] not in INCOME_KINDS:
        raise ScenarioError(f"{path}.kind", f"must be one of {', '.join(INCOME_KINDS)}")
    return Income(
        _ref(item["person"], f"{path}.person", "person", known),
        item["kind"],
        _range(item, path),
        _amount(item["monthly_amount"], f"{path}.monthly_amount"),
    )


def _other_cost(
    raw: Any, path: str, known: dict[str, set[str]], period: DateRange, policy: Policy
) -> OtherCost:
    item = _mapping(
        raw,
        path,
        {"category", "amount", "description"},
        {"category", "amount", "description", "evidence", "month", "location"},
    )
    category = item["category"]
    if category not in OTHER_COST_CATEGORIES:
        raise ScenarioError(
            f"{path}.category", f"must be one of {', '.join(OTHER_COST_CATEGORIES)}"
        )
    if category == "actual_cost_goo" and not policy.actual_cost_goo.enabled:
        raise ScenarioError(
            f"{path}.category", "actual_cost_goo lines need policy.actual_cost_goo.enabled"
        )
    description = item["description"]
    if not isinstance(description, str) or not description.strip():
        raise ScenarioError(f"{path}.description", "required text")
    evidence = item.get("evidence", "")
    if not isinstance(evidence, str):
        raise ScenarioError(f"{path}.evidence", "must be text")
    month = None
    if item.get("month") is not None:
        month = _month(item["month"], f"{path}.month")
        if not period.overlaps(month.range):
            raise ScenarioError(f"{path}.month", f"{month} is outside the period")
    location = None
    if item.get("location") is not None:
        location = _ref(item["location"], f"{path}.location", "location", known)
    return OtherCost(
        category,
        _amount(item["amount"], f"{path}.amount"),
        description.strip(),
        evidence.strip(),
        month,
        location,
    )


def _policy(raw: Any) -> Policy:
    item = _mapping(
        raw,
        "policy",
        set(),
        {
            "actual_cost_goo",
            "leefgeld_paid_poo",
            "household_income_stop",
            "partial_month",
            "switch_2023_date",
            "income_band",
        },
    )
    actual = ActualCostGoo()
    if "actual_cost_goo" in item:
        acg = _mapping(
            item["actual_cost_goo"], "policy.actual_cost_goo", {"enabled"}, {"enabled", "reason"}
        )
        if not isinstance(acg["enabled"], bool):
            raise ScenarioError("policy.actual_cost_goo.enabled", "must be true or false")
        reason = acg.get("reason", "")
        if not isinstance(reason, str) or (acg["enabled"] and not reason.strip()):
            raise ScenarioError(
                "policy.actual_cost_goo.reason",
                "required text when actual costs are claimed (BooO art. 3 lid 2)",
            )
        actual = ActualCostGoo(acg["enabled"], reason.strip())
    leefgeld = None
    if item.get("leefgeld_paid_poo") is not None:
        leefgeld = _amount(item["leefgeld_paid_poo"], "policy.leefgeld_paid_poo")
    stop = item.get("household_income_stop", True)
    if not isinstance(stop, bool):
        raise ScenarioError("policy.household_income_stop", "must be true or false")
    partial = item.get("partial_month", "pro_rata")
    if partial not in PARTIAL_MONTH_RULES:
        raise ScenarioError(
            "policy.partial_month", f"must be one of {', '.join(PARTIAL_MONTH_RULES)}"
        )
    switch = _opt_date(item.get("switch_2023_date"), "policy.switch_2023_date")
    if switch and not SWITCH_2023_EARLIEST <= switch <= SWITCH_2023_LATEST:
        raise ScenarioError("policy.switch_2023_date", "must be between 2023-02-01 and 2023-04-01")
    band = item.get("income_band", "derived")
    if band not in INCOME_BAND_RULES:
        raise ScenarioError("policy.income_band", f"must be one of {', '.join(INCOME_BAND_RULES)}")
    return Policy(actual, leefgeld, stop, partial, switch, band)


# -- small readers; each error names the field path -------------------------------------


def _mapping(
    raw: Any, path: str, required: AbstractSet[str], optional: AbstractSet[str]
) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ScenarioError(path, "expected an object")
    # Fast path (a national run parses hundreds of thousands of items): every
    # required key present and no unknown key. Otherwise the checks below find
    # the first problem in a stable order.
    get = raw.get
    for key in required:
        if get(key) is None:
            break
    else:
        # All required keys and nothing else, or only allowed keys.
        if len(raw) == len(required) or raw.keys() <= optional:
            return raw
    for key in sorted(required):
        if raw.get(key) is None:
            raise ScenarioError(_join(path, key), "required")
    unknown = sorted(set(raw) - optional - required)
    if unknown:
        raise ScenarioError(_join(path, unknown[0]), "unknown field")
    return raw


def _items(doc: dict[str, Any], key: str, prefix: str = ""):
    path = _join(prefix, key)
    items = doc.get(key, [])
    if not isinstance(items, list):
        raise ScenarioError(path, "expected a list")
    return [(f"{path}[{index}]", item) for index, item in enumerate(items)]


def _list(doc: dict[str, Any], key: str) -> list:
    """The list under `key` (top level); items are read with their index."""
    items = doc.get(key, [])
    if not isinstance(items, list):
        raise ScenarioError(key, "expected a list")
    return items


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _id(raw: Any, path: str) -> str:
    if not isinstance(raw, str) or not _ID_RE.match(raw):
        raise ScenarioError(path, f"not an id (text without surrounding spaces) {raw!r}")
    return raw


def _ref(raw: Any, path: str, kind: str, known: dict[str, set[str]]) -> str:
    if not isinstance(raw, str) or raw not in known[kind]:
        raise ScenarioError(path, f"unknown {kind} {raw!r}")
    return raw


def _unique_ids(name: str, things) -> None:
    seen: set[str] = set()
    for index, thing in enumerate(things):
        if thing.id in seen:
            raise ScenarioError(f"{name}[{index}].id", f"duplicate id {thing.id!r}")
        seen.add(thing.id)


def _no_overlap(entries, path_of) -> None:
    """A person is in one household and in one place at a time. `entries` are
    (key, person, range); `path_of(key)` names the field (only on an error)."""
    by_person: dict[str, list[tuple[Any, DateRange]]] = defaultdict(list)
    for key, person, span in entries:
        for other_key, other in by_person[person]:
            if span.overlaps(other):
                raise ScenarioError(
                    path_of(key), f"overlaps {path_of(other_key)} for person {person!r}"
                )
        by_person[person].append((key, span))


@functools.lru_cache(maxsize=65536)
def _date_text(raw: str) -> date | None:
    """The day written as YYYY-MM-DD, None if it is not one (cached: a
    national scenario repeats the same few thousand dates)."""
    if _DATE_RE.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    return None


def _date(raw: Any, path: str) -> date:
    if isinstance(raw, str):
        day = _date_text(raw)
        if day is not None:
            return day
    raise ScenarioError(path, f"not a date {raw!r}")


def _opt_date(raw: Any, path: str) -> date | None:
    return None if raw is None else _date(raw, path)


@functools.lru_cache(maxsize=4096)
def _month_text(raw: str) -> Month | None:
    try:
        return Month.parse(raw)
    except ValueError:
        return None


def _month(raw: Any, path: str) -> Month:
    month = _month_text(raw) if isinstance(raw, str) else None
    if month is None:
        raise ScenarioError(path, f"not a month (YYYY-MM) {raw!r}")
    return month


def _range(item: dict[str, Any], path: str) -> DateRange:
    """``from``/``to`` of an object whose keys were already checked."""
    start = _date(item["from"], f"{path}.from")
    end = _opt_date(item.get("to"), f"{path}.to")
    if end is not None and end < start:
        raise ScenarioError(f"{path}.to", f"before from ({start.isoformat()})")
    return DateRange(start, end)


def _amount(raw: Any, path: str) -> Decimal:
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        raise ScenarioError(path, f'write amounts as a string like "1800.00", not {raw!r}')
    try:
        amount = to_decimal(raw)
    except (TypeError, ValueError):
        raise ScenarioError(path, f"not an amount {raw!r}") from None
    if amount < 0:
        raise ScenarioError(path, "must not be negative")
    if amount != amount.quantize(Decimal("0.01")):
        raise ScenarioError(path, "at most two decimals")
    return amount


# -- writing back ---------------------------------------------------------------------


def _range_dict(span: DateRange) -> dict[str, str | None]:
    return {"from": span.start.isoformat(), "to": span.end.isoformat() if span.end else None}


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The canonical document: optional fields only when they differ from the default."""

    def location(loc: Location) -> dict[str, Any]:
        out: dict[str, Any] = {"id": loc.id, "kind": loc.kind, "catering": loc.catering}
        if loc.opened:
            out["opened"] = loc.opened.isoformat()
        if loc.closed:
            out["closed"] = loc.closed.isoformat()
        out["capacity"] = [{**_range_dict(c.range), "places": c.places} for c in loc.capacity]
        return out

    def person(p: Person) -> dict[str, Any]:
        out: dict[str, Any] = {"id": p.id, "birth_date": p.birth_date.isoformat()}
        if p.no_reception_right:
            out["no_reception_right"] = [n.to_dict() for n in p.no_reception_right]
        return out

    def placement(p: Placement) -> dict[str, Any]:
        where = {"location": p.location} if p.location else {"host": p.host}
        return {"person": p.person, **where, **_range_dict(p.range)}

    def other_cost(c: OtherCost) -> dict[str, Any]:
        out: dict[str, Any] = {
            "category": c.category,
            "amount": str(c.amount),
            "description": c.description,
        }
        if c.evidence:
            out["evidence"] = c.evidence
        if c.month:
            out["month"] = str(c.month)
        if c.location:
            out["location"] = c.location
        return out

    policy: dict[str, Any] = {}
    p, default = scenario.policy, Policy()
    if p.actual_cost_goo != default.actual_cost_goo:
        policy["actual_cost_goo"] = {
            "enabled": p.actual_cost_goo.enabled,
            "reason": p.actual_cost_goo.reason,
        }
    if p.leefgeld_paid_poo is not None:
        policy["leefgeld_paid_poo"] = str(p.leefgeld_paid_poo)
    if p.household_income_stop != default.household_income_stop:
        policy["household_income_stop"] = p.household_income_stop
    if p.partial_month != default.partial_month:
        policy["partial_month"] = p.partial_month
    if p.switch_2023_date:
        policy["switch_2023_date"] = p.switch_2023_date.isoformat()
    if p.income_band != default.income_band:
        policy["income_band"] = p.income_band

    out: dict[str, Any] = {
        "municipality": scenario.municipality,
        "period": _range_dict(scenario.period),
        "locations": [location(loc) for loc in scenario.locations],
        "hosts": [{"id": h.id} for h in scenario.hosts],
        "persons": [person(p) for p in scenario.persons],
        "households": [
            {
                "id": h.id,
                "members": [{"person": m.person, **_range_dict(m.range)} for m in h.members],
            }
            for h in scenario.households
        ],
        "placements": [placement(pl) for pl in scenario.placements],
        "provisions": [
            {"person": pr.person, "month": str(pr.month), "kind": pr.kind}
            for pr in scenario.provisions
        ],
        "incomes": [
            {
                "person": i.person,
                "kind": i.kind,
                **_range_dict(i.range),
                "monthly_amount": str(i.monthly_amount),
            }
            for i in scenario.incomes
        ],
        "other_costs": [other_cost(c) for c in scenario.other_costs],
        "policy": policy,
    }
    if scenario.meta:
        out["meta"] = dict(scenario.meta)
    return out
