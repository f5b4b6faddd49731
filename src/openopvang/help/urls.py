from django.urls import path

from .views import staff

app_name = "help"

urlpatterns = [
    path("", staff.StaffIndexView.as_view(), name="index"),
    path("topics/", staff.TopicListView.as_view(), name="topic_list"),
    path("topics/new/", staff.TopicCreateView.as_view(), name="topic_create"),
    path("topics/<int:pk>/", staff.TopicUpdateView.as_view(), name="topic_update"),
    path("topics/<int:pk>/text/<str:lang>/", staff.TopicTextView.as_view(), name="topic_text"),
    path("organisations/", staff.AgencyListView.as_view(), name="agency_list"),
    path("organisations/new/", staff.AgencyCreateView.as_view(), name="agency_create"),
    path("organisations/<int:pk>/", staff.AgencyUpdateView.as_view(), name="agency_update"),
    path("documents/", staff.DocumentListView.as_view(), name="document_list"),
    path("documents/new/", staff.DocumentCreateView.as_view(), name="document_create"),
    path("documents/<int:pk>/", staff.DocumentUpdateView.as_view(), name="document_update"),
    path(
        "documents/<int:pk>/<str:lang>/",
        staff.DocumentVersionView.as_view(),
        name="document_version",
    ),
    path("newsletter/", staff.IssueListView.as_view(), name="issue_list"),
    path("newsletter/new/", staff.IssueCreateView.as_view(), name="issue_create"),
    path("newsletter/<int:pk>/", staff.IssueDetailView.as_view(), name="issue_detail"),
    path("newsletter/<int:pk>/edit/", staff.IssueUpdateView.as_view(), name="issue_update"),
    path("newsletter/<int:pk>/send/", staff.IssueSendView.as_view(), name="issue_send"),
    path("newsletter/<int:pk>/progress/", staff.IssueProgressView.as_view(), name="issue_progress"),
    path("feedback/", staff.FeedbackListView.as_view(), name="feedback_list"),
    path("desks/", staff.DeskListView.as_view(), name="desk_list"),
    path("desks/new/", staff.DeskCreateView.as_view(), name="desk_create"),
    path("desks/<int:pk>/", staff.DeskUpdateView.as_view(), name="desk_update"),
    path("hours/", staff.HourListView.as_view(), name="hour_list"),
    path("hours/new/", staff.HourCreateView.as_view(), name="hour_create"),
    path("hours/<int:pk>/", staff.HourUpdateView.as_view(), name="hour_update"),
    path("hours/<int:pk>/bookings/", staff.HourBookingsView.as_view(), name="hour_bookings"),
    path("bookings/<int:pk>/cancel/", staff.BookingCancelView.as_view(), name="booking_cancel"),
]
