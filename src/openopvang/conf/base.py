"""Settings for every environment. Everything an operator may change is an
environment variable with a safe default; see docs/operations/configuration.md."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from openopvang.core.api.versioning import API_BASE_PATH, API_VERSION

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("OPENOPVANG_DEBUG", False)
DATA_DIR = Path(os.environ.get("OPENOPVANG_DATA_DIR", Path.cwd() / "var")).resolve()

# No secret ships with the code: production must set OPENOPVANG_SECRET_KEY.
# The development fallback only works with OPENOPVANG_DEBUG on (checked in checks.py).
SECRET_KEY = os.environ.get("OPENOPVANG_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "development-only-not-secret"

ALLOWED_HOSTS = env_list("OPENOPVANG_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("OPENOPVANG_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "openopvang.core",
    "openopvang.accounts",
    "openopvang.audit",
    "openopvang.rules",
    "openopvang.parameters",
    "openopvang.registry",
    "openopvang.declarations",
    "openopvang.allowances",
    "openopvang.support",
    "openopvang.casework",
    "openopvang.reports",
    "openopvang.letters",
    "openopvang.imports",
    "openopvang.dedup",
    "openopvang.help",
    "openopvang.privacy",
    "openopvang.demo",
]

MIDDLEWARE = [
    # /healthz before the HTTPS redirect and the host check (load balancers).
    "openopvang.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "openopvang.core.middleware.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, limited to the staff or the public languages.
    "openopvang.core.languages.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "openopvang.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "openopvang.core.middleware.SecurityHeadersMiddleware",
    "openopvang.core.middleware.ApiVersionMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "openopvang.conf.urls"
WSGI_APPLICATION = "openopvang.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "openopvang.core.context_processors.navigation",
            ],
        },
    },
]

# On PostgreSQL the application connects as a role that does not own the
# tables (DATABASE_URL); migrations run as the owner
# (OPENOPVANG_MIGRATION_DATABASE_URL), which grants the app role what it needs
# and keeps the audit log insert-only (ADR 0017). `openopvang migrate` switches
# to the owner by itself (OPENOPVANG_DB_AS_OWNER). SQLite has no roles.
_APP_DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'openopvang.sqlite3'}")
OPENOPVANG_MIGRATION_DATABASE_URL = os.environ.get("OPENOPVANG_MIGRATION_DATABASE_URL", "")
OPENOPVANG_DB_APP_ROLE = (
    dj_database_url.parse(_APP_DATABASE_URL).get("USER", "")
    if OPENOPVANG_MIGRATION_DATABASE_URL
    else ""
)
DATABASES = {
    "default": dj_database_url.parse(
        OPENOPVANG_MIGRATION_DATABASE_URL
        if OPENOPVANG_MIGRATION_DATABASE_URL and env_bool("OPENOPVANG_DB_AS_OWNER", False)
        else _APP_DATABASE_URL,
        conn_max_age=int(os.environ.get("OPENOPVANG_DB_CONN_MAX_AGE", "60")),
    )
}
# Reports and national views may read a replica (core.db.read_alias); the
# test run mirrors it to the default database.
if os.environ.get("OPENOPVANG_READ_DATABASE_URL"):
    DATABASES["reports"] = dj_database_url.parse(
        os.environ["OPENOPVANG_READ_DATABASE_URL"],
        conn_max_age=int(os.environ.get("OPENOPVANG_DB_CONN_MAX_AGE", "60")),
    )
    DATABASES["reports"]["TEST"] = {"MIRROR": "default"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two-factor login for staff (TOTP). Turning this off is meant for the local demo only.
OPENOPVANG_TWO_FACTOR_REQUIRED = env_bool("OPENOPVANG_TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = "Open Opvang"

# A worker keeps an API token it has looked up this many seconds (0: never);
# revoking a token clears it at once in that worker, elsewhere within this time.
# Seconds between tries of a failed background job (× the try number; core.tasks).
OPENOPVANG_TASK_RETRY_DELAY = float(os.environ.get("OPENOPVANG_TASK_RETRY_DELAY", "2"))

# Periodic jobs queued once a day at a local time by `openopvang scheduler`
# (core.schedule, docs/operations/workers.md); switch one off by name in
# OPENOPVANG_SCHEDULE_OFF (comma-separated).
OPENOPVANG_SCHEDULE = {
    "help.booking_reminders": {
        "task": "openopvang.help.tasks.send_booking_reminders",
        "at": "09:00",
    },
    "help.purge_bookings": {"task": "openopvang.help.tasks.purge_bookings", "at": "03:15"},
    # hourly from 07:00; does nothing unless a feed channel (Telegram) is configured
    "help.publish_feeds": {
        "task": "openopvang.help.tasks.publish_feeds",
        "at": "07:00",
        "every_minutes": 60,
    },
}
OPENOPVANG_SCHEDULE_OFF = [
    name.strip()
    for name in os.environ.get("OPENOPVANG_SCHEDULE_OFF", "").split(",")
    if name.strip()
]

OPENOPVANG_TOKEN_CACHE_SECONDS = int(os.environ.get("OPENOPVANG_TOKEN_CACHE_SECONDS", "10"))

# Lock an account + address out after repeated failed logins.
AXES_FAILURE_LIMIT = int(os.environ.get("OPENOPVANG_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("OPENOPVANG_LOGIN_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The address is the real client behind the reverse proxy (see
# OPENOPVANG_TRUSTED_PROXIES), the same one the audit log records.
AXES_CLIENT_IP_CALLABLE = "openopvang.audit.client.client_address"

# Reverse proxies whose X-Forwarded-For is believed: addresses or CIDR
# networks, comma separated. Empty: the header is ignored.
OPENOPVANG_TRUSTED_PROXIES = env_list("OPENOPVANG_TRUSTED_PROXIES", "")
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_CALLABLE = "openopvang.accounts.lockout.lockout_username"
AXES_RESET_ON_SUCCESS = True

# Outgoing e-mail (invitations to staff; letters later) over SMTP. Without a
# host, a debug installation prints mails on the console instead.
EMAIL_HOST = os.environ.get("OPENOPVANG_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("OPENOPVANG_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("OPENOPVANG_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("OPENOPVANG_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("OPENOPVANG_EMAIL_STARTTLS", True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("OPENOPVANG_EMAIL_FROM", "Open Opvang <noreply@localhost>")
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not EMAIL_HOST
    else "django.core.mail.backends.smtp.EmailBackend"
)
# How long an invitation link to set a first password stays valid.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
# The address staff use to reach the platform, for links in mails sent by
# background jobs (no request to take the host from), e.g. https://opvang.utrecht.nl
SITE_URL = os.environ.get("OPENOPVANG_SITE_URL", "").rstrip("/")

# Optional: post the new entries of Atom feeds (e.g. the help newsletter feed)
# to a Telegram channel (help.telegram); off unless all three are set.
OPENOPVANG_TELEGRAM_BOT_TOKEN = os.environ.get("OPENOPVANG_TELEGRAM_BOT_TOKEN", "")
OPENOPVANG_TELEGRAM_CHAT_ID = os.environ.get("OPENOPVANG_TELEGRAM_CHAT_ID", "")
OPENOPVANG_TELEGRAM_FEEDS = [
    url.strip() for url in os.environ.get("OPENOPVANG_TELEGRAM_FEEDS", "").split(",") if url.strip()
]
OPENOPVANG_TELEGRAM_API_URL = os.environ.get(
    "OPENOPVANG_TELEGRAM_API_URL", "https://api.telegram.org"
)

# The national target for reception places the national view measures the
# country's realised places against (reports). Source: the ministry of Justice
# and Security's target of 120,000 places for displaced persons from Ukraine by
# January 2025 (Kamerbrief over opvang ontheemden uit Oekraïne, 2024).
NATIONAL_CAPACITY_TARGET = {
    "places": int(os.environ.get("OPENOPVANG_NATIONAL_CAPACITY_TARGET", "120000")),
    "by": "2025-01-01",
    "source": "Ministerie van JenV, Kamerbrief opvang ontheemden uit Oekraïne (2024): "
    "120.000 opvangplekken in januari 2025",
}

LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Nederlands")),
    ("en", _("English")),
    ("uk", _("Українська")),
    ("ru", _("Русский")),
    ("ar", _("العربية")),
]
# Staff UI is Dutch and English; Ukrainian and Russian are offered on the
# public pages (PUBLIC_PATH_PREFIX) only. openopvang.core.languages applies this.
STAFF_LANGUAGES = ("nl", "en")
PUBLIC_LANGUAGES = ("nl", "en", "uk", "ru")
# Public pages whose content is also written in more languages: the help pages
# have Arabic content rows (right to left); elsewhere Arabic is not offered.
PUBLIC_EXTRA_LANGUAGES = {"/public/help/": ("ar",)}
PUBLIC_PATH_PREFIX = "/public/"
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Vendored NL Design System CSS, htmx and our own CSS/JS (src/openopvang/static/).
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("OPENOPVANG_STATIC_ROOT", DATA_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("OPENOPVANG_MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Security headers; HTTPS-only settings switch on with OPENOPVANG_HTTPS.
HTTPS = env_bool("OPENOPVANG_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("OPENOPVANG_SSL_REDIRECT", True)
# Load balancers probe /healthz over plain HTTP, by the instance's own address:
# HealthCheckMiddleware answers it before the redirect and the host check; the
# exemption keeps it so should the middleware ever move.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("OPENOPVANG_SESSION_SECONDS", str(8 * 3600)))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "openopvang.accounts.api.authentication.PersonalTokenAuthentication",
        "openopvang.accounts.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["openopvang.core.api.permissions.IsOrganisationStaff"],
    # JSON in, JSON out (NL API Design Rules); the browsable docs are at /api/v1/docs/.
    "DEFAULT_PARSER_CLASSES": ["openopvang.core.api.parsers.DepthLimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "openopvang.core.api.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "openopvang.core.api.schema.ProblemAutoSchema",
    "EXCEPTION_HANDLER": "openopvang.core.api.problems.problem_exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "openopvang.core.api.schema.drop_database_integer_bounds",
        "openopvang.core.api.schema.document_api_version_header",
    ],
    "TITLE": "Open Opvang API",
    "DESCRIPTION": (
        "Registry, money and services for the reception of displaced persons from Ukraine."
    ),
    "VERSION": API_VERSION,
    # The committed openapi.yaml is one document for every installation, so the
    # contact is the project; an installation's own helpdesk is in its docs.
    "CONTACT": {"name": "Open Opvang"},
    "SERVE_INCLUDE_SCHEMA": False,
    # Paths are relative to the server URL, which carries the major version.
    "SCHEMA_PATH_PREFIX": API_BASE_PATH,
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVERS": [{"url": API_BASE_PATH, "description": "This installation"}],
    "COMPONENT_SPLIT_REQUEST": True,
    # The browsable docs are served from our own origin: no CDN (offline
    # municipalities, strict CSP).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        # The help content has Arabic too: its own name, the support texts keep theirs.
        "HelpLanguageEnum": "openopvang.help.models.CONTENT_LANGUAGES",
        "LanguageEnum": "openopvang.support.models.Language",
        "VerdictEnum": "openopvang.dedup.models.Verdict",
        "LocationKindEnum": "openopvang.registry.models.LocationKind",
        "IncomeKindEnum": "openopvang.registry.models.IncomeKind",
        "ProvisionKindEnum": "openopvang.registry.models.ProvisionKind",
        "MemberRoleEnum": "openopvang.registry.models.MemberRole",
        "OfferStatusEnum": "openopvang.support.models.OfferStatus",
        "InvoiceStatusEnum": "openopvang.support.models.InvoiceStatus",
        "InvoiceLineStatusEnum": "openopvang.support.models.LineStatus",
        "PaymentRunStatusEnum": "openopvang.allowances.models.RunStatus",
        "SituationCodeEnum": "openopvang.casework.models.SituationCode",
        "DecisionKindEnum": "openopvang.casework.models.DecisionKind",
        "DeadlineKindEnum": "openopvang.casework.models.DeadlineKind",
        "BlockerKindEnum": "openopvang.casework.models.BlockerKind",
        "DepartureKindEnum": "openopvang.casework.models.DepartureKind",
        "LetterLanguageEnum": "openopvang.letters.models.LANGUAGE_CHOICES",
    },
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("OPENOPVANG_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OPENOPVANG_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
