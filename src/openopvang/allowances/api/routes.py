"""Router registrations of the allowances API, called from conf/api_urls.py."""

from . import viewsets


def register(router) -> None:
    router.register("payment-runs", viewsets.PaymentRunViewSet, basename="payment-run")
    router.register("allowance-policies", viewsets.PolicyViewSet, basename="allowance-policy")
    router.register("eigen-bijdrage", viewsets.EigenBijdrageViewSet, basename="eigen-bijdrage")
    router.register(
        "eigen-bijdrage-reductions", viewsets.ReductionViewSet, basename="eigen-bijdrage-reduction"
    )
