"""Query filters for the registry endpoints.

Related records are filtered by plain ids (NumberFilter), never by
ModelChoiceFilter: a choice filter checks the id against all organisations
and would answer "invalid choice" for an unknown id but an empty list for
another municipality's id, telling the two apart."""

from django.db.models import Q
from django.utils import timezone
from django_filters import rest_framework as filters

from ..models import (
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
from ..selectors import search_persons


def _today():
    return timezone.localdate()


class PersonFilter(filters.FilterSet):
    search = filters.CharFilter(
        method="filter_search",
        label="Name (Latin or Cyrillic), BSN, or birth date (dd-mm-yyyy or yyyy-mm-dd).",
    )
    location = filters.NumberFilter(
        method="filter_location", label="Placed at this location (GOO) today."
    )
    host = filters.NumberFilter(method="filter_host", label="Staying with this host (POO) today.")
    household = filters.NumberFilter(
        method="filter_household", label="Member of this household today."
    )
    nationality = filters.CharFilter(
        method="filter_nationality", label="ISO 3166 country code, e.g. UA."
    )
    third_country = filters.BooleanFilter(
        method="filter_third_country", label="Nationality other than Ukrainian."
    )
    active = filters.BooleanFilter(method="filter_active", label="Has a placement today.")
    birth_date = filters.DateFilter()

    class Meta:
        model = Person
        fields = ["birth_date"]

    def _placed_today(self):
        return Placement.objects.for_user(self.request.user).active_on(_today())

    def filter_search(self, queryset, name, value):
        return search_persons(queryset, value)

    def filter_location(self, queryset, name, value):
        return queryset.filter(
            pk__in=self._placed_today().filter(location_id=value).values("person_id")
        )

    def filter_host(self, queryset, name, value):
        return queryset.filter(
            pk__in=self._placed_today().filter(host_id=value).values("person_id")
        )

    def filter_household(self, queryset, name, value):
        members = (
            HouseholdMembership.objects.for_user(self.request.user)
            .active_on(_today())
            .filter(household_id=value)
        )
        return queryset.filter(pk__in=members.values("person_id"))

    def filter_nationality(self, queryset, name, value):
        return queryset.filter(nationality=value.strip().upper())

    def filter_third_country(self, queryset, name, value):
        return (
            queryset.exclude(nationality=UKRAINE) if value else queryset.filter(nationality=UKRAINE)
        )

    def filter_active(self, queryset, name, value):
        placed = self._placed_today().values("person_id")
        return queryset.filter(pk__in=placed) if value else queryset.exclude(pk__in=placed)


class ActiveTodayMixin(filters.FilterSet):
    active = filters.BooleanFilter(method="filter_active", label="The period includes today.")

    def filter_active(self, queryset, name, value):
        today = _today()
        running = Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))
        return queryset.filter(running) if value else queryset.exclude(running)


class HouseholdFilter(filters.FilterSet):
    search = filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name contains.")
    person = filters.NumberFilter(
        field_name="memberships__person_id",
        distinct=True,
        label="Has (or had) this person as a member.",
    )

    class Meta:
        model = Household
        fields = []


class MembershipFilter(ActiveTodayMixin):
    household = filters.NumberFilter(field_name="household_id")
    person = filters.NumberFilter(field_name="person_id")

    class Meta:
        model = HouseholdMembership
        fields = ["role"]


class LocationFilter(filters.FilterSet):
    search = filters.CharFilter(method="filter_search", label="Name or city contains.")
    open = filters.BooleanFilter(method="filter_open", label="Open today.")

    class Meta:
        model = Location
        fields = ["kind", "catering", "city"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(city__icontains=value))

    def filter_open(self, queryset, name, value):
        today = _today()
        is_open = Q(opened_on__lte=today) & (Q(closed_on__isnull=True) | Q(closed_on__gte=today))
        return queryset.filter(is_open) if value else queryset.exclude(is_open)


class CapacityPeriodFilter(ActiveTodayMixin):
    location = filters.NumberFilter(field_name="location_id")

    class Meta:
        model = CapacityPeriod
        fields = []


class HostFilter(filters.FilterSet):
    search = filters.CharFilter(method="filter_search", label="Name, contact or city contains.")

    class Meta:
        model = Host
        fields = ["city"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(contact_name__icontains=value) | Q(city__icontains=value)
        )


class PlacementFilter(ActiveTodayMixin):
    person = filters.NumberFilter(field_name="person_id")
    location = filters.NumberFilter(field_name="location_id")
    host = filters.NumberFilter(field_name="host_id")
    kind = filters.ChoiceFilter(
        choices=[("goo", "GOO"), ("poo", "POO")],
        method="filter_kind",
        label="`goo` (at a location) or `poo` (with a host).",
    )
    on = filters.DateFilter(method="filter_on", label="Placements that include this day.")

    class Meta:
        model = Placement
        fields = ["capacity_override"]

    def filter_kind(self, queryset, name, value):
        return queryset.filter(location__isnull=value != "goo")

    def filter_on(self, queryset, name, value):
        return queryset.active_on(value)


class IncomePeriodFilter(ActiveTodayMixin):
    person = filters.NumberFilter(field_name="person_id")

    class Meta:
        model = IncomePeriod
        fields = ["kind"]


class ProvisionFilter(filters.FilterSet):
    person = filters.NumberFilter(field_name="person_id")
    month = filters.DateFilter(method="filter_month", label="Any day of the month.")

    class Meta:
        model = Provision
        fields = ["kind"]

    def filter_month(self, queryset, name, value):
        return queryset.filter(month=value.replace(day=1))
