"""The administrator's user management: invite a colleague (a real SMTP
server on loopback receives the mail), change a role, deactivate, reset the
second factor, unlock after a lockout; each change audited, each refused to
other roles, other organisations and the administrator's own account."""

import email
import re
import socket

import pytest
from aiosmtpd.controller import Controller
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from openopvang.accounts.models import ApiToken, Role, User
from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text

STAFF = "/accounts/staff/"


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1; the platform's SMTP backend sends to it."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    settings.DEFAULT_FROM_EMAIL = "Open Opvang Utrecht <noreply@utrecht.example>"
    yield mailbox
    controller.stop()


@pytest.fixture
def no_smtp_server(settings):
    """A port on loopback where nothing listens: the mail server is down."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        free_port(),
        False,
    )


@pytest.fixture
def administrator(municipality):
    return factories.UserFactory(
        username="utrecht-admin",
        first_name="Anna",
        last_name="de Beheerder",
        organisation=municipality,
        role=Role.ADMINISTRATOR,
    )


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def _body(message) -> str:
    return message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")


def invite(admin_client, **overrides):
    data = {
        "first_name": "Bram",
        "last_name": "Jansen",
        "email": "B.Jansen@Utrecht.example",
        "role": Role.FINANCE,
    }
    return admin_client.post(f"{STAFF}invite/", {**data, **overrides}, HTTP_ACCEPT_LANGUAGE="nl")


def test_an_invited_colleague_chooses_a_password_and_logs_in(
    admin_client, smtp_server, municipality
):
    response = invite(admin_client)
    user = User.objects.get(username="b.jansen@utrecht.example")
    assert response.status_code == 302 and response["Location"] == f"{STAFF}{user.pk}/"
    assert (user.organisation, user.role, user.has_usable_password()) == (
        municipality,
        Role.FINANCE,
        False,
    )
    (message,) = smtp_server.messages
    assert message["To"] == "b.jansen@utrecht.example"
    assert message["Subject"] == "Je account voor Open Opvang bij Utrecht"
    body = _body(message)
    assert "Anna de Beheerder heeft een account voor je gemaakt" in body
    link = re.search(r"http://testserver(/accounts/invitation/\S+/)", body).group(1)

    newcomer = Client()
    page = page_text(newcomer.get(link, follow=True, HTTP_ACCEPT_LANGUAGE="nl"))
    assert "Kies je wachtwoord" in page and "Welkom, Bram Jansen" in page
    form_url = newcomer.get(link)["Location"]  # Django swaps the token for a session key
    response = newcomer.post(
        form_url,
        {"new_password1": "zomer-in-Utrecht-2026", "new_password2": "zomer-in-Utrecht-2026"},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    login = newcomer.post(
        "/accounts/login/",
        {"username": "b.jansen@utrecht.example", "password": "zomer-in-Utrecht-2026"},
    )
    assert login.status_code == 302 and login["Location"] == "/"
    # The link works once.
    again = page_text(Client().get(link, follow=True, HTTP_ACCEPT_LANGUAGE="nl"))
    assert "Deze link werkt niet meer" in again
    actions = AuditEvent.objects.filter(
        object_type="accounts.User", object_id=str(user.pk), action__in=["create", "update"]
    )
    assert [event.changes.get("invitation") for event in actions.order_by("id")] == [
        None,
        "sent",
        "accepted",
    ]


def test_a_mail_server_that_is_down_is_said_and_the_invitation_can_be_resent(
    admin_client, no_smtp_server, settings
):
    response = invite(admin_client)
    user = User.objects.get(username="b.jansen@utrecht.example")
    page = page_text(admin_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="nl"))
    assert "De uitnodiging kon niet worden verstuurd" in page
    assert "Uitnodiging opnieuw sturen" in page
    assert not AuditEvent.objects.filter(changes__invitation="sent").exists()
    del settings.EMAIL_HOST  # the mail server is back: the locmem outbox of the tests
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core import mail

    admin_client.post(f"{STAFF}{user.pk}/resend-invitation/")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["b.jansen@utrecht.example"]


def test_an_invitation_is_refused_for_a_taken_address_and_a_role_of_another_kind(
    admin_client, smtp_server, coordinator
):
    coordinator.email = "taken@utrecht.example"
    coordinator.save()
    text = page_text(invite(admin_client, email="Taken@utrecht.example"))
    assert "Er is al een account met dit e-mailadres" in text
    text = page_text(invite(admin_client, role=Role.NGO_WORKER))
    assert "Selecteer een geldige keuze. ngo_worker is geen beschikbare keuze." in text
    assert not smtp_server.messages


def test_the_staff_list_finds_colleagues_and_shows_their_state(
    admin_client, administrator, coordinator, outsider, settings
):
    coordinator.first_name, coordinator.last_name = "Kees", "Vermeulen"
    coordinator.save()
    TOTPDevice.objects.create(user=coordinator, name="default", confirmed=True)
    AccessAttempt.objects.create(
        username=coordinator.username,
        ip_address="192.0.2.1",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )
    page = page_text(admin_client.get(STAFF))
    assert "Kees Vermeulen" in page and "Reception coordinator" in page
    assert "locked out after wrong passwords" in page
    assert outsider.username not in page  # another municipality
    found = page_text(admin_client.get(STAFF, {"q": coordinator.last_name}))
    assert "Kees Vermeulen" in found
    assert (
        f'href="{STAFF}{administrator.pk}/"'
        not in admin_client.get(STAFF, {"q": "Kees"}).content.decode()
    )
    assert "No colleague matches" in page_text(admin_client.get(STAFF, {"q": "zzzz"}))


def test_changing_a_role_is_audited(admin_client, coordinator):
    response = admin_client.post(f"{STAFF}{coordinator.pk}/", {"role": Role.FINANCE})
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.role == Role.FINANCE
    event = AuditEvent.objects.get(object_id=str(coordinator.pk), action="update")
    assert event.changes == {"role": [Role.COORDINATOR, Role.FINANCE]}


def test_deactivation_stops_the_login_and_the_api_tokens(admin_client, coordinator):
    _token, raw = ApiToken.issue(coordinator, "integration")
    confirm = page_text(admin_client.get(f"{STAFF}{coordinator.pk}/deactivate/"))
    assert "API tokens stop working" in confirm
    coordinator.refresh_from_db()
    assert coordinator.is_active  # a GET only asks
    admin_client.post(f"{STAFF}{coordinator.pk}/deactivate/")
    coordinator.refresh_from_db()
    assert not coordinator.is_active
    api = Client(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get("/api/v1/persons/").status_code == 401
    assert AuditEvent.objects.get(object_id=str(coordinator.pk)).changes == {
        "is_active": [True, False]
    }
    admin_client.post(f"{STAFF}{coordinator.pk}/reactivate/")
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_reset_two_factor_and_unlock(admin_client, coordinator, settings):
    TOTPDevice.objects.create(user=coordinator, name="default", confirmed=True)
    AccessAttempt.objects.create(
        username=coordinator.username,
        ip_address="192.0.2.1",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )
    page = page_text(admin_client.get(f"{STAFF}{coordinator.pk}/"))
    assert "Reset the two-factor login" in page and "Unlock the login" in page
    admin_client.post(f"{STAFF}{coordinator.pk}/reset-two-factor/")
    admin_client.post(f"{STAFF}{coordinator.pk}/unlock/")
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert not AccessAttempt.objects.filter(username=coordinator.username).exists()
    changes = AuditEvent.objects.filter(object_id=str(coordinator.pk)).values_list(
        "changes", flat=True
    )
    assert {"two_factor": "reset"} in changes and {"login": "unlocked"} in changes


def test_an_administrator_cannot_demote_or_deactivate_themselves(admin_client, administrator):
    page = page_text(admin_client.get(f"{STAFF}{administrator.pk}/"))
    assert "This is your own account" in page
    assert (
        admin_client.post(f"{STAFF}{administrator.pk}/", {"role": Role.COORDINATOR}).status_code
        == 403
    )
    assert admin_client.post(f"{STAFF}{administrator.pk}/deactivate/").status_code == 403
    administrator.refresh_from_db()
    assert administrator.is_active and administrator.role == Role.ADMINISTRATOR


def test_other_organisations_and_other_roles_are_refused(admin_client, outsider, coordinator):
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    assert admin_client.get(f"{STAFF}{outsider.pk}/").status_code == 404
    assert admin_client.post(f"{STAFF}{outsider.pk}/deactivate/").status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active
    for url in (STAFF, f"{STAFF}invite/", f"{STAFF}{coordinator.pk}/"):
        assert coordinator_client.get(url).status_code == 403
    assert admin_client.get(f"{STAFF}{coordinator.pk}/no-such-action/").status_code == 404


def test_the_administrators_pages_need_the_second_factor(client, administrator, settings):
    settings.OPENOPVANG_TWO_FACTOR_REQUIRED = True
    client.force_login(administrator)
    for url in (STAFF, "/accounts/organisation/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/two-factor/?next=")
