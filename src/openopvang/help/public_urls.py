"""Public help pages (no login), included under /public/help/."""

from django.urls import path

from .feeds import ChangesFeed, NewsletterFeed
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
    path("newsletter/", public.newsletter_archive, name="newsletter"),
    path("newsletter/subscribe/", public.newsletter_subscribe, name="newsletter_subscribe"),
    path("newsletter/<int:pk>/", public.NewsletterIssueView.as_view(), name="newsletter_issue"),
    path("newsletter/confirm/<str:token>/", public.newsletter_confirm, name="newsletter_confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        public.newsletter_unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path("feeds/newsletter/<str:lang>/", NewsletterFeed(), name="feed_newsletter"),
    path("feeds/changes/<str:lang>/", ChangesFeed(), name="feed_changes"),
    path("feedback/", public.feedback, name="feedback"),
    path("consultations/", public.consultations, name="consultations"),
    path("consultations/<int:pk>/book/", public.BookView.as_view(), name="book"),
    path("cancel/", public.CancelWithCodeView.as_view(), name="cancel_with_code"),
    path("bookings/<str:token>/", public.booking, name="booking"),
    path("bookings/<str:token>/calendar.ics", public.booking_ics, name="booking_ics"),
    path("bookings/<str:token>/cancel/", public.booking_cancel, name="booking_cancel"),
]
