"""Router registrations of the parameters API, called from conf/api_urls.py."""

from . import viewsets


def register(router) -> None:
    router.register("parameters", viewsets.ParameterViewSet, basename="parameter")
