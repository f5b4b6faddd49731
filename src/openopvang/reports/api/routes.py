"""Router registrations of the reports API, called from conf/api_urls.py."""

from . import viewsets


def register(router) -> None:
    router.register("report-figures", viewsets.ReportFigureViewSet, basename="report-figure")
    router.register("report-national", viewsets.ReportNationalViewSet, basename="report-national")
