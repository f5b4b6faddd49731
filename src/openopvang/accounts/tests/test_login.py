"""Staff login: password, the second factor (TOTP), enrolment, lockout."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from openopvang.accounts import services
from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories

PASSWORD = "correct horse battery"
LOGIN_URL = "/accounts/login/"
TWO_FACTOR_URL = "/accounts/two-factor/"


@pytest.fixture(autouse=True)
def english(settings):
    """Assert on the English msgids, whatever translations exist."""
    settings.LANGUAGE_CODE = "en"


def code_for(device: TOTPDevice, offset_steps: int = 0) -> str:
    value = totp(
        device.bin_key,
        device.step,
        device.t0 - offset_steps * device.step,
        device.digits,
        device.drift,
    )
    return f"{value:0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    good = {code_for(device, offset) for offset in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in good)


@pytest.fixture
def two_factor(settings):
    settings.OPENOPVANG_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def device(coordinator):
    return TOTPDevice.objects.create(user=coordinator, name="default", confirmed=True)


def login(client, username="coordinator", password=PASSWORD, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password, **extra})


# --- password step --------------------------------------------------------


def test_login_page_has_labelled_fields(client, db):
    response = client.get(LOGIN_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label class="utrecht-form-label" for="id_username">' in html
    assert 'for="id_password"' in html
    assert "utrecht-button" in html


def test_login_without_two_factor_reaches_dashboard_and_is_audited(client, coordinator):
    response = login(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert client.get("/").status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert event.actor == coordinator
    assert event.object_type == "accounts.User"
    assert event.organisation == coordinator.organisation


def test_login_respects_next(client, coordinator):
    response = login(client, next="/accounts/tokens/")
    assert response["Location"] == "/accounts/tokens/"


def test_login_ignores_next_to_another_site(client, coordinator):
    response = login(client, next="https://evil.example/")
    assert response["Location"] == reverse("core:dashboard")


def test_wrong_password_is_refused_with_linked_error_and_audited(client, coordinator):
    response = login(client, password="wrong password")
    assert response.status_code == 200
    html = response.content.decode()
    assert "do not match" in html
    assert 'role="alert"' in html
    assert not response.wsgi_request.user.is_authenticated
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.actor is None
    assert event.object_type == "accounts.User"
    assert event.object_id == str(coordinator.pk)
    assert event.organisation == coordinator.organisation
    assert event.changes == {"step": "password"}


def test_failed_login_for_unknown_user_is_audited_without_organisation(client, db):
    login(client, username="nobody")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.object_repr == "nobody"
    assert event.object_id == ""
    assert event.organisation is None


def test_lockout_after_five_failures(client, coordinator, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    statuses = [login(client, password=f"wrong {i}").status_code for i in range(5)]
    assert statuses[:4] == [200, 200, 200, 200]
    assert statuses[4] in (403, 429)
    # Even the right password is refused now, with the friendly page.
    response = login(client)
    assert response.status_code in (403, 429)
    html = response.content.decode()
    assert "Account temporarily locked" in html
    assert "administrator" in html
    assert not response.wsgi_request.user.is_authenticated


def test_lockout_is_per_user(client, coordinator, finance_officer):
    for i in range(5):
        login(client, password=f"wrong {i}")
    response = login(client, username="finance")
    assert response.status_code == 302


def test_logout_is_post_only(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


# --- second factor ----------------------------------------------------------


def test_password_step_leads_to_two_factor_and_keeps_next(client, coordinator, device, two_factor):
    response = login(client, next="/accounts/tokens/")
    assert response.status_code == 302
    assert response["Location"] == f"{TWO_FACTOR_URL}?next=%2Faccounts%2Ftokens%2F"
    # Not logged in "fully" yet: no LOGIN event, and other pages redirect.
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()
    assert client.get("/")["Location"] == reverse("accounts:two_factor")


def test_middleware_sends_unverified_user_to_two_factor(client, coordinator, two_factor):
    client.force_login(coordinator)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor")


def test_correct_code_completes_login(client, coordinator, device, two_factor):
    login(client)
    page = client.get(TWO_FACTOR_URL)
    assert "Enter your code" in page.content.decode()
    response = client.post(TWO_FACTOR_URL, {"code": code_for(device), "next": "/accounts/tokens/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/tokens/"
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=coordinator).count() == 1


def test_wrong_code_is_refused(client, coordinator, device, two_factor):
    login(client)
    response = client.post(TWO_FACTOR_URL, {"code": wrong_code_for(device)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "not correct" in html
    assert 'aria-describedby="id_code_helptext id_code_error"' in html
    assert client.get("/").status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.changes == {"step": "two_factor"}
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_code_that_is_not_six_digits_is_a_form_error(client, coordinator, device, two_factor):
    login(client)
    response = client.post(TWO_FACTOR_URL, {"code": "12ab56"})
    assert "six digits" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).exists()


def test_five_wrong_codes_log_the_user_out(client, coordinator, device, two_factor):
    login(client)
    wrong = wrong_code_for(device)
    for _attempt in range(4):
        assert client.post(TWO_FACTOR_URL, {"code": wrong}).status_code == 200
    response = client.post(TWO_FACTOR_URL, {"code": wrong})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert not client.get(TWO_FACTOR_URL).wsgi_request.user.is_authenticated
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 5


def test_throttled_device_refuses_even_the_right_code_for_a_while(
    client, coordinator, device, two_factor
):
    with freeze_time("2025-01-06 09:00:00"):
        login(client)
        client.post(TWO_FACTOR_URL, {"code": wrong_code_for(device)})
        device.refresh_from_db()
        response = client.post(TWO_FACTOR_URL, {"code": code_for(device)})
        assert "Wait until" in response.content.decode()
    with freeze_time("2025-01-06 09:00:05"):
        device.refresh_from_db()
        response = client.post(TWO_FACTOR_URL, {"code": code_for(device)})
        assert response.status_code == 302


def test_verified_user_is_not_asked_again(client, coordinator, device, two_factor):
    login(client)
    client.post(TWO_FACTOR_URL, {"code": code_for(device)})
    response = client.get(TWO_FACTOR_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")


def test_two_factor_page_needs_a_login(client, db, two_factor):
    response = client.get(TWO_FACTOR_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


# --- enrolment ----------------------------------------------------------------


def test_user_without_device_sees_enrolment_with_qr_and_secret(client, coordinator, two_factor):
    login(client)
    response = client.get(TWO_FACTOR_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Set up two-factor login" in html
    device = TOTPDevice.objects.get(user=coordinator)
    assert device.confirmed is False
    assert services.grouped_secret(device) in html
    assert re.search(r"<svg [^>]*role=\"img\"", html)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert not re.search(r"<[^>]+\sstyle=", html), "inline style attribute"
    assert "http://" not in html.split("<svg", 1)[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    )
    # Reloading keeps the same secret, so a scanned code stays valid.
    client.get(TWO_FACTOR_URL)
    assert TOTPDevice.objects.filter(user=coordinator).count() == 1


def test_enrolment_confirms_the_device_and_logs_in(client, coordinator, two_factor):
    login(client, next="/accounts/tokens/")
    client.get(TWO_FACTOR_URL)
    device = TOTPDevice.objects.get(user=coordinator)
    response = client.post(TWO_FACTOR_URL, {"code": code_for(device), "next": "/accounts/tokens/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/tokens/"
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/").status_code == 200
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.CREATE, object_type="otp_totp.TOTPDevice"
        ).count()
        == 1
    )
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN).count() == 1


def test_enrolment_with_a_wrong_code_does_not_confirm(client, coordinator, two_factor):
    login(client)
    client.get(TWO_FACTOR_URL)
    device = TOTPDevice.objects.get(user=coordinator)
    response = client.post(TWO_FACTOR_URL, {"code": wrong_code_for(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed is False
    assert client.get("/").status_code == 302


def test_next_login_asks_for_the_code_after_enrolment(client, coordinator, two_factor):
    with freeze_time("2025-01-06 09:00:00"):
        login(client)
        client.get(TWO_FACTOR_URL)
        device = TOTPDevice.objects.get(user=coordinator)
        client.post(TWO_FACTOR_URL, {"code": code_for(device)})
        client.post("/accounts/logout/")
    with freeze_time("2025-01-06 09:05:00"):
        login(client)
        html = client.get(TWO_FACTOR_URL).content.decode()
        assert "Enter your code" in html
        assert "Set up two-factor login" not in html
        device.refresh_from_db()
        assert client.post(TWO_FACTOR_URL, {"code": code_for(device)}).status_code == 302


def test_other_users_device_is_not_used(client, coordinator, two_factor):
    other = factories.UserFactory(username="other", organisation=coordinator.organisation)
    other_device = TOTPDevice.objects.create(user=other, name="default", confirmed=True)
    login(client)
    # The coordinator has no device, so enrolment; the other user's code must not log in.
    response = client.post(TWO_FACTOR_URL, {"code": code_for(other_device)})
    assert response.status_code == 200
    assert client.get("/").status_code == 302
