"""An integration that calls the API all day: its token is looked up once per
few seconds per worker, and its last-used time is written at most once a
minute, while revoking or deactivating still shuts it out at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time
from rest_framework.test import APIClient

from openopvang.accounts import services
from openopvang.accounts.models import ApiToken
from openopvang.core.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.OPENOPVANG_TOKEN_CACHE_SECONDS = 10


def token_client(raw):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def token_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "accounts_apitoken" in q["sql"]]


def test_last_used_is_written_once_a_minute(coordinator, municipality):
    factories.PersonFactory(municipality=municipality)
    token, raw = ApiToken.issue(coordinator, "Zaaksysteem")
    client = token_client(raw)
    with freeze_time("2025-06-15 12:00:00"):
        assert client.get("/api/v1/persons/").status_code == 200
        token.refresh_from_db()
        first = token.last_used_at
        assert first is not None
    with freeze_time("2025-06-15 12:00:05"), CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/persons/").status_code == 200
    # Kept by the worker: neither looked up nor written again.
    assert token_queries(queries) == []
    with freeze_time("2025-06-15 12:00:30"), CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/persons/").status_code == 200
    # Looked up again after the cache time, but not written within the minute.
    assert [sql for sql in token_queries(queries) if sql.startswith("UPDATE")] == []
    token.refresh_from_db()
    assert token.last_used_at == first
    with freeze_time("2025-06-15 12:01:30"):
        assert client.get("/api/v1/persons/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at > first


def test_a_revoked_token_is_refused_at_once(coordinator, municipality):
    token, raw = ApiToken.issue(coordinator, "Zaaksysteem")
    client = token_client(raw)
    assert client.get("/api/v1/persons/").status_code == 200
    services.revoke_token(coordinator, token)
    assert client.get("/api/v1/persons/").status_code == 401


def test_a_deactivated_user_is_refused_at_once(coordinator, municipality):
    token, raw = ApiToken.issue(coordinator, "Zaaksysteem")
    client = token_client(raw)
    assert client.get("/api/v1/persons/").status_code == 200
    coordinator.is_active = False
    coordinator.save()
    assert client.get("/api/v1/persons/").status_code == 401


def test_an_expired_token_is_refused_even_when_kept(coordinator, municipality):
    with freeze_time("2025-06-15 12:00:00"):
        token, raw = ApiToken.issue(coordinator, "Zaaksysteem")
        ApiToken.objects.filter(pk=token.pk).update(expires_at="2025-06-15T12:00:05+00:00")
        client = token_client(raw)
        assert client.get("/api/v1/persons/").status_code == 200
    with freeze_time("2025-06-15 12:00:06"):
        assert client.get("/api/v1/persons/").status_code == 401
