from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("tokens/", views.tokens, name="tokens"),
    path("organisation/", views.OrganisationSettingsView.as_view(), name="organisation"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
