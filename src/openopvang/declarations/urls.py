from django.urls import path

from . import views

app_name = "declarations"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("national/", views.NationalView.as_view(), name="national"),
    path("national/progress/", views.NationalProgressView.as_view(), name="national_progress"),
    path("<int:year>/", views.YearView.as_view(), name="year"),
    path("<int:year>/lines/", views.LinesView.as_view(), name="draft_lines"),
    path("<int:year>/lines/<int:index>/", views.LineView.as_view(), name="draft_line"),
    *[
        path(
            f"<int:year>/export.{fmt}",
            views.ExportView.as_view(),
            {"fmt": fmt},
            name=f"draft_export_{fmt}",
        )
        for fmt in views.FORMATS
    ],
    path("<int:year>/submit/", views.SubmitView.as_view(), name="submit"),
    path("<int:year>/correct/", views.CorrectView.as_view(), name="correct"),
    path("<int:year>/advance/", views.AdvanceRequestView.as_view(), name="advance"),
    path("<int:year>/actual-cost/", views.YearSettingsView.as_view(), name="year_settings"),
    path("<int:year>/cost-lines/new/", views.CostLineCreateView.as_view(), name="cost_line_create"),
    path("cost-lines/<int:pk>/", views.CostLineUpdateView.as_view(), name="cost_line_update"),
    path("versions/<int:pk>/", views.VersionView.as_view(), name="version_page"),
    path("versions/<int:pk>/lines/", views.LinesView.as_view(), name="version_lines"),
    path("versions/<int:pk>/lines/<int:index>/", views.LineView.as_view(), name="version_line"),
    *[
        path(
            f"versions/<int:pk>/export.{fmt}",
            views.ExportView.as_view(),
            {"fmt": fmt},
            name=f"version_export_{fmt}",
        )
        for fmt in views.FORMATS
    ],
]
