"""Personal API tokens: create (shown once), list, revoke, and a revoked
token no longer opens the API."""

import re

import pytest
from rest_framework.test import APIClient

from openopvang.accounts.models import ApiToken
from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories

TOKENS_URL = "/accounts/tokens/"
API_URL = "/api/v1/schema/"


@pytest.fixture(autouse=True)
def english(settings):
    """Assert on the English msgids, whatever translations exist."""
    settings.LANGUAGE_CODE = "en"


def raw_token_in(html: str) -> str:
    match = re.search(r'value="(oo_[A-Za-z0-9_\-]+)"', html)
    assert match, "the new token is not on the page"
    return match.group(1)


def api_status(raw: str) -> int:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return api.get(API_URL).status_code


def test_tokens_page_needs_login(client, db):
    response = client.get(TOKENS_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_create_shows_the_token_once(coordinator_client, coordinator):
    response = coordinator_client.post(TOKENS_URL, {"name": "Zaaksysteem", "expires_in_days": 30})
    assert response.status_code == 200
    html = response.content.decode()
    raw = raw_token_in(html)
    assert "shown only this once" in html
    token = ApiToken.objects.get(user=coordinator)
    assert token.name == "Zaaksysteem"
    assert token.expires_at is not None
    assert raw[3:11] == token.prefix
    assert raw not in token.token_hash
    # Next visit: listed by name and prefix, the raw token is gone.
    listing = coordinator_client.get(TOKENS_URL).content.decode()
    assert "Zaaksysteem" in listing
    assert f"oo_{token.prefix}" in listing
    assert raw not in listing
    assert "active" in listing
    # Audited, without the secret.
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="accounts.ApiToken")
    assert event.actor == coordinator
    assert raw not in str(event.changes)


def test_token_without_expiry(coordinator_client, coordinator):
    coordinator_client.post(TOKENS_URL, {"name": "Forever", "expires_in_days": ""})
    assert ApiToken.objects.get(user=coordinator).expires_at is None
    assert "does not expire" in coordinator_client.get(TOKENS_URL).content.decode()


def test_create_needs_a_name(coordinator_client, coordinator):
    response = coordinator_client.post(TOKENS_URL, {"name": "", "expires_in_days": "0"})
    html = response.content.decode()
    assert not ApiToken.objects.exists()
    assert 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'id="id_expires_in_days_error"' in html


def test_token_authenticates_until_revoked(coordinator_client, coordinator):
    raw = raw_token_in(coordinator_client.post(TOKENS_URL, {"name": "Koppeling"}).content.decode())
    assert api_status(raw) == 200
    token = ApiToken.objects.get(user=coordinator)
    token.refresh_from_db()
    assert token.last_used_at is not None

    confirm = coordinator_client.get(f"/accounts/tokens/{token.pk}/revoke/")
    assert confirm.status_code == 200
    assert "stop working immediately" in confirm.content.decode()
    response = coordinator_client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_status(raw) == 401
    assert "revoked" in coordinator_client.get(TOKENS_URL).content.decode()
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="accounts.ApiToken")
    assert list(event.changes) == ["revoked_at"]


def test_unknown_token_is_refused(db):
    assert api_status("oo_not-a-real-token") == 401


def test_another_users_token_is_404_and_not_listed(coordinator_client, outsider):
    token, _raw = ApiToken.issue(outsider, "Outsider's")
    assert coordinator_client.get(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert coordinator_client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "Outsider" not in coordinator_client.get(TOKENS_URL).content.decode()


def test_same_organisation_colleague_cannot_revoke(coordinator_client, municipality):
    colleague = factories.UserFactory(username="colleague", organisation=municipality)
    token, _raw = ApiToken.issue(colleague, "Colleague's")
    assert coordinator_client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404


@pytest.mark.parametrize("method", ["put", "delete"])
def test_tokens_page_only_get_and_post(coordinator_client, method):
    assert getattr(coordinator_client, method)(TOKENS_URL).status_code == 405


def test_password_alone_cannot_create_tokens(client, coordinator, settings):
    """/accounts/ is open to unverified sessions; the tokens page is not."""
    settings.OPENOPVANG_TWO_FACTOR_REQUIRED = True
    client.force_login(coordinator)
    response = client.post(TOKENS_URL, {"name": "Sneaky"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/?next=")
    assert not ApiToken.objects.exists()
    assert client.get(TOKENS_URL).status_code == 302
