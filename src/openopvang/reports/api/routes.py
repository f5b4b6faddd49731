"""Router registrations of the reports API, called from conf/api_urls.py."""

from . import national_casework, viewsets


def register(router) -> None:
    router.register("report-figures", viewsets.ReportFigureViewSet, basename="report-figure")
    router.register(
        "national-report-figures",
        viewsets.ReportNationalViewSet,
        basename="national-report-figures",
    )
    router.register(
        "national-casework-figures",
        national_casework.NationalCaseworkViewSet,
        basename="national-casework-figures",
    )
