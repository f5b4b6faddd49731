from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("download/", views.DownloadView.as_view(), name="download"),
    path("monthly.pdf", views.MonthlyReportView.as_view(), name="monthly"),
    path("monthly/kept.pdf", views.StoredMonthlyReportView.as_view(), name="monthly_kept"),
    path("ngo/", views.NgoReportView.as_view(), name="ngo"),
    path("national/", views.NationalView.as_view(), name="national"),
    path("national/casework/", views.NationalCaseworkView.as_view(), name="national_casework"),
    path(
        "national/casework.csv",
        views.NationalCaseworkDownloadView.as_view(kind="csv"),
        name="national_casework_csv",
    ),
    path(
        "national/casework.xlsx",
        views.NationalCaseworkDownloadView.as_view(kind="xlsx"),
        name="national_casework_xlsx",
    ),
    path("national/costs.csv", views.NationalCostsView.as_view(), name="national_costs"),
    path("national/open-data.csv", views.NationalOpenDataView.as_view(), name="national_open_data"),
]
