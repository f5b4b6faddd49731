"""Router registrations of the imports API, called from conf/api_urls.py."""

from . import viewsets


def register(router) -> None:
    router.register("import-jobs", viewsets.ImportJobViewSet, basename="import-job")
