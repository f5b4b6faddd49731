"""The registry's door into the rules engine: build the scenario document
(docs/rules-scenarios.md) for one or many municipalities over one period.

One query per table for any number of municipalities, plain tuples only, so a
national run reads each row once. Ids are prefixed with their kind
(P12 person, H3 household, L5 location, G7 host) and map back with `parse_ref`."""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Q

from openopvang.accounts.models import Organisation
from openopvang.plugins import Registry

from .models import (
    CapacityPeriod,
    Host,
    HouseholdMembership,
    IncomePeriod,
    Location,
    Person,
    Placement,
    Provision,
)

PREFIX = {"person": "P", "household": "H", "location": "L", "host": "G"}
_KINDS = {prefix: kind for kind, prefix in PREFIX.items()}


# Case data, an extension point for apps above the registry (casework registers
# in its AppConfig.ready): ``function(person_ids, municipality_ids, start, end)
# -> {person pk: [period, ...]}``, the periods of `persons[].no_reception_right`
# (docs/rules-scenarios.md) that overlap [start, end], read set-based (one query
# for the whole batch). The registry calls them without importing the app.
RightSource = Callable[[set[int], list[int], datetime.date, datetime.date], dict[int, list[dict]]]
right_sources: Registry[RightSource] = Registry("reception right source")


def ref(kind: str, pk: int) -> str:
    return f"{PREFIX[kind]}{pk}"


def parse_ref(value: str) -> tuple[str, int]:
    """'P12' → ('person', 12); 'person:P12' (a person outside any household) → ('person', 12)."""
    value = value.split(":")[-1]
    return _KINDS[value[0]], int(value[1:])


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _overlaps(
    start: datetime.date, end: datetime.date, start_field="start_date", end_field="end_date"
) -> Q:
    return Q(**{f"{start_field}__lte": end}) & (
        Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": start})
    )


def build_scenarios(
    municipalities,
    start: datetime.date,
    end: datetime.date,
    policies: dict[int, dict] | None = None,
    *,
    booo_only: bool = False,
    persons: Iterable[int] | None = None,
) -> dict[int, dict]:
    """{municipality pk: scenario document} for [start, end] (inclusive).

    Persons are those placed in the period; their households come along with
    every membership overlapping the period (household size counts only
    members placed that day, which the engine decides).

    `booo_only` leaves out what the BooO does not depend on — GOO placements,
    households and incomes (GOO is paid on realised capacity, POO on host
    placements and provisions) — so a national run reads a fraction of the rows.

    `persons` (person pks) limits the scenario to those persons: their
    placements, memberships, incomes and provisions (the person page passes the
    members of one household, so it reads that household, not the municipality).
    Households are listed with the memberships of these persons only."""
    ids = [m.pk if isinstance(m, Organisation) else m for m in municipalities]
    only = sorted(set(persons)) if persons is not None else None
    codes = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "code"))
    docs: dict[int, dict] = {
        pk: {
            "municipality": codes[pk],
            "period": {"from": start.isoformat(), "to": end.isoformat()},
            "locations": [],
            "hosts": [],
            "persons": [],
            "households": [],
            "placements": [],
            "provisions": [],
            "incomes": [],
            "policy": dict((policies or {}).get(pk, {})),
        }
        for pk in ids
    }

    capacity = defaultdict(list)
    for location_id, s, e, places in (
        CapacityPeriod.objects.filter(location__municipality_id__in=ids)
        .filter(_overlaps(start, end))
        .values_list("location_id", "start_date", "end_date", "places")
        .order_by("location_id", "start_date")
    ):
        capacity[location_id].append({"from": s.isoformat(), "to": _iso(e), "places": places})
    for pk, municipality_id, kind, catering, opened, closed in (
        Location.objects.filter(municipality_id__in=ids)
        .filter(_overlaps(start, end, "opened_on", "closed_on"))
        .values_list("pk", "municipality_id", "kind", "catering", "opened_on", "closed_on")
        .order_by("pk")
    ):
        docs[municipality_id]["locations"].append(
            {
                "id": ref("location", pk),
                "kind": kind,
                "catering": catering,
                "capacity": capacity.get(pk, []),
                "opened": opened.isoformat(),
                "closed": _iso(closed),
            }
        )

    host_ids = set()
    person_municipality: dict[int, int] = {}
    placements = Placement.objects.filter(municipality_id__in=ids).filter(_overlaps(start, end))
    if booo_only:
        placements = placements.filter(host__isnull=False)
    if only is not None:
        placements = placements.filter(person_id__in=only)
    # booo_only: only persons with a host placement are listed, so persons and
    # provisions are read for those alone (a semi-join in the database) rather
    # than for every person of the municipalities.
    placed = placements.values("person_id") if booo_only else None
    for person_id, municipality_id, location_id, host_id, s, e in placements.values_list(
        "person_id", "municipality_id", "location_id", "host_id", "start_date", "end_date"
    ).order_by("person_id", "start_date"):
        placement = {"person": ref("person", person_id), "from": s.isoformat(), "to": _iso(e)}
        if location_id:
            placement["location"] = ref("location", location_id)
        else:
            placement["host"] = ref("host", host_id)
            host_ids.add(host_id)
        docs[municipality_id]["placements"].append(placement)
        person_municipality[person_id] = municipality_id
    # A placement at a location outside the period's opening still needs the location.
    known_locations = {loc["id"] for doc in docs.values() for loc in doc["locations"]}
    for doc in docs.values():
        for placement in doc["placements"]:
            if "location" in placement and placement["location"] not in known_locations:
                pk = parse_ref(placement["location"])[1]
                location = Location.objects.get(pk=pk)
                doc["locations"].append(
                    {
                        "id": placement["location"],
                        "kind": location.kind,
                        "catering": location.catering,
                        "capacity": capacity.get(pk, []),
                        "opened": location.opened_on.isoformat(),
                        "closed": _iso(location.closed_on),
                    }
                )
                known_locations.add(placement["location"])
    for pk, municipality_id in (
        Host.objects.filter(pk__in=host_ids).values_list("pk", "municipality_id").order_by("pk")
    ):
        docs[municipality_id]["hosts"].append({"id": ref("host", pk)})

    # Households of the placed persons, with every member in the period.
    members = defaultdict(list)
    household_municipality = {}
    memberships = HouseholdMembership.objects.filter(household__municipality_id__in=ids)
    if booo_only:
        memberships = memberships.none()
    if only is not None:
        memberships = memberships.filter(person_id__in=only)
    for household_id, municipality_id, person_id, s, e in (
        memberships.filter(_overlaps(start, end))
        .values_list(
            "household_id", "household__municipality_id", "person_id", "start_date", "end_date"
        )
        .order_by("household_id", "start_date", "person_id")
    ):
        members[household_id].append((person_id, s, e))
        household_municipality[household_id] = municipality_id
    listed_persons: dict[int, set[int]] = defaultdict(set)
    for person_id, municipality_id in person_municipality.items():
        listed_persons[municipality_id].add(person_id)
    for household_id, rows in members.items():
        municipality_id = household_municipality[household_id]
        if not any(person_id in listed_persons[municipality_id] for person_id, _s, _e in rows):
            continue
        docs[municipality_id]["households"].append(
            {
                "id": ref("household", household_id),
                "members": [
                    {"person": ref("person", person_id), "from": s.isoformat(), "to": _iso(e)}
                    for person_id, s, e in rows
                ],
            }
        )
        listed_persons[municipality_id].update(person_id for person_id, _s, _e in rows)

    # Read the municipalities' persons in one scan rather than by a list of
    # tens of thousands of ids; keep those the scenario refers to.
    birth_dates = {}
    person_rows = Person.objects.filter(municipality_id__in=ids)
    if placed is not None:
        person_rows = person_rows.filter(pk__in=placed)
    if only is not None:
        person_rows = person_rows.filter(pk__in=only)
    for pk, birth_date in person_rows.values_list("pk", "birth_date"):
        birth_dates[pk] = birth_date
    for municipality_id, listed in listed_persons.items():
        missing = [pk for pk in listed if pk not in birth_dates]
        if missing:  # a household member registered elsewhere
            extra = Person.objects.filter(pk__in=missing).values_list("pk", "birth_date")
            birth_dates.update(extra)
        docs[municipality_id]["persons"] = [
            {"id": ref("person", pk), "birth_date": birth_dates[pk].isoformat()}
            for pk in sorted(listed)
        ]
    # POO person-months follow the right to reception as leefgeld does.
    _add_case_data(docs, listed_persons, ids, start, end)

    incomes = IncomePeriod.objects.filter(person__municipality_id__in=ids)
    if booo_only:
        incomes = incomes.none()
    if only is not None:
        incomes = incomes.filter(person_id__in=only)
    for person_id, municipality_id, kind, s, e, amount in (
        incomes.filter(_overlaps(start, end))
        .values_list(
            "person_id",
            "person__municipality_id",
            "kind",
            "start_date",
            "end_date",
            "monthly_amount",
        )
        .order_by("person_id", "start_date")
    ):
        if person_id in listed_persons[municipality_id]:
            docs[municipality_id]["incomes"].append(
                {
                    "person": ref("person", person_id),
                    "kind": kind,
                    "from": s.isoformat(),
                    "to": _iso(e),
                    "monthly_amount": str(amount),
                }
            )

    provisions = Provision.objects.filter(
        person__municipality_id__in=ids, month__gte=start.replace(day=1), month__lte=end
    )
    if placed is not None:
        provisions = provisions.filter(person_id__in=placed)
    if only is not None:
        provisions = provisions.filter(person_id__in=only)
    month_texts: dict[datetime.date, str] = {}
    for person_id, municipality_id, month, kind in provisions.values_list(
        "person_id", "person__municipality_id", "month", "kind"
    ).order_by("person_id", "month"):
        if person_id in listed_persons[municipality_id]:
            text = month_texts.get(month)
            if text is None:
                text = month_texts[month] = month.strftime("%Y-%m")
            docs[municipality_id]["provisions"].append(
                {
                    "person": f"P{person_id}",
                    "month": text,
                    "kind": kind,
                }
            )
    return docs


def _add_case_data(
    docs: dict[int, dict],
    listed_persons: dict[int, set[int]],
    ids: list[int],
    start: datetime.date,
    end: datetime.date,
) -> None:
    """Each listed person's periods without a right to municipal reception
    (`persons[].no_reception_right`), from the registered right sources."""
    if not right_sources:
        return
    everyone = {pk for listed in listed_persons.values() for pk in listed}
    if not everyone:
        return
    periods: dict[int, list[dict]] = defaultdict(list)
    for source in right_sources.plugins():
        for person_id, found in source(everyone, ids, start, end).items():
            periods[person_id].extend(found)
    if not periods:
        return
    for doc in docs.values():
        for person in doc["persons"]:
            found = periods.get(parse_ref(person["id"])[1])
            if found:
                person["no_reception_right"] = sorted(found, key=lambda p: p["from"])


def build_scenario(
    municipality,
    start: datetime.date,
    end: datetime.date,
    policy: dict | None = None,
    *,
    booo_only: bool = False,
) -> dict:
    pk = municipality.pk if isinstance(municipality, Organisation) else municipality
    return build_scenarios([pk], start, end, {pk: policy or {}}, booo_only=booo_only)[pk]
