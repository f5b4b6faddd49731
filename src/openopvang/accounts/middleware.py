from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# Pages reachable while logged in but before the second factor is verified:
# the login steps themselves, public pages and the API (which checks a
# session's verification itself). Everything else, /accounts/tokens/ and the
# administrator's pages included, needs the second factor.
OPEN_PREFIXES = (
    "/accounts/login/",
    "/accounts/two-factor/",
    "/accounts/logout/",
    "/accounts/invitation/",
    "/static/",
    "/i18n/",
    "/api/",
    "/public/",
    "/healthz",
)


class TwoFactorRequiredMiddleware:
    """Staff must pass the second factor (TOTP) before any other page.
    API requests are authenticated by token, not by session, and skip this."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.OPENOPVANG_TWO_FACTOR_REQUIRED
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            url = reverse("accounts:two_factor")
            if request.path == "/":
                return redirect(url)
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
