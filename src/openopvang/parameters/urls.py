from django.urls import path

from . import views

# The namespace stays "rules": the page lives at /rules/parameters/ and
# templates across the apps reverse "rules:parameter_list".
app_name = "rules"
urlpatterns = [
    path("parameters/", views.ParameterListView.as_view(), name="parameter_list"),
    path("parameters/new/", views.ParameterFormView.as_view(), name="parameter_create"),
    path("parameters/<int:pk>/edit/", views.ParameterFormView.as_view(), name="parameter_update"),
    path("parameters/loads/", views.LoadListView.as_view(), name="load_list"),
    path("parameters/loads/new/", views.LoadUploadView.as_view(), name="load_create"),
    path("parameters/loads/<int:pk>/", views.LoadDetailView.as_view(), name="load_detail"),
]
