"""Public help pages (no login), included under /public/help/."""

from django.urls import path

from .views import public

app_name = "help_public"

urlpatterns = [
    path("", public.index, name="index"),
    path("municipality/", public.find_municipality, name="find_municipality"),
    path("municipalities/<str:code>/", public.municipality, name="municipality"),
    path("topics/<slug:code>/", public.topic, name="topic"),
    path("documents/", public.documents, name="documents"),
    path(
        "documents/<int:pk>/<str:lang>/download/",
        public.DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path("feedback/", public.feedback, name="feedback"),
    path("consultations/", public.consultations, name="consultations"),
    path("consultations/<int:pk>/book/", public.BookView.as_view(), name="book"),
    path("bookings/<str:token>/", public.booking, name="booking"),
    path("bookings/<str:token>/calendar.ics", public.booking_ics, name="booking_ics"),
    path("bookings/<str:token>/cancel/", public.booking_cancel, name="booking_cancel"),
]
