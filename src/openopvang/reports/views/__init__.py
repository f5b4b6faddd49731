"""Reports pages: the municipal dashboard and its downloads, the national view."""

from .dashboard import DashboardView, DownloadView
from .national import NationalCostsView, NationalOpenDataView, NationalView

__all__ = [
    "DashboardView",
    "DownloadView",
    "NationalCostsView",
    "NationalOpenDataView",
    "NationalView",
]
