"""The person picker of the enrolment form on an order: search as you type by
name, birth date or part of the BSN; who is already enrolled in the chosen
service is not offered; an NGO searches by name only and never sees a birth
date or BSN; every search that shows persons is audited."""

import pytest
from django.test import Client

from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing.html import page_text
from openopvang.support import services
from openopvang.support.models import Enrolment

from .conftest import SECRET_BSN

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def search(client, order, text, line=None):
    params = {"person_search": text}
    if line is not None:
        params["order_line"] = line.pk
    return client.get(f"/support/orders/{order.pk}/enrol/persons/", params, HTTP_HX_REQUEST="true")


def test_municipal_staff_find_by_name_birth_date_or_bsn_fragment(
    order, lines, persons, coordinator
):
    olena = persons[0]
    gemeente = client_for(coordinator)
    birth = olena.birth_date
    for text in (olena.family_name, birth.strftime("%d-%m-%Y"), SECRET_BSN[2:7]):
        shown = page_text(search(gemeente, order, text))
        assert olena.full_name in shown, text
        assert f"BSN ••••••{SECRET_BSN[-3:]}" in shown
        assert SECRET_BSN not in shown


def test_who_is_enrolled_in_the_chosen_service_is_not_offered(order, lines, persons, coordinator):
    guidance, parenting = lines
    olena = persons[0]
    services.enrol(coordinator, guidance, olena)
    gemeente = client_for(coordinator)
    assert olena.full_name not in page_text(search(gemeente, order, olena.family_name, guidance))
    assert olena.full_name in page_text(search(gemeente, order, olena.family_name, parenting))
    # chosen anyway (an old tab): the model says why
    again = gemeente.post(
        f"/support/orders/{order.pk}/",
        {"order_line": guidance.pk, "person": olena.pk, "enrolled_on": "2025-03-01"},
    )
    assert "This person is already enrolled in this service." in page_text(again)


def test_the_order_page_enrols_through_the_picker(order, lines, persons, coordinator):
    guidance, _parenting = lines
    gemeente = client_for(coordinator)
    page = gemeente.get(f"/support/orders/{order.pk}/")
    assert f'hx-get="/support/orders/{order.pk}/enrol/persons/"' in page.content.decode()
    assert 'hx-include="#id_order_line"' in page.content.decode()

    # Without JavaScript: Search shows the matches and saves nothing …
    typed = {"order_line": guidance.pk, "person_search": persons[1].family_name}
    found = gemeente.post(
        f"/support/orders/{order.pk}/",
        {**typed, "enrolled_on": "2025-03-01", "picker_search": "person"},
    )
    assert persons[1].full_name in page_text(found)
    assert not Enrolment.objects.exists()
    # … then the chosen person is enrolled.
    response = gemeente.post(
        f"/support/orders/{order.pk}/",
        {**typed, "person": persons[1].pk, "enrolled_on": "2025-03-01"},
        follow=True,
    )
    assert "The person has been enrolled." in page_text(response)
    assert Enrolment.objects.get().person == persons[1]


def test_an_ngo_finds_its_participants_by_name_only(order, lines, persons, coordinator, ngo_worker):
    guidance, parenting = lines
    olena = persons[0]
    services.enrol(coordinator, guidance, olena)
    ngo = client_for(ngo_worker)
    shown = page_text(search(ngo, order, olena.family_name, parenting))
    assert olena.full_name in shown
    assert "BSN" not in shown and "born" not in shown
    # neither the birth date nor the BSN can be used to find someone
    assert "Nobody found" in page_text(search(ngo, order, SECRET_BSN[2:7], parenting))
    birth = olena.birth_date.strftime("%d-%m-%Y")
    assert "Nobody found" in page_text(search(ngo, order, birth, parenting))
    # persons never enrolled with the NGO stay invisible
    assert "Nobody found" in page_text(search(ngo, order, persons[2].family_name, parenting))


def test_a_search_that_shows_persons_is_audited(order, lines, persons, coordinator):
    search(client_for(coordinator), order, persons[0].family_name)
    event = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="support.Order")
    assert f"registry.Person:{persons[0].pk}" in event.shown


def test_only_who_may_enrol_can_search(order, persons, other_ngo_worker, outsider, municipality):
    from openopvang.accounts.models import Role
    from openopvang.core.testing import factories

    caseworker = factories.UserFactory(
        username="case", organisation=municipality, role=Role.CASEWORKER
    )
    assert search(client_for(caseworker), order, "a").status_code == 403
    assert search(client_for(other_ngo_worker), order, "a").status_code == 404
    assert search(client_for(outsider), order, "a").status_code == 404
