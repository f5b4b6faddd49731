import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from openopvang.accounts.models import ApiToken, User, _hash_token

# The last-used time is written at most this often: not a write per read.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def _cache_key(token_hash: str) -> str:
    return f"openopvang:api-token:{token_hash}"


def _cache_seconds() -> int:
    """How long a worker keeps a token it has looked up (0: look up every
    request). A revocation in another process takes effect within this time."""
    return int(getattr(settings, "OPENOPVANG_TOKEN_CACHE_SECONDS", 10))


def find_token(raw: str) -> ApiToken | None:
    """ApiToken.find, kept for a few seconds in the worker's cache (a fresh
    unpickled copy each time, so requests never share an instance)."""
    seconds = _cache_seconds()
    if seconds <= 0:
        return ApiToken.find(raw)
    key = _cache_key(_hash_token(raw))
    token = cache.get(key)
    if token is None:
        token = ApiToken.find(raw)
        if token is None:
            return None
        cache.set(key, token, seconds)
    # Expiry is checked on every request, also for a cached token.
    return token if token.is_active else None


def touch(token: ApiToken) -> None:
    """Record that the token was used, at most once a minute."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    if (seconds := _cache_seconds()) > 0:
        cache.set(_cache_key(token.token_hash), token, seconds)


@receiver(post_save, sender=ApiToken, dispatch_uid="api-token-cache-token")
def _forget_token(sender, instance, **kwargs):
    cache.delete(_cache_key(instance.token_hash))


@receiver(post_save, sender=User, dispatch_uid="api-token-cache-user")
def _forget_users_tokens(sender, instance, **kwargs):
    hashes = ApiToken.objects.filter(user=instance).values_list("token_hash", flat=True)
    cache.delete_many([_cache_key(token_hash) for token_hash in hashes])


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token oo_…` with a personal API token."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        token = find_token(header[1].decode(errors="ignore"))
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        touch(token)
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
