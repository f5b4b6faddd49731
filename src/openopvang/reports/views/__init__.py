"""Reports pages: the municipal dashboard and its downloads, the national view."""

from .dashboard import DashboardView, DownloadView
from .monthly import MonthlyReportView, StoredMonthlyReportView
from .national import NationalCostsView, NationalOpenDataView, NationalView
from .national_casework import NationalCaseworkDownloadView, NationalCaseworkView
from .ngo import NgoReportView

__all__ = [
    "DashboardView",
    "DownloadView",
    "MonthlyReportView",
    "NationalCaseworkDownloadView",
    "NationalCaseworkView",
    "NationalCostsView",
    "NationalOpenDataView",
    "NationalView",
    "NgoReportView",
    "StoredMonthlyReportView",
]
