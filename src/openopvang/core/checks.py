"""System checks for a safe deployment (run by `openopvang check` and before
`migrate`/`serve`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured


def _secret_key() -> str:
    try:
        return settings.SECRET_KEY or ""
    except ImproperlyConfigured:  # Django refuses to read an empty key
        return ""


@register(Tags.security)
def check_secret_key(app_configs=None, **kwargs):
    if settings.DEBUG or _secret_key():
        return []
    return [
        Error(
            "OPENOPVANG_SECRET_KEY is not set.",
            hint="Set the environment variable OPENOPVANG_SECRET_KEY to a long random value "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'). "
            "Only a development machine may run without it, with OPENOPVANG_DEBUG=true.",
            id="openopvang.E001",
        )
    ]


@register(Tags.security)
def check_two_factor(app_configs=None, **kwargs):
    if settings.DEBUG or getattr(settings, "OPENOPVANG_TWO_FACTOR_REQUIRED", True):
        return []
    return [
        Warning(
            "Two-factor login for staff is switched off.",
            hint="Staff work with personal data: set OPENOPVANG_TWO_FACTOR_REQUIRED=true "
            "(the default). Switching it off is meant for a local demo only.",
            id="openopvang.W001",
        )
    ]
