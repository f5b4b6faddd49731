from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.ImportListView.as_view(), name="import_list"),
    path("template/persons.xlsx", views.TemplateDownloadView.as_view(), name="template"),
    path("export/persons.xlsx", views.ExportView.as_view(file_format="xlsx"), name="export_xlsx"),
    path("export/persons.csv", views.ExportView.as_view(file_format="csv"), name="export_csv"),
    path("<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
    path("<int:pk>/progress/", views.ImportProgressView.as_view(), name="import_progress"),
    path("<int:pk>/write/", views.ImportWriteView.as_view(), name="import_write"),
    path("<int:pk>/failed-rows.xlsx", views.FailedRowsView.as_view(), name="import_failed_rows"),
]
