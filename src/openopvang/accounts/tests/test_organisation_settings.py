"""The administrator's organisation settings: the debtor IBAN the SEPA file
pays from, checked like a person's IBAN, saved with an audit event."""

import pytest
from django.urls import reverse
from django.utils import translation

from openopvang.accounts.models import Role
from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text

URL = "/accounts/organisation/"


@pytest.fixture
def administrator(municipality):
    return factories.UserFactory(
        username="utrecht-admin", organisation=municipality, role=Role.ADMINISTRATOR
    )


def test_the_administrator_enters_the_debtor_iban(client, administrator, municipality):
    client.force_login(administrator)
    page = page_text(client.get(URL))
    assert "Organisation settings" in page and "No debtor IBAN yet" in page
    response = client.post(
        URL, {"email": "opvang@utrecht.nl", "iban": "nl91 abna 0417 1643 00", "bic": "abnanl2a"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:organisation")
    municipality.refresh_from_db()
    assert (municipality.iban, municipality.bic) == ("NL91ABNA0417164300", "ABNANL2A")
    event = AuditEvent.objects.get(object_type="accounts.Organisation", action="update")
    assert event.changes["iban"] == ["", "NL91ABNA0417164300"]
    assert "No debtor IBAN yet" not in page_text(client.get(URL))


def test_a_wrong_iban_is_refused_in_dutch(client, administrator, municipality):
    client.force_login(administrator)
    with translation.override("nl"):
        response = client.post(
            URL,
            {"email": "", "iban": "NL91ABNA0417164301", "bic": "XYZ"},
            HTTP_ACCEPT_LANGUAGE="nl",
        )
    assert response.status_code == 200
    text = page_text(response)
    assert "is geen geldig IBAN" in text
    assert "is geen geldige BIC" in text
    municipality.refresh_from_db()
    assert municipality.iban == ""


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.FINANCE, Role.CASEWORKER])
def test_other_roles_cannot_change_the_settings(client, municipality, role):
    user = factories.UserFactory(username=f"s-{role}", organisation=municipality, role=role)
    client.force_login(user)
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"iban": "NL91ABNA0417164300"})
    assert response.status_code == 403
    assert "Only an administrator" in response.content.decode()
    municipality.refresh_from_db()
    assert municipality.iban == ""


def test_the_administrator_finds_the_page_in_the_menu(client, administrator):
    client.force_login(administrator)
    assert 'href="/accounts/organisation/"' in client.get("/").content.decode()


def test_the_address_for_letters_is_kept_in_the_dutch_form(client, administrator, municipality):
    client.force_login(administrator)
    response = client.post(
        URL,
        {
            "letter_name": "Gemeente Utrecht, team Opvang",
            "street_address": "Stadsplateau 1",
            "postcode": "3521az",
            "city": "Utrecht",
            "kvk_number": "30280148",
        },
    )
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.sender_name == "Gemeente Utrecht, team Opvang"
    assert municipality.address_lines == ["Stadsplateau 1", "3521 AZ UTRECHT"]
    assert municipality.kvk_number == "30280148"


def test_a_foreign_postcode_and_short_kvk_are_refused_in_dutch(client, administrator):
    client.force_login(administrator)
    with translation.override("nl"):
        response = client.post(
            URL, {"postcode": "SW1A 1AA", "kvk_number": "1234"}, HTTP_ACCEPT_LANGUAGE="nl"
        )
    text = page_text(response)
    assert "SW1A 1AA is geen Nederlandse postcode" in text
    assert "Een KvK-nummer heeft 8 cijfers" in text
