from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from openopvang.accounts.models import ApiToken


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token oo_…` with a personal API token."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        token = ApiToken.find(header[1].decode(errors="ignore"))
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """The web session (used by the browsable docs and the UI's own calls),
    but only once the second factor is verified: the password alone logs a
    user in to the two-factor page, never into the API."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if getattr(settings, "OPENOPVANG_TWO_FACTOR_REQUIRED", True):
            is_verified = getattr(user, "is_verified", None)
            if is_verified is None or not is_verified():
                return None
        return result
