from django.urls import path

from .views import retention, subject

app_name = "privacy"
urlpatterns = [
    path("", retention.retention, name="retention"),
    path("persons/<int:pk>/", subject.subject_access, name="subject_access"),
    path("persons/<int:pk>/export.json", subject.subject_access_json, name="subject_access_json"),
    path("persons/<int:pk>/export.pdf", subject.subject_access_pdf, name="subject_access_pdf"),
]
