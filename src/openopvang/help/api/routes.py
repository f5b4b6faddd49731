"""Router registrations of the help API, called from conf/api_urls.py."""

from . import viewsets


def register(router) -> None:
    router.register("help-topics", viewsets.TopicViewSet, basename="help-topic")
    router.register(
        "help-organisations", viewsets.OrganisationViewSet, basename="help-organisation"
    )
    router.register(
        "consultation-hours", viewsets.ConsultationHourViewSet, basename="consultation-hour"
    )
