"""An administrator sets the municipality's own retention periods on the
retention page; the legal minimum holds there as everywhere, and the change
is audited and used by the anonymisation."""

import pytest

from openopvang.audit.models import AuditEvent
from openopvang.core.testing.html import page_text
from openopvang.privacy.models import RetentionSetting
from openopvang.privacy.retention import DEFAULTS, periods_for

pytestmark = pytest.mark.django_db


def _form(**changes):
    data = {kind: rule.months for kind, rule in DEFAULTS.items()}
    data.update(changes)
    return data


def test_the_page_shows_the_defaults_and_saves_a_shorter_period(admin_client, municipality):
    page = page_text(admin_client.get("/privacy/"))
    assert "National default 24 months; at least 6." in page

    response = admin_client.post("/privacy/", _form(personal_details=12), follow=True)
    assert "The retention periods have been saved." in page_text(response)
    assert periods_for(municipality)["personal_details"] == 12
    # Only the changed kind is stored and audited.
    assert RetentionSetting.objects.count() == 1
    event = AuditEvent.objects.get(object_type="privacy.RetentionSetting")
    assert event.action == "create" and event.changes["months"] == 12


def test_below_the_legal_minimum_is_refused_next_to_its_field(admin_client, municipality):
    response = admin_client.post("/privacy/", _form(personal_details=3))
    assert response.status_code == 400
    assert "The law requires at least 6 months for this kind." in page_text(response)
    assert not RetentionSetting.objects.exists()
    dutch = admin_client.post("/privacy/", _form(personal_details=3), HTTP_ACCEPT_LANGUAGE="nl")
    assert "De wet vereist voor deze soort ten minste 6 maanden." in page_text(dutch)


def test_only_administrators_change_them(coordinator_client):
    assert coordinator_client.post("/privacy/", _form(personal_details=12)).status_code == 403
    assert not RetentionSetting.objects.exists()
