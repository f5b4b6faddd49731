"""Public pages (no login), included under /public/."""

from django.urls import path

from . import views

urlpatterns = [
    path("<str:code>/services/", views.public_services, name="support_public_services"),
]
