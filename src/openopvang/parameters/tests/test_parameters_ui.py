"""The parameters page: everyone on staff reads it; administrators of the
national organisation add or correct values, always with a reference."""

import datetime

import pytest
from django.urls import reverse

from openopvang.accounts.models import OrganisationKind, Role
from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text
from openopvang.parameters.models import ParameterOverride

pytestmark = pytest.mark.django_db

GOO = "booo.goo.normbedrag_per_place_day"


@pytest.fixture
def admin_client(client):
    national = factories.MunicipalityFactory(code="NOO", name="NOO", kind=OrganisationKind.NATIONAL)
    admin = factories.UserFactory(
        username="noo-admin", organisation=national, role=Role.ADMINISTRATOR
    )
    client.force_login(admin)
    return client


def _value(**changes):
    data = {
        "name": GOO,
        "start": "2026-01-01",
        "end": "",
        "value": "40.00",
        "publication": "Stcrt. 2025, 99999",
        "article": "BooO art. 2 lid 1 sub a",
        "url": "https://zoek.officielebekendmakingen.nl/stcrt-2025-99999",
        "confidence": "confirmed",
        "note": "",
        "confirmed": "1",  # past the preview (see the preview tests)
    }
    data.update(changes)
    return data


def test_staff_see_every_parameter_with_its_origin(coordinator_client):
    page = coordinator_client.get(reverse("rules:parameter_list"), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert page.status_code == 200
    for name in (GOO, "booo.poo.normbedrag_per_person_month", "booo.advance.request_deadline"):
        assert f'id="{name}"' in text
    assert "Stcrt. 2022, 27515" in text and "secondary (news report)" in text
    assert "No value after 31 December 2025" in page_text(text)
    assert reverse("rules:parameter_create") not in text  # no edit links for a coordinator
    assert coordinator_client.get(reverse("rules:parameter_create")).status_code == 403
    assert coordinator_client.post(reverse("rules:parameter_create"), _value()).status_code == 403
    assert not ParameterOverride.objects.exists()


def test_administrator_adds_the_2026_value_with_a_reference(
    admin_client, finance_officer, municipality
):
    response = admin_client.post(
        reverse("rules:parameter_create"),
        _value(publication="", article=""),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200 and not ParameterOverride.objects.exists()
    assert "This field is required." in response.content.decode()

    response = admin_client.post(
        reverse("rules:parameter_create"), _value(value="abc"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "not an amount" in response.content.decode() and not ParameterOverride.objects.exists()

    response = admin_client.post(reverse("rules:parameter_create"), _value())
    assert response.status_code == 302
    override = ParameterOverride.objects.get()
    assert override.start == datetime.date(2026, 1, 1)
    assert AuditEvent.objects.filter(
        object_type="parameters.ParameterOverride", action=AuditAction.CREATE
    ).exists()
    page = admin_client.get(
        reverse("rules:parameter_list"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Stcrt. 2025, 99999" in page and "database (administrator" in page

    # The 2026 declaration now computes its GOO lines with the new value.
    location = factories.LocationFactory(municipality=municipality)
    factories.CapacityPeriodFactory(
        location=location,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 1, 10),
        places=3,
    )
    from openopvang.declarations.figures import compute

    assert str(compute(municipality, 2026).total) == "1200.00"  # 10 days × 3 places × € 40


def test_administrator_corrects_a_value(admin_client):
    page = admin_client.get(reverse("rules:parameter_create") + f"?name={GOO}&start=2024-01-01")
    assert 'value="61.00"' in page.content.decode()
    admin_client.post(
        reverse("rules:parameter_create"),
        _value(start="2024-01-01", value="61.00", publication="Stcrt. 2024, 12345"),
    )
    override = ParameterOverride.objects.get()
    response = admin_client.post(
        reverse("rules:parameter_update", args=[override.pk]),
        _value(start="2024-01-01", value="62.00", publication="Stcrt. 2024, 12345"),
    )
    assert response.status_code == 302
    override.refresh_from_db()
    assert str(override.value) == "62.00"
    update = AuditEvent.objects.get(
        object_type="parameters.ParameterOverride", action=AuditAction.UPDATE
    )
    assert update.changes["value"] == ["61.00", "62.00"]


def test_superuser_may_manage(client, municipality):
    superuser = factories.UserFactory(username="root", organisation=municipality, is_superuser=True)
    client.force_login(superuser)
    assert client.get(reverse("rules:parameter_create")).status_code == 200


def test_a_value_is_shown_with_its_effect_before_it_is_saved(
    admin_client, finance_officer, municipality
):
    response = admin_client.post(
        reverse("rules:parameter_create"),
        _value(start="2025-07-01", value="70.00", confirmed=""),
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    text = page_text(response)
    assert response.status_code == 200 and not ParameterOverride.objects.exists()
    assert "Controleer de wijziging voordat u opslaat" in text
    # The 2025 value is cut at 30 June; the new one runs to the end of the year.
    assert "1 januari 2025 – 31 december 2025 : 44,00" in text
    assert "1 januari 2025 – 30 juni 2025 : 44,00" in text
    assert "1 juli 2025 – 31 december 2025 : 70,00 (deze waarde)" in text
    assert "Waarde opslaan" in text
    response = admin_client.post(
        reverse("rules:parameter_create"), _value(start="2025-07-01", value="70.00")
    )
    assert response.status_code == 302 and ParameterOverride.objects.count() == 1


def test_a_value_that_would_leave_days_without_a_value_is_refused(admin_client):
    """Seen: one mid-year entry with an end date left September-December 2025
    without a normbedrag and broke every 2025 declaration."""
    for confirmed in ("", "1"):
        response = admin_client.post(
            reverse("rules:parameter_create"),
            _value(start="2025-07-01", end="2025-08-31", value="70.00", confirmed=confirmed),
            HTTP_ACCEPT_LANGUAGE="nl",
        )
        assert response.status_code == 200
        assert (
            f"{GOO} zou geen waarde hebben van 1 september 2025 tot en met 31 december 2025"
            in page_text(response)
        )
    assert not ParameterOverride.objects.exists()
    # Filling the rest of the year in the same period is fine.
    response = admin_client.post(
        reverse("rules:parameter_create"),
        _value(start="2025-07-01", end="2025-12-31", value="70.00"),
    )
    assert response.status_code == 302
