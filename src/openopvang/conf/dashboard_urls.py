"""The start page `/`. The namespace stays "core" (`core:dashboard` is the
login redirect and the brand link in base.html); the view is the registry's."""

from django.urls import path

from openopvang.registry.views.dashboard import dashboard

app_name = "core"
urlpatterns = [
    path("", dashboard, name="dashboard"),
]
