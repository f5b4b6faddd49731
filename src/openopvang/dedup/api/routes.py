"""Router registrations of the duplicates API, called from conf/api_urls.py."""

from . import viewsets


def register(router) -> None:
    router.register("duplicate-matches", viewsets.DuplicateMatchViewSet, basename="duplicate-match")
    router.register("duplicate-runs", viewsets.DuplicateRunViewSet, basename="duplicate-run")
