"""A caseworker saves the work list's filters under a name, finds them back
on the list, and removes them; nobody else sees them."""

import pytest

from openopvang.accounts.models import Role
from openopvang.audit.models import AuditEvent
from openopvang.casework.models import SavedFilter
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker(municipality):
    return factories.UserFactory(username="cw", organisation=municipality, role=Role.CASEWORKER)


@pytest.fixture
def cw_client(client, caseworker):
    client.force_login(caseworker)
    return client


def test_save_find_back_and_remove_a_filter(cw_client, caseworker, coordinator):
    response = cw_client.post(
        "/casework/filters/",
        {"name": "Overdue, mine", "query": "caseworker=me&due=overdue&page=3&evil=1"},
        follow=True,
    )
    page = page_text(response)
    assert "Filter “Overdue, mine” saved." in page
    saved = SavedFilter.objects.get()
    # Only the list's own filters, never the page or anything else.
    assert saved.query == "caseworker=me&due=overdue"
    assert response.redirect_chain[-1][0].endswith("?caseworker=me&due=overdue")
    assert "Your saved filters" in page and "Overdue, mine" in page

    # Another caseworker of the municipality does not see it, nor can remove it.
    colleague = factories.UserFactory(
        username="cw2", organisation=caseworker.organisation, role=Role.CASEWORKER
    )
    from django.test import Client

    other = Client()
    other.force_login(colleague)
    assert "Overdue, mine" not in page_text(other.get("/casework/"))
    assert other.post(f"/casework/filters/{saved.pk}/delete/").status_code == 404

    removed = cw_client.post(f"/casework/filters/{saved.pk}/delete/", follow=True)
    assert "Filter “Overdue, mine” removed." in page_text(removed)
    assert not SavedFilter.objects.exists()
    assert AuditEvent.objects.filter(object_type="casework.SavedFilter").count() == 2


def test_a_name_is_needed_once_and_filters_first(cw_client):
    empty = cw_client.post(
        "/casework/filters/", {"name": "Nothing", "query": "page=2"}, follow=True
    )
    assert "Choose filters first, then save them." in page_text(empty)
    cw_client.post("/casework/filters/", {"name": "Mine", "query": "caseworker=me"})
    twice = cw_client.post("/casework/filters/", {"name": "Mine", "query": "due=soon"}, follow=True)
    assert "You already have a saved filter with this name." in page_text(twice)
    assert SavedFilter.objects.count() == 1


def test_the_list_offers_to_save_only_when_filtered(cw_client):
    assert "Save these filters as" not in page_text(cw_client.get("/casework/"))
    assert "Save these filters as" in page_text(cw_client.get("/casework/?due=soon"))


def test_a_finance_officer_cannot_save_filters(client, finance_officer):
    client.force_login(finance_officer)
    response = client.post("/casework/filters/", {"name": "x", "query": "due=soon"})
    assert response.status_code in (403, 404)
    assert not SavedFilter.objects.exists()
