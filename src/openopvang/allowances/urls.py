from django.urls import path

from . import views

app_name = "allowances"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("runs/new/", views.RunCreateView.as_view(), name="run_create"),
    path("runs/<int:pk>/", views.RunDetailView.as_view(), name="run_detail"),
    path(
        "runs/<int:pk>/recompute/",
        views.RunActionView.as_view(),
        {"action": "recompute"},
        name="run_recompute",
    ),
    path(
        "runs/<int:pk>/prepare/",
        views.RunActionView.as_view(),
        {"action": "prepare"},
        name="run_prepare",
    ),
    path(
        "runs/<int:pk>/approve/",
        views.RunActionView.as_view(),
        {"action": "approve"},
        name="run_approve",
    ),
    path(
        "runs/<int:pk>/delete/",
        views.RunActionView.as_view(),
        {"action": "delete"},
        name="run_delete",
    ),
    # One path per format (no format argument in the URL: the isolation walk
    # resolves every argument to a record).
    path(
        "runs/<int:pk>/export.xml",
        views.RunExportView.as_view(),
        {"fmt": "sepa"},
        name="run_export_sepa",
    ),
    path(
        "runs/<int:pk>/export.xlsx",
        views.RunExportView.as_view(),
        {"fmt": "xlsx"},
        name="run_export_xlsx",
    ),
    path(
        "runs/<int:pk>/export.pdf",
        views.RunExportView.as_view(),
        {"fmt": "pdf"},
        name="run_export_pdf",
    ),
    path(
        "runs/<int:pk>/scenario.json",
        views.RunExportView.as_view(),
        {"fmt": "json"},
        name="run_scenario",
    ),
    path("policy/", views.PolicyView.as_view(), name="policy"),
    path("eigen-bijdrage/", views.CollectionView.as_view(), name="collection"),
    path(
        "eigen-bijdrage/export.xlsx",
        views.CollectionExportView.as_view(),
        {"fmt": "xlsx"},
        name="collection_export_xlsx",
    ),
    path(
        "eigen-bijdrage/export.pdf",
        views.CollectionExportView.as_view(),
        {"fmt": "pdf"},
        name="collection_export_pdf",
    ),
    path(
        "eigen-bijdrage/reductions/new/",
        views.ReductionCreateView.as_view(),
        name="reduction_create",
    ),
    path(
        "eigen-bijdrage/reductions/<int:pk>/delete/",
        views.ReductionDeleteView.as_view(),
        name="reduction_delete",
    ),
]
