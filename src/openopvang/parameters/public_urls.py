"""Public parameters page (no login), included under /public/parameters/."""

from django.urls import path

from .views.public import public_parameters

app_name = "parameters_public"
urlpatterns = [
    path("", public_parameters, name="list"),
]
