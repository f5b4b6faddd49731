from django.urls import path

from .views import login, organisation, staff, tokens

app_name = "accounts"
urlpatterns = [
    path("login/", login.LoginView.as_view(), name="login"),
    path("two-factor/", login.two_factor, name="two_factor"),
    path("logout/", login.LogoutView.as_view(), name="logout"),
    path(
        "invitation/<uidb64>/<token>/",
        staff.InvitationAcceptView.as_view(),
        name="invitation",
    ),
    path("tokens/", tokens.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("organisation/", organisation.OrganisationSettingsView.as_view(), name="organisation"),
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/invite/", staff.staff_invite, name="staff_invite"),
    path("staff/<int:pk>/", staff.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/<slug:action>/", staff.staff_action, name="staff_action"),
]
