"""Router registrations of the registry API, called from conf/api_urls.py."""

from . import viewsets


def register(router) -> None:
    router.register("persons", viewsets.PersonViewSet, basename="person")
    router.register("households", viewsets.HouseholdViewSet, basename="household")
    router.register(
        "household-memberships",
        viewsets.HouseholdMembershipViewSet,
        basename="household-membership",
    )
    router.register("locations", viewsets.LocationViewSet, basename="location")
    router.register("capacity-periods", viewsets.CapacityPeriodViewSet, basename="capacity-period")
    router.register("hosts", viewsets.HostViewSet, basename="host")
    router.register("placements", viewsets.PlacementViewSet, basename="placement")
    router.register("income-periods", viewsets.IncomePeriodViewSet, basename="income-period")
    router.register("provisions", viewsets.ProvisionViewSet, basename="provision")
