"""Test settings: the same as production but fast hashing and synchronous tasks.
DATABASE_URL still decides the database, so CI runs the suite on PostgreSQL too."""

import os

os.environ.setdefault("OPENOPVANG_DEBUG", "false")

from .base import *  # noqa: E402,F401,F403

SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
OPENOPVANG_TASK_RETRY_DELAY = 0  # retried jobs try again at once
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

# Most tests log in with force_login; the two-factor flow has its own tests
# that switch this back on.
OPENOPVANG_TWO_FACTOR_REQUIRED = False
AXES_ENABLED = True

# Tests assert the English source texts (the msgids); Dutch, the production
# default, is checked by tests that ask for it (Accept-Language: nl).
LANGUAGE_CODE = "en"
