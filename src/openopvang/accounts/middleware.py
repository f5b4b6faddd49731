from django.conf import settings
from django.shortcuts import redirect

# Pages reachable while logged in but before the second factor is verified.
OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/api/", "/public/", "/healthz")


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
            return redirect("accounts:two_factor")
        return self.get_response(request)
