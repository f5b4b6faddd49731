from django.urls import path

from . import views

app_name = "letters"

urlpatterns = [
    path("", views.TemplateListView.as_view(), name="index"),
    path("templates/new/", views.TemplateEditView.as_view(), name="template_create"),
    path("templates/<int:pk>/", views.TemplateDetailView.as_view(), name="template_detail"),
    path("templates/<int:pk>/edit/", views.TemplateEditView.as_view(), name="template_update"),
    path(
        "templates/<int:pk>/preview/<str:lang>/",
        views.TemplatePreviewView.as_view(),
        name="template_preview",
    ),
    path("persons/<int:pk>/", views.PersonLetterView.as_view(), name="person_letter"),
    path("sent/<int:pk>/pdf/", views.SentLetterPdfView.as_view(), name="sent_pdf"),
    path("batches/new/", views.BatchCreateView.as_view(), name="batch_create"),
    path("batches/<int:pk>/", views.BatchDetailView.as_view(), name="batch_detail"),
    path("batches/<int:pk>/pdf/", views.BatchPdfView.as_view(), name="batch_pdf"),
    path("batches/<int:pk>/zip/", views.BatchZipView.as_view(), name="batch_zip"),
    path("batches/<int:pk>/cancel/", views.BatchCancelView.as_view(), name="batch_cancel"),
    path("batches/<int:pk>/resend/", views.BatchResendView.as_view(), name="batch_resend"),
    path("sent/<int:pk>/resend/", views.SentLetterResendView.as_view(), name="sent_resend"),
]
