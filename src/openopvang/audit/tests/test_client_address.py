"""The real client address behind the documented reverse proxy: audit events
and the login lockout see it, and only a trusted proxy is believed."""

import pytest
from django.test import RequestFactory

from openopvang.audit.client import client_address
from openopvang.audit.models import AuditAction, AuditEvent

PASSWORD = "correct horse battery"
PROXY = "10.0.0.5"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.OPENOPVANG_TRUSTED_PROXIES = []
    assert client_address(request_from("127.0.0.1", "203.0.113.9")) == "127.0.0.1"


def test_behind_a_trusted_proxy_the_right_most_untrusted_address_counts(settings):
    settings.OPENOPVANG_TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client wrote "1.2.3.4" itself; the proxy appended the real peer.
    request = request_from(PROXY, "1.2.3.4, 203.0.113.9, 10.0.0.7")
    assert client_address(request) == "203.0.113.9"


def test_an_untrusted_peer_cannot_choose_its_address(settings):
    settings.OPENOPVANG_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request_from("198.51.100.1", "203.0.113.9")) == "198.51.100.1"


def test_a_garbled_header_falls_back_to_the_peer(settings):
    settings.OPENOPVANG_TRUSTED_PROXIES = [PROXY]
    assert client_address(request_from(PROXY, "not-an-address")) == PROXY
    assert client_address(request_from(PROXY, "2001:db8::1")) == "2001:db8::1"


def login(client, forwarded, username="coordinator", password=PASSWORD):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_audit_event_records_the_client_behind_the_proxy(client, coordinator, settings):
    settings.OPENOPVANG_TRUSTED_PROXIES = [PROXY]
    login(client, "203.0.113.9", password="wrong password")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.ip_address == "203.0.113.9"


def test_lockout_at_one_address_does_not_lock_the_user_out_at_another(
    client, coordinator, settings
):
    settings.OPENOPVANG_TRUSTED_PROXIES = [PROXY]
    statuses = [login(client, "203.0.113.9", password=f"wrong {i}").status_code for i in range(5)]
    assert statuses[4] in (403, 429)
    assert login(client, "203.0.113.9").status_code in (403, 429)
    # The victim, at home, still logs in.
    response = login(client, "198.51.100.20")
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated
