"""The user name the login lockout counts attempts under (AXES_USERNAME_CALLABLE):
what was typed, cut to the longest user name there can be and without NUL
characters, so a hostile login is a wrong login and never a database error."""

from django.contrib.auth import get_user_model


def lockout_username(request, credentials) -> str:
    credentials = credentials or {}
    name = credentials.get("username") or request.POST.get("auth-username", "")
    max_length = get_user_model()._meta.get_field("username").max_length
    return str(name or "").replace("\x00", "")[:max_length]
