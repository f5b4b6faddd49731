"""The admin (platform superusers), the createstaffuser command and the
deployment system checks."""

import pytest
from django.contrib import admin
from django.core.checks import Error, Warning
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from openopvang.accounts.models import ApiToken, Organisation, OrganisationKind, Role, User
from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core import checks
from openopvang.core.testing import factories


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def superuser(db):
    return factories.UserFactory(
        username="root", organisation=None, role="", is_superuser=True, is_staff=True
    )


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def test_admin_site_is_two_factor_protected():
    from django_otp.admin import OTPAdminSite

    assert isinstance(admin.site, OTPAdminSite)


@pytest.mark.parametrize("model", [Organisation, User, ApiToken, AuditEvent])
def test_models_are_registered(model):
    assert admin.site.is_registered(model)


def test_registry_models_are_registered():
    from openopvang.registry import models

    for model in (
        models.Person,
        models.Household,
        models.Location,
        models.Host,
        models.Placement,
        models.IncomePeriod,
    ):
        assert admin.site.is_registered(model)


def test_admin_changelists_open(superuser_client, coordinator):
    factories.PersonFactory(municipality=coordinator.organisation)
    for name in (
        "accounts_organisation",
        "accounts_user",
        "accounts_apitoken",
        "audit_auditevent",
        "registry_person",
        "registry_household",
        "registry_location",
        "registry_placement",
        "registry_host",
    ):
        response = superuser_client.get(reverse(f"admin:{name}_changelist"))
        assert response.status_code == 200, name


def test_audit_events_cannot_be_added_changed_or_deleted(
    superuser_client, coordinator, rf, superuser
):
    event = audit.record(coordinator, AuditAction.VIEW, coordinator)
    model_admin = admin.site._registry[AuditEvent]
    request = rf.get("/")
    request.user = superuser
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)
    assert superuser_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    delete_url = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert superuser_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    # The detail page is a read-only view.
    page = superuser_client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


def test_organisation_merger_without_code_change(superuser_client, superuser):
    old = factories.MunicipalityFactory(code="GM9901", name="Oudgemeente")
    url = reverse("admin:accounts_organisation_change", args=[old.pk])
    response = superuser_client.post(
        url,
        {
            "name": "Oudgemeente",
            "kind": OrganisationKind.MUNICIPALITY,
            "ended_on": "2025-12-31",
            "veiligheidsregio_code": "",
            "veiligheidsregio_name": "",
            "email": "",
            "iban": "",
            "bic": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    old.refresh_from_db()
    assert str(old.ended_on) == "2025-12-31"
    assert old.code == "GM9901"
    response = superuser_client.post(
        reverse("admin:accounts_organisation_add"),
        {
            "code": "GM9902",
            "name": "Nieuwgemeente",
            "kind": OrganisationKind.MUNICIPALITY,
            "ended_on": "",
            "veiligheidsregio_code": "",
            "veiligheidsregio_name": "",
            "email": "",
            "iban": "",
            "bic": "",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(code="GM9902").exists()
    update = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="accounts.Organisation")
    assert update.changes == {"ended_on": [None, "2025-12-31"]}
    assert update.organisation == old
    assert update.channel == "admin"
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="accounts.Organisation"
    ).exists()
    # Ended organisations are kept, never deleted.
    delete_url = reverse("admin:accounts_organisation_delete", args=[old.pk])
    assert superuser_client.get(delete_url).status_code == 403


def test_user_admin_edits_organisation_and_role_and_hides_password(superuser_client, coordinator):
    url = reverse("admin:accounts_user_change", args=[coordinator.pk])
    page = superuser_client.get(url).content.decode()
    assert 'name="organisation"' in page and 'name="role"' in page
    superuser_client.post(
        url,
        {
            "username": "coordinator",
            "first_name": "",
            "last_name": "",
            "email": "",
            "preferred_language": "nl",
            "organisation": coordinator.organisation.pk,
            "role": Role.ADMINISTRATOR,
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2025-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    coordinator.refresh_from_db()
    assert coordinator.role == Role.ADMINISTRATOR
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="accounts.User")
    assert event.changes["role"] == [Role.COORDINATOR, Role.ADMINISTRATOR]
    assert "password" not in event.changes or event.changes["password"] == "***"


def test_user_admin_resets_two_factor(superuser_client, coordinator):
    TOTPDevice.objects.create(user=coordinator, name="default", confirmed=True)
    superuser_client.post(
        reverse("admin:accounts_user_changelist"),
        {
            "action": "reset_two_factor",
            "_selected_action": [coordinator.pk],
        },
    )
    assert not TOTPDevice.objects.filter(user=coordinator).exists()


def test_token_admin_is_read_only_with_revoke_action(superuser_client, coordinator):
    token, _raw = ApiToken.issue(coordinator, "Koppeling")
    model_admin = admin.site._registry[ApiToken]
    assert (
        "token_hash"
        not in superuser_client.get(
            reverse("admin:accounts_apitoken_change", args=[token.pk])
        ).content.decode()
    )
    assert model_admin.has_add_permission(None) is False
    response = superuser_client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {
            "action": "revoke",
            "_selected_action": [token.pk],
        },
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="accounts.ApiToken"
    ).exists()


def test_opening_a_person_in_the_admin_is_audited(superuser_client, municipality):
    person = factories.PersonFactory(municipality=municipality)
    superuser_client.get(reverse("admin:registry_person_change", args=[person.pk]))
    event = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="registry.Person")
    assert event.organisation == municipality


def test_non_staff_user_has_no_admin(coordinator_client):
    response = coordinator_client.get("/admin/")
    assert response.status_code in (302, 403)
    assert coordinator_client.get(reverse("admin:accounts_user_changelist")).status_code != 200


@override_settings(OPENOPVANG_TWO_FACTOR_REQUIRED=True)
def test_admin_needs_a_verified_session(client, superuser):
    # Not logged in: the admin login is the staff login.
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # Password only: sent to the second factor.
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor") + "?next=%2Fadmin%2F"
    # With a verified code: in.
    device = TOTPDevice.objects.create(user=superuser, name="default", confirmed=True)
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert client.post(reverse("accounts:two_factor"), {"code": code}).status_code == 302
    assert client.get("/admin/").status_code == 200


# --- createstaffuser ----------------------------------------------------------


def test_createstaffuser(municipality, capsys):
    call_command(
        "createstaffuser",
        "jansen",
        "--organisation",
        "gm0344",
        "--role",
        "finance",
        "--password",
        "a sufficiently long pass",
        "--totp",
    )
    user = User.objects.get(username="jansen")
    assert user.organisation == municipality
    assert user.role == Role.FINANCE
    assert user.check_password("a sufficiently long pass")
    assert not user.is_staff
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed
    out = capsys.readouterr().out
    assert "otpauth://totp/" in out
    assert device.config_url in out
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="accounts.User")
    assert event.channel == "cli"
    assert event.organisation == municipality


def test_createstaffuser_refuses_unknown_organisation_and_weak_password(db):
    with pytest.raises(CommandError, match="No organisation"):
        call_command(
            "createstaffuser",
            "x",
            "--organisation",
            "GM0000",
            "--role",
            "finance",
            "--password",
            "a sufficiently long pass",
        )
    factories.MunicipalityFactory(code="GM0344")
    with pytest.raises(CommandError, match="Password refused"):
        call_command(
            "createstaffuser",
            "x",
            "--organisation",
            "GM0344",
            "--role",
            "finance",
            "--password",
            "short",
        )
    assert not User.objects.filter(username="x").exists()


def test_createstaffuser_reads_password_from_environment(municipality, monkeypatch):
    monkeypatch.setenv("OPENOPVANG_STAFF_PASSWORD", "another long password")
    call_command(
        "createstaffuser",
        "pieters",
        "--organisation",
        "GM0344",
        "--role",
        "administrator",
        "--admin-site",
    )
    user = User.objects.get(username="pieters")
    assert user.check_password("another long password")
    assert user.is_staff and not user.is_superuser


# --- system checks -----------------------------------------------------------


def test_check_secret_key():
    with override_settings(DEBUG=False, SECRET_KEY=""):
        errors = checks.check_secret_key()
    assert [type(e) for e in errors] == [Error]
    assert errors[0].id == "openopvang.E001"
    with override_settings(DEBUG=True, SECRET_KEY=""):
        assert checks.check_secret_key() == []
    with override_settings(DEBUG=False, SECRET_KEY="long-random-value"):
        assert checks.check_secret_key() == []


def test_check_two_factor():
    with override_settings(DEBUG=False, OPENOPVANG_TWO_FACTOR_REQUIRED=False):
        warnings = checks.check_two_factor()
    assert [type(w) for w in warnings] == [Warning]
    with override_settings(DEBUG=False, OPENOPVANG_TWO_FACTOR_REQUIRED=True):
        assert checks.check_two_factor() == []
    with override_settings(DEBUG=True, OPENOPVANG_TWO_FACTOR_REQUIRED=False):
        assert checks.check_two_factor() == []


def test_checks_are_registered():
    from django.core.checks.registry import registry

    registered = registry.get_checks()
    assert checks.check_secret_key in registered
    assert checks.check_two_factor in registered
