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
    path("national/costs.csv", views.NationalCostsView.as_view(), name="national_costs"),
    path("national/open-data.csv", views.NationalOpenDataView.as_view(), name="national_open_data"),
]
