"""Registry reads for the staff UI. Every function takes the user and starts
from `Model.objects.for_user(user)`, so nothing outside the user's
organisation is ever read."""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openopvang.core import formatting
from openopvang.core.names import search_terms

from .models import (
    UKRAINE,
    CapacityPeriod,
    Host,
    Household,
    HouseholdMembership,
    IncomePeriod,
    Location,
    Person,
    Placement,
    Provision,
)

THIRD_COUNTRY = "third_country"

PERSON_SORTS = {
    "name": ("family_name", "given_names", "id"),
    "-name": ("-family_name", "-given_names", "-id"),
    "birth_date": ("birth_date", "id"),
    "-birth_date": ("-birth_date", "-id"),
    "nationality": ("nationality", "family_name", "id"),
    "-nationality": ("-nationality", "family_name", "id"),
}

_BSN = re.compile(r"^\d{8,9}$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_search_date(text: str) -> datetime.date | None:
    """dd-mm-yyyy (Dutch habit) or yyyy-mm-dd (ISO); None if it is neither."""
    text = text.strip()
    if match := _DAY_FIRST.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _YEAR_FIRST.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _case_variants(word: str) -> set[str]:
    # SQLite's LIKE folds case for ASCII only, so "олена" would miss "Олена";
    # trying the usual spellings keeps Cyrillic search working there too.
    return {word, word.lower(), word.upper(), word.capitalize()}


NAME_FIELDS = ("given_names", "family_name", "given_names_cyrillic", "family_name_cyrillic")


def _name_query(word: str) -> Q:
    query = Q()
    for variant in _case_variants(word):
        for field in NAME_FIELDS:
            query |= Q(**{f"{field}__icontains": variant})
    # Another spelling of the same name (Kowalenko, Aleksandr, Коваленко):
    # the sound codes of the word in the person's search key (ADR 0015).
    for term in search_terms(word):
        query |= Q(search_key__contains=term)
    return query


def search_names(queryset: QuerySet, text: str, field: str = "name") -> QuerySet:
    """Rows whose `field` holds every word of `text` (any case, also Cyrillic on SQLite)."""
    for word in (text or "").split():
        query = Q()
        for variant in _case_variants(word):
            query |= Q(**{f"{field}__icontains": variant})
        queryset = queryset.filter(query)
    return queryset


def search_persons(persons: QuerySet, text: str) -> QuerySet:
    """One search box: BSN, birth date, or name words (Latin or Cyrillic); every
    word must match one of the names."""
    text = (text or "").strip()
    if not text:
        return persons
    compact = text.replace(" ", "").replace(".", "")
    if _BSN.match(compact):
        return persons.filter(bsn=compact.zfill(9))
    if (day := parse_search_date(text)) is not None:
        return persons.filter(birth_date=day)
    for word in text.split():
        persons = persons.filter(_name_query(word))
    return persons


PICKER_LIMIT = 20
_BSN_FRAGMENT = re.compile(r"^\d{3,9}$")


def pick_persons(
    persons: QuerySet, text: str, *, identifying: bool = True, limit: int = PICKER_LIMIT
) -> tuple[list[Person], bool]:
    """The person picker's matches among `persons`: name words, and for staff
    who may see them (`identifying`) a birth date (dd-mm-jjjj or ISO) or part
    of the BSN (3 digits or more). At most `limit`, and whether there are more."""
    text = (text or "").strip()
    if not text:
        return [], False
    compact = text.replace(" ", "")
    if identifying and (day := parse_search_date(text)) is not None:
        persons = persons.filter(birth_date=day)
    elif identifying and _BSN_FRAGMENT.match(compact):
        persons = persons.filter(bsn__contains=compact)
    else:
        for word in text.split():
            persons = persons.filter(_name_query(word))
    found = list(persons.order_by("family_name", "given_names", "id")[: limit + 1])
    return found[:limit], len(found) > limit


@dataclass
class PersonFilters:
    query: str = ""
    location: Location | None = None
    host: Host | None = None
    household: Household | None = None
    nationality: str = ""
    status: str = ""  # "active": placed today; "left": had placements, none today
    sort: str = "name"


def person_list(user, filters: PersonFilters, *, today: datetime.date) -> QuerySet:
    persons = search_persons(Person.objects.for_user(user), filters.query)
    placed_today = Placement.objects.for_user(user).active_on(today)
    if filters.location is not None:
        persons = persons.filter(
            pk__in=placed_today.filter(location=filters.location).values("person_id")
        )
    if filters.host is not None:
        persons = persons.filter(pk__in=placed_today.filter(host=filters.host).values("person_id"))
    if filters.household is not None:
        persons = persons.filter(
            pk__in=HouseholdMembership.objects.for_user(user)
            .filter(household=filters.household)
            .values("person_id")
        )
    if filters.nationality == THIRD_COUNTRY:
        persons = persons.exclude(nationality=UKRAINE)
    elif filters.nationality:
        persons = persons.filter(nationality=filters.nationality)
    if filters.status == "active":
        persons = persons.filter(pk__in=placed_today.values("person_id"))
    elif filters.status == "left":
        persons = (
            persons.filter(placements__isnull=False)
            .exclude(pk__in=placed_today.values("person_id"))
            .distinct()
        )
    return persons.order_by(*PERSON_SORTS.get(filters.sort, PERSON_SORTS["name"]))


def nationalities_in_use(user) -> list[str]:
    return list(
        Person.objects.for_user(user)
        .order_by("nationality")
        .values_list("nationality", flat=True)
        .distinct()
    )


def get_person(user, pk) -> Person:
    """Raises Person.DoesNotExist for persons outside the user's organisation."""
    return Person.objects.for_user(user).get(pk=pk)


@dataclass
class TimelineEvent:
    day: datetime.date
    kind: str  # "placement", "income", "provision", "household": used for styling
    title: str
    detail: str = ""
    url: str = ""


def person_timeline(user, person: Person) -> list[TimelineEvent]:
    """Placements, income periods, provisions and household changes of one
    person as one chronological list of dated events."""
    events: list[TimelineEvent] = []
    placements = (
        Placement.objects.for_user(user).filter(person=person).select_related("location", "host")
    )
    for placement in placements:
        kind = _("GOO location") if placement.is_goo else _("POO host")
        url = (
            reverse("registry:location_detail", args=[placement.location_id])
            if placement.is_goo
            else reverse("registry:host_detail", args=[placement.host_id])
        )
        detail = (
            _("Capacity check overridden: %(reason)s") % {"reason": placement.override_reason}
            if placement.capacity_override
            else ""
        )
        events.append(
            TimelineEvent(
                placement.start_date,
                "placement",
                _("Checked in at %(place)s (%(kind)s)") % {"place": placement.place, "kind": kind},
                detail,
                url,
            )
        )
        if placement.end_date:
            events.append(
                TimelineEvent(
                    placement.end_date,
                    "placement",
                    _("Checked out of %(place)s (last night)") % {"place": placement.place},
                    _("Reason for leaving: %(reason)s")
                    % {"reason": placement.get_departure_reason_display()}
                    if placement.departure_reason
                    else "",
                    url,
                )
            )
    for income in IncomePeriod.objects.for_user(user).filter(person=person):
        amount = formatting.money(income.monthly_amount, get_language())
        events.append(
            TimelineEvent(
                income.start_date,
                "income",
                _("Income starts: %(kind)s, %(amount)s a month")
                % {"kind": income.get_kind_display(), "amount": amount},
            )
        )
        if income.end_date:
            events.append(
                TimelineEvent(
                    income.end_date,
                    "income",
                    _("Income ends: %(kind)s") % {"kind": income.get_kind_display()},
                )
            )
    for provision in Provision.objects.for_user(user).filter(person=person):
        events.append(
            TimelineEvent(
                provision.month,
                "provision",
                provision.get_kind_display(),
                provision.description,
            )
        )
    memberships = (
        HouseholdMembership.objects.for_user(user).filter(person=person).select_related("household")
    )
    for membership in memberships:
        url = reverse("registry:household_detail", args=[membership.household_id])
        events.append(
            TimelineEvent(
                membership.start_date,
                "household",
                _("Joins household %(household)s as %(role)s")
                % {"household": membership.household, "role": membership.get_role_display()},
                "",
                url,
            )
        )
        if membership.end_date:
            events.append(
                TimelineEvent(
                    membership.end_date,
                    "household",
                    _("Leaves household %(household)s") % {"household": membership.household},
                    "",
                    url,
                )
            )
    # Stable sort: on the same day, events keep the order above.
    return sorted(events, key=lambda event: event.day)


def person_households(user, person: Person) -> list[HouseholdMembership]:
    """The person's memberships, each with its household's members prefetched."""
    members = HouseholdMembership.objects.select_related("person").order_by("start_date", "id")
    return list(
        HouseholdMembership.objects.for_user(user)
        .filter(person=person)
        .select_related("household")
        .prefetch_related(Prefetch("household__memberships", queryset=members))
        .order_by("-start_date")
    )


def person_placements(user, person: Person) -> QuerySet:
    return (
        Placement.objects.for_user(user)
        .filter(person=person)
        .select_related("location", "host")
        .order_by("-start_date")
    )


def person_incomes(user, person: Person) -> QuerySet:
    return IncomePeriod.objects.for_user(user).filter(person=person).order_by("-start_date")


def current_placement(user, person: Person, today: datetime.date) -> Placement | None:
    return person_placements(user, person).active_on(today).first()


# Locations and occupancy ---------------------------------------------------


def _places_on(day: datetime.date) -> Subquery:
    periods = CapacityPeriod.objects.filter(location=OuterRef("pk")).active_on(day)
    return Subquery(periods.values("places")[:1], output_field=IntegerField())


def _occupied_on(day: datetime.date, field: str) -> Subquery:
    placements = (
        Placement.objects.filter(**{field: OuterRef("pk")})
        .active_on(day)
        .order_by()
        .values(field)
        .annotate(total=Count("id"))
        .values("total")
    )
    return Coalesce(Subquery(placements, output_field=IntegerField()), 0)


@dataclass
class Occupancy:
    location: Location
    places: int
    occupied: int

    @property
    def free(self) -> int:
        return max(self.places - self.occupied, 0)

    @property
    def over_capacity(self) -> bool:
        return self.occupied > self.places

    @property
    def percent(self) -> int | None:
        if not self.places:
            return None
        return round(100 * self.occupied / self.places)

    @property
    def bar_percent(self) -> int:
        """The bar's width in steps of 5 (CSS classes, no style attributes)."""
        if not self.places:
            return 100 if self.occupied else 0
        return min(100, 5 * round(20 * self.occupied / self.places))


def free_places_on(user, day: datetime.date) -> dict[int, Occupancy]:
    """Occupancy per location id on `day`, for choosing a place (a location
    closed that day has no places)."""
    return {
        location.pk: Occupancy(
            location,
            (location.places_today or 0) if location.is_open_on(day) else 0,
            location.occupied_today,
        )
        for location in location_list(user, today=day)
    }


def location_list(user, *, today: datetime.date, query: str = "") -> QuerySet:
    locations = Location.objects.for_user(user).annotate(
        places_today=_places_on(today),
        occupied_today=_occupied_on(today, "location"),
    )
    if query:
        locations = locations.filter(Q(name__icontains=query) | Q(city__icontains=query))
    return locations.order_by("name", "id")


def occupancy_today(user, *, today: datetime.date) -> list[Occupancy]:
    """Realised capacity and occupancy per location open today."""
    locations = (
        location_list(user, today=today)
        .filter(opened_on__lte=today)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=today))
    )
    return [
        Occupancy(location, location.places_today or 0, location.occupied_today)
        for location in locations
    ]


def _placements_at(user, **place) -> QuerySet:
    return Placement.objects.for_user(user).filter(**place).select_related("person")


def _present(placements: QuerySet, today: datetime.date) -> QuerySet:
    return placements.active_on(today).order_by("person__family_name", "person__given_names")


def location_residents(user, location: Location, today: datetime.date) -> QuerySet:
    return _present(_placements_at(user, location=location), today)


def location_placement_history(user, location: Location) -> QuerySet:
    return _placements_at(user, location=location).order_by("-start_date", "-id")


def capacity_periods(user, location: Location) -> QuerySet:
    return CapacityPeriod.objects.for_user(user).filter(location=location).order_by("-start_date")


def host_list(user, *, today: datetime.date, query: str = "") -> QuerySet:
    hosts = Host.objects.for_user(user).annotate(guests_today=_occupied_on(today, "host"))
    if query:
        hosts = hosts.filter(Q(name__icontains=query) | Q(city__icontains=query))
    return hosts.order_by("name", "id")


def host_guests(user, host: Host, today: datetime.date) -> QuerySet:
    return _present(_placements_at(user, host=host), today)


def host_placement_history(user, host: Host) -> QuerySet:
    return _placements_at(user, host=host).order_by("-start_date", "-id")


# Households ------------------------------------------------------------------


def household_list(user, *, today: datetime.date, query: str = "") -> QuerySet:
    households = (
        Household.objects.for_user(user)
        .select_related("payee")
        .annotate(
            members_today=Count(
                "memberships",
                filter=Q(memberships__start_date__lte=today)
                & (Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today)),
            )
        )
    )
    for word in (query or "").split():
        households = households.filter(
            Q(name__icontains=word)
            | Q(
                pk__in=HouseholdMembership.objects.filter(
                    person__in=search_persons(Person.objects.for_user(user), word)
                ).values("household_id")
            )
        )
    return households.order_by("name", "id")


def member_candidates(user, household: Household, day: datetime.date) -> QuerySet:
    """Persons who may be added to `household`: everyone but its members on `day`."""
    members = household_memberships(user, household).active_on(day)
    return Person.objects.for_user(user).exclude(pk__in=members.values("person_id"))


def household_members_on(user, household: Household, day: datetime.date) -> list[tuple]:
    """(person, placement on `day` or None) for every member on `day`: who a
    household action affects, and where each of them is."""
    members = [m.person for m in household_memberships(user, household).active_on(day)]
    placements = {
        placement.person_id: placement
        for placement in Placement.objects.for_user(user)
        .filter(person__in=members)
        .active_on(day)
        .select_related("location", "host")
    }
    return [(person, placements.get(person.pk)) for person in members]


def household_memberships(user, household: Household) -> QuerySet:
    return (
        HouseholdMembership.objects.for_user(user)
        .filter(household=household)
        .select_related("person")
        .order_by("start_date", "id")
    )


def payee_candidates(user, household: Household, today: datetime.date) -> QuerySet:
    """Members of 18 or older today: the household's allowances are paid to an adult."""
    members = Person.objects.for_user(user).filter(
        pk__in=household_memberships(user, household).active_on(today).values("person_id")
    )
    adult_ids = [person.pk for person in members if person.age_on(today) >= 18]
    return Person.objects.for_user(user).filter(pk__in=adult_ids)


# Dashboard -------------------------------------------------------------------


@dataclass
class DashboardFigures:
    occupancy: list[Occupancy]
    placed_goo: int
    placed_poo: int
    open_placements: int
    third_country_nationals: int

    @property
    def total_places(self) -> int:
        return sum(row.places for row in self.occupancy)

    @property
    def total_occupied(self) -> int:
        return sum(row.occupied for row in self.occupancy)


def dashboard_figures(user, *, today: datetime.date) -> DashboardFigures:
    placed_today = Placement.objects.for_user(user).active_on(today)
    return DashboardFigures(
        occupancy=occupancy_today(user, today=today),
        placed_goo=placed_today.filter(location__isnull=False)
        .values("person_id")
        .distinct()
        .count(),
        placed_poo=placed_today.filter(host__isnull=False).values("person_id").distinct().count(),
        open_placements=Placement.objects.for_user(user)
        .filter(end_date__isnull=True)
        .values("person_id")
        .distinct()
        .count(),
        third_country_nationals=Person.objects.for_user(user).exclude(nationality=UKRAINE).count(),
    )
