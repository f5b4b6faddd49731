"""Enrolments a user manages unaided: ending one from the participants page
(not before it began, not before attendance already registered; audited;
only who may enrol), and a warning to confirm when the person's age on the
enrolment date is outside the service's target group."""

import datetime

import pytest
from django.test import Client

from openopvang.accounts.models import Role
from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text
from openopvang.support import services
from openopvang.support.models import Enrolment

from .conftest import api_as, person

pytestmark = pytest.mark.django_db

D = datetime.date


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


# --- 3. ending an enrolment ------------------------------------------------------------


def test_an_enrolment_is_ended_from_the_participants_page(order, lines, persons, coordinator):
    guidance, _parenting = lines
    enrolment = services.enrol(coordinator, guidance, persons[0], enrolled_on=D(2025, 2, 1))
    gemeente = client_for(coordinator)
    participants_url = f"/support/orders/{order.pk}/participants/"
    page = gemeente.get(participants_url)
    end_url = f"/support/enrolments/{enrolment.pk}/end/"
    assert end_url in page.content.decode()
    assert "Social guidance: since 1 February 2025" in page_text(page)
    assert "End enrolment" in page_text(page)

    form = gemeente.get(end_url)
    assert form.status_code == 200
    assert persons[0].full_name in page_text(form) and "1 February 2025" in page_text(form)

    response = gemeente.post(end_url, {"ended_on": "2025-06-30"}, follow=True)
    assert response.redirect_chain[-1][0] == participants_url
    text = page_text(response)
    assert f"The enrolment of {persons[0].full_name} in Social guidance ends on 30 June 2025." in (
        text
    )
    assert "Social guidance: 1 February 2025 – 30 June 2025" in text
    assert "Change end date" in text
    enrolment.refresh_from_db()
    assert enrolment.ended_on == D(2025, 6, 30)
    event = AuditEvent.objects.filter(
        object_type="support.Enrolment", action="update", actor=coordinator
    ).get()
    assert "ended_on" in event.changes


def test_the_end_date_cannot_be_before_the_enrolment_date(order, lines, persons, coordinator):
    enrolment = services.enrol(coordinator, lines[0], persons[0], enrolled_on=D(2025, 2, 1))
    response = client_for(coordinator).post(
        f"/support/enrolments/{enrolment.pk}/end/", {"ended_on": "2025-01-31"}
    )
    assert response.status_code == 200
    assert "The end date cannot be before the enrolment date (1 February 2025)." in page_text(
        response
    )
    enrolment.refresh_from_db()
    assert enrolment.ended_on is None
    assert not AuditEvent.objects.filter(object_type="support.Enrolment", action="update").exists()


def test_the_end_date_cannot_be_before_registered_attendance(
    order, lines, persons, coordinator, ngo_worker
):
    guidance, _parenting = lines
    enrolment = services.enrol(coordinator, guidance, persons[0], enrolled_on=D(2025, 1, 6))
    for day in (D(2025, 3, 5), D(2025, 3, 12)):
        services.register_session(
            ngo_worker, guidance, date=day, hours=1, attendance=[(enrolment, None)]
        )
    ngo = client_for(ngo_worker)
    url = f"/support/enrolments/{enrolment.pk}/end/"
    response = ngo.post(url, {"ended_on": "2025-03-10"})
    assert response.status_code == 200
    assert (
        f"{persons[0].full_name} attended a session on 12 March 2025, after this end date."
        in page_text(response)
    )
    enrolment.refresh_from_db()
    assert enrolment.ended_on is None
    # The NGO of the order may end it on the last day attended.
    assert ngo.post(url, {"ended_on": "2025-03-12"}).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.ended_on == D(2025, 3, 12)


def test_the_api_ends_an_enrolment_by_the_same_rules(order, lines, persons, coordinator):
    enrolment = services.enrol(coordinator, lines[0], persons[0], enrolled_on=D(2025, 2, 1))
    client = api_as(coordinator)
    url = f"/api/v1/enrolments/{enrolment.pk}/end/"
    refused = client.post(url, {"ended_on": "2025-01-01"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["invalidParams"][0]["name"] == "ended_on"
    ended = client.post(url, {"ended_on": "2025-04-30"}, format="json")
    assert ended.status_code == 200 and ended.json()["ended_on"] == "2025-04-30"


def test_only_who_may_enrol_may_end_an_enrolment(
    order, lines, persons, coordinator, municipality, other_ngo_worker, outsider
):
    enrolment = services.enrol(coordinator, lines[0], persons[0], enrolled_on=D(2025, 2, 1))
    url = f"/support/enrolments/{enrolment.pk}/end/"
    caseworker = factories.UserFactory(
        username="caseworker", organisation=municipality, role=Role.CASEWORKER
    )
    client = client_for(caseworker)
    assert client.get(url).status_code == 403
    assert client.post(url, {"ended_on": "2025-03-01"}).status_code == 403
    # The caseworker sees the participants but is not offered the action.
    assert url not in client.get(f"/support/orders/{order.pk}/participants/").content.decode()
    for user in (other_ngo_worker, outsider):
        assert client_for(user).get(url).status_code == 404
        assert client_for(user).post(url, {"ended_on": "2025-03-01"}).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.ended_on is None


# --- 4. outside the service's target group: a warning to confirm -------------------------


@pytest.fixture
def toddler(municipality):
    return person(municipality, 20, given_names="Sofiia", birth_date=D(2021, 1, 10))


def test_a_child_in_an_adults_service_needs_confirmation(order, lines, toddler, coordinator):
    guidance, _parenting = lines  # social guidance is for adults
    gemeente = client_for(coordinator)
    data = {"order_line": guidance.pk, "person": toddler.pk, "enrolled_on": "2025-03-01"}
    response = gemeente.post(f"/support/orders/{order.pk}/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="target-group-warning"' in page and 'name="confirm_outside_target_group"' in page
    text = page_text(response)
    assert (
        f"{toddler.full_name} is under 18 on 1 March 2025, but Social guidance is meant for adults."
        in text
    )
    assert "Nothing has been saved." in text
    assert not Enrolment.objects.filter(person=toddler).exists()

    response = gemeente.post(
        f"/support/orders/{order.pk}/", {**data, "confirm_outside_target_group": "on"}
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(person=toddler)
    assert enrolment.outside_target_group_confirmed
    assert AuditEvent.objects.filter(
        object_type="support.Enrolment", action="create", object_id=str(enrolment.pk)
    ).exists()


def test_the_confirmation_is_not_asked_inside_the_target_group(order, lines, persons, coordinator):
    guidance, _parenting = lines
    page = client_for(coordinator).get(f"/support/orders/{order.pk}/").content.decode()
    assert 'name="confirm_outside_target_group"' not in page
    response = client_for(coordinator).post(
        f"/support/orders/{order.pk}/",
        {"order_line": guidance.pk, "person": persons[0].pk, "enrolled_on": "2025-03-01"},
    )
    assert response.status_code == 302
    assert not Enrolment.objects.get(person=persons[0]).outside_target_group_confirmed


def test_the_age_on_the_enrolment_date_counts(order, lines, municipality, coordinator):
    guidance, _parenting = lines
    almost_adult = person(municipality, 21, birth_date=D(2007, 6, 1))  # 18 on 1 June 2025
    with pytest.raises(services.OutsideTargetGroup) as warned:
        services.enrol(coordinator, guidance, almost_adult, enrolled_on=D(2025, 5, 31))
    assert "under 18 on 31 May 2025" in " ".join(warned.value.messages)
    enrolment = services.enrol(coordinator, guidance, almost_adult, enrolled_on=D(2025, 6, 1))
    assert not enrolment.outside_target_group_confirmed


def test_an_adult_in_a_childrens_service_needs_confirmation(current_lines, persons, coordinator):
    _guidance, children = current_lines
    with pytest.raises(services.OutsideTargetGroup) as warned:
        services.enrol(coordinator, children, persons[0])
    assert "is 18 or older on" in " ".join(warned.value.messages)
    assert "meant for children" in " ".join(warned.value.messages)
    enrolment = services.enrol(coordinator, children, persons[0], confirm_outside_target_group=True)
    assert enrolment.outside_target_group_confirmed


def test_a_refused_enrolment_is_not_put_to_confirm(order, lines, other_municipality, coordinator):
    """A child of another municipality: refused, not a warning to confirm."""
    stranger = person(other_municipality, 22, birth_date=D(2021, 1, 10))
    with pytest.raises(Exception) as refused:
        services.enrol(coordinator, lines[0], stranger, confirm_outside_target_group=True)
    assert not isinstance(refused.value, services.OutsideTargetGroup)
    assert "Only persons of the ordering municipality" in " ".join(refused.value.messages)


def test_the_api_asks_to_confirm_outside_the_target_group(order, lines, toddler, coordinator):
    client = api_as(coordinator)
    payload = {"order_line": lines[0].pk, "person": toddler.pk, "enrolled_on": "2025-03-01"}
    refused = client.post("/api/v1/enrolments/", payload, format="json")
    assert refused.status_code == 400
    [param] = refused.json()["invalidParams"]
    assert param["name"] == "confirm_outside_target_group"
    assert "meant for adults" in param["reason"]
    assert not Enrolment.objects.filter(person=toddler).exists()
    confirmed = client.post(
        "/api/v1/enrolments/", {**payload, "confirm_outside_target_group": True}, format="json"
    )
    assert confirmed.status_code == 201, confirmed.json()
    assert confirmed.json()["outside_target_group_confirmed"] is True
