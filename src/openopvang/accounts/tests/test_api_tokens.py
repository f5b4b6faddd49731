"""/api/v1/tokens/: create a personal token (shown once), use it, revoke it;
and how the API treats bad, expired and revoked tokens and half-logged-in
sessions."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from openopvang.accounts.models import ApiToken
from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are asserted in English; the API speaks the Accept-Language."""
    settings.LANGUAGE_CODE = "en"


def token_client(raw):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def test_create_use_and_revoke_a_token(api_client, coordinator, municipality):
    response = api_client.post(
        "/api/v1/tokens/", {"name": "Zaaksysteem", "expires_in_days": 30}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    raw = body["token"]
    assert raw.startswith("oo_")
    assert body["prefix"] == raw[3:11] and body["is_active"] is True
    token = ApiToken.objects.get(pk=body["id"])
    assert token.token_hash != raw  # only the hash is stored
    event = AuditEvent.objects.get(object_type="accounts.ApiToken", action="create")
    assert raw not in str(event.changes) and event.channel == "api"

    # The raw token is never shown again.
    listing = api_client.get("/api/v1/tokens/").json()
    assert listing["count"] == 1 and "token" not in listing["results"][0]

    person = factories.PersonFactory(municipality=municipality)
    client = token_client(raw)
    response = client.get("/api/v1/persons/")
    assert response.status_code == 200 and response.json()["count"] == 1
    token.refresh_from_db()
    assert token.last_used_at is not None
    client.get(f"/api/v1/persons/{person.pk}/")
    # The list and the read are both audited, both through the API channel.
    views = AuditEvent.objects.filter(action="view")
    assert [(e.object_id, e.channel) for e in views.order_by("id")] == [
        ("", "api"),
        (str(person.pk), "api"),
    ]

    response = client.post(f"/api/v1/tokens/{token.pk}/revoke/")
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    response = client.get("/api/v1/persons/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Token"
    assert "revoked" in response.json()["detail"]


def test_delete_revokes_and_keeps_the_record(api_client, coordinator):
    token, raw = ApiToken.issue(coordinator, "Script")
    assert api_client.delete(f"/api/v1/tokens/{token.pk}/").status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token_client(raw).get("/api/v1/persons/").status_code == 401


def test_expired_and_unknown_tokens_are_401_problems(coordinator):
    token, raw = ApiToken.issue(
        coordinator, "Old", expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    for value in (raw, "oo_not-a-real-token"):
        response = token_client(value).get("/api/v1/locations/")
        assert response.status_code == 401
        assert response.json()["status"] == 401
        assert response.json()["code"] == "authentication_failed"


def test_no_credentials_is_401(db):
    response = APIClient().get("/api/v1/persons/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_users_see_and_revoke_only_their_own_tokens(
    api_client, coordinator, outsider, finance_officer
):
    mine, _raw = ApiToken.issue(coordinator, "Mine")
    colleague_token, _raw = ApiToken.issue(finance_officer, "Colleague")
    foreign_token, _raw = ApiToken.issue(outsider, "Foreign")
    listing = api_client.get("/api/v1/tokens/").json()
    assert [row["id"] for row in listing["results"]] == [mine.pk]
    for token in (colleague_token, foreign_token):
        assert api_client.get(f"/api/v1/tokens/{token.pk}/").status_code == 404
        assert api_client.post(f"/api/v1/tokens/{token.pk}/revoke/").status_code == 404
        assert api_client.delete(f"/api/v1/tokens/{token.pk}/").status_code == 404
        token.refresh_from_db()
        assert token.revoked_at is None


def test_finance_officer_may_manage_own_tokens(finance_officer):
    client = APIClient()
    client.force_authenticate(finance_officer)
    assert client.post("/api/v1/tokens/", {"name": "Excel"}, format="json").status_code == 201


def test_a_token_cannot_create_another_token(coordinator):
    _token, raw = ApiToken.issue(coordinator, "Script")
    response = token_client(raw).post("/api/v1/tokens/", {"name": "More"}, format="json")
    assert response.status_code == 403
    assert ApiToken.objects.count() == 1


def test_blank_name_is_refused(api_client):
    response = api_client.post("/api/v1/tokens/", {"name": "  "}, format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "name"


def test_finance_token_cannot_write_registry(finance_officer, municipality):
    _token, raw = ApiToken.issue(finance_officer, "Reports")
    response = token_client(raw).post(
        "/api/v1/hosts/", {"name": "X", "active_from": "2024-01-01"}, format="json"
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("verified", [False, True])
def test_session_needs_the_second_factor(client, coordinator, verified):
    """With two-factor login on, a session that has only passed the password
    step is not logged in to the API."""
    client.force_login(coordinator)
    if verified:
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=coordinator, name="default", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    with override_settings(OPENOPVANG_TWO_FACTOR_REQUIRED=True):
        response = client.get("/api/v1/persons/")
    assert response.status_code == (200 if verified else 401)


# --- tokens end with the credentials (issue 16) -----------------------------


def _issued(user):
    from openopvang.accounts import services

    token, raw = services.issue_token(user, "Zaaksysteem")
    assert token_client(raw).get("/api/v1/tokens/").status_code == 200
    return token, raw


def test_a_password_change_revokes_the_users_tokens(coordinator, finance_officer):
    token, raw = _issued(coordinator)
    other, other_raw = _issued(finance_officer)
    coordinator.set_password("a completely new secret")
    coordinator.save()
    assert token_client(raw).get("/api/v1/tokens/").status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    event = AuditEvent.objects.filter(object_type="accounts.ApiToken", object_id=str(token.pk))
    assert event.filter(changes__reason="password_changed").exists()
    # Someone else's token is untouched.
    assert token_client(other_raw).get("/api/v1/tokens/").status_code == 200


def test_deactivating_a_user_revokes_their_tokens(coordinator):
    token, raw = _issued(coordinator)
    coordinator.is_active = False
    coordinator.save()
    token.refresh_from_db()
    assert token.revoked_at is not None
    coordinator.is_active = True
    coordinator.save()
    assert token_client(raw).get("/api/v1/tokens/").status_code == 401


def test_other_changes_keep_the_tokens(coordinator):
    token, raw = _issued(coordinator)
    coordinator.first_name = "Anna"
    coordinator.save()
    assert token_client(raw).get("/api/v1/tokens/").status_code == 200
