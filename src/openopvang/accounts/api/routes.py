"""Router registrations of the accounts API, called from conf/api_urls.py."""

from . import schema as _auth_schemes  # noqa: F401 - registers the authentication schemes
from . import viewsets


def register(router) -> None:
    router.register("tokens", viewsets.ApiTokenViewSet, basename="token")
