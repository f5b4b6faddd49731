from django.urls import path

from . import views

app_name = "dedup"

urlpatterns = [
    path("", views.MatchListView.as_view(), name="match_list"),
    path("<int:pk>/", views.MatchDetailView.as_view(), name="match_detail"),
    path("national/", views.NationalView.as_view(), name="national"),
    path("national/progress/", views.NationalProgressView.as_view(), name="national_progress"),
]
