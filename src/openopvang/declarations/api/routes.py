"""Router registrations of the declarations API, called from conf/api_urls.py."""

from . import viewsets


def register(router) -> None:
    router.register("declarations", viewsets.DeclarationViewSet, basename="declaration")
    router.register("cost-lines", viewsets.CostLineViewSet, basename="cost-line")
    router.register("advance-requests", viewsets.AdvanceRequestViewSet, basename="advance-request")
