"""Router registrations of the casework API, called from conf/api_urls.py."""

from . import viewsets


def register(router) -> None:
    router.register("cases", viewsets.CaseViewSet, basename="casework-case")
    router.register("case-situations", viewsets.SituationViewSet, basename="casework-situation")
    router.register("case-deadlines", viewsets.DeadlineViewSet, basename="casework-deadline")
    router.register("case-decisions", viewsets.DecisionViewSet, basename="casework-decision")
    router.register("case-tasks", viewsets.TaskViewSet, basename="casework-task")
    router.register("case-transfers", viewsets.TransferViewSet, basename="casework-transfer")
    router.register(
        "case-transfer-blockers", viewsets.TransferBlockerViewSet, basename="casework-blocker"
    )
    router.register("case-departures", viewsets.DepartureViewSet, basename="casework-departure")
    router.register(
        "case-eviction-steps", viewsets.EvictionStepViewSet, basename="casework-eviction-step"
    )
