"""Checking in, moving and checking out a whole household from its page: every
member or none, with the departure reason on the person page and the free
places of each location in the place list."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text
from openopvang.registry.models import DepartureReason, Placement

D = datetime.date
TODAY = D(2025, 6, 15)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_and_frozen")]


@pytest.fixture
def english_and_frozen(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with freeze_time("2025-06-15 12:00:00"):
        yield


@pytest.fixture
def household(municipality):
    household = factories.HouseholdFactory(municipality=municipality, name="Shevchenko")
    for given in ("Olena", "Taras", "Mariia"):
        person = factories.PersonFactory(
            municipality=municipality, given_names=given, family_name="Shevchenko"
        )
        factories.MembershipFactory(household=household, person=person, start_date=D(2025, 1, 1))
    return household


def members(household):
    return [m.person for m in household.memberships.order_by("id")]


def location(municipality, name, places):
    place = factories.LocationFactory(municipality=municipality, name=name)
    factories.CapacityPeriodFactory(location=place, places=places)
    return place


def url(name, household):
    return reverse(f"registry:{name}", args=[household.pk])


def placed_at(person, day=TODAY):
    placement = person.placements.active_on(day).first()
    return placement.place.name if placement else None


def test_the_household_page_offers_the_actions(coordinator_client, household, municipality):
    text = page_text(coordinator_client.get(url("household_detail", household)))
    assert "Check in household" in text
    assert "Move household" not in text  # nobody is placed yet

    jaarbeurs = location(municipality, "Jaarbeurs", 10)
    for person in members(household):
        factories.PlacementFactory(person=person, location=jaarbeurs, start_date=D(2025, 1, 1))
    text = page_text(coordinator_client.get(url("household_detail", household)))
    assert "Move household" in text and "Check out household" in text
    assert "Check in household" not in text


def test_check_in_lists_the_members_and_the_free_places(
    coordinator_client, household, municipality
):
    location(municipality, "Jaarbeurs", 12)
    full = location(municipality, "Hotel Noord", 1)
    factories.PlacementFactory(
        person=factories.PersonFactory(municipality=municipality),
        location=full,
        start_date=D(2025, 1, 1),
    )
    text = page_text(coordinator_client.get(url("household_check_in", household)))
    assert "Members this affects (members on 15 June 2025)" in text
    for person in members(household):
        assert f"{person.full_name} — no placement" in text
    assert "Jaarbeurs (free places: 12)" in text
    assert "Hotel Noord (full)" in text


def test_the_place_list_follows_the_chosen_date(coordinator_client, household, municipality):
    jaarbeurs = location(municipality, "Jaarbeurs", 2)
    factories.PlacementFactory(
        person=factories.PersonFactory(municipality=municipality),
        location=jaarbeurs,
        start_date=D(2025, 7, 1),
    )
    page = coordinator_client.get(url("household_check_in", household), {"day": "01-07-2025"})
    assert "Jaarbeurs (free places: 1)" in page_text(page)
    # htmx asks the same page for the new date when the date changes
    assert f'hx-get="{url("household_check_in", household)}"' in page.content.decode()


def test_check_in_places_every_member(coordinator_client, household, municipality):
    jaarbeurs = location(municipality, "Jaarbeurs", 3)
    response = coordinator_client.post(
        url("household_check_in", household),
        {"day": "2025-06-15", "place": f"location:{jaarbeurs.pk}"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("household_detail", household)
    assert [placed_at(person) for person in members(household)] == ["Jaarbeurs"] * 3
    assert (
        "Household Shevchenko is checked in at Jaarbeurs from 15-06-2025: Olena Shevchenko, "
        "Taras Shevchenko, Mariia Shevchenko." in page_text(response)
    )


def test_check_in_counts_the_whole_household_and_saves_nothing_if_one_does_not_fit(
    coordinator_client, household, municipality
):
    small = location(municipality, "Jaarbeurs", 2)
    response = coordinator_client.post(
        url("household_check_in", household),
        {"day": "2025-06-15", "place": f"location:{small.pk}"},
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "Mariia Shevchenko: Jaarbeurs has no free place on 2025-06-15." in text
    assert "Nothing has been saved: the action is done for every member or for none." in text
    assert not Placement.objects.exists()


def test_check_in_with_an_override_places_everyone(coordinator_client, household, municipality):
    small = location(municipality, "Jaarbeurs", 2)
    coordinator_client.post(
        url("household_check_in", household),
        {
            "day": "2025-06-15",
            "place": f"location:{small.pk}",
            "capacity_override": "on",
            "override_reason": "The family stays together",
        },
    )
    assert Placement.objects.filter(location=small).count() == 3


def test_move_moves_every_member_or_none(coordinator_client, household, municipality):
    jaarbeurs = location(municipality, "Jaarbeurs", 10)
    hotel = location(municipality, "Hotel Noord", 5)
    olena, taras, mariia = members(household)
    for person in (olena, taras, mariia):
        factories.PlacementFactory(person=person, location=jaarbeurs, start_date=D(2025, 1, 1))
    # Mariia only arrived on the day of the move: she cannot move from there that day.
    mariia.placements.update(start_date=D(2025, 7, 1))

    page = coordinator_client.get(url("household_move", household))
    assert "Olena Shevchenko — at Jaarbeurs since 1 January 2025" in page_text(page)

    response = coordinator_client.post(
        url("household_move", household), {"day": "2025-07-01", "place": f"location:{hotel.pk}"}
    )
    assert "Mariia Shevchenko: The move must be after the current placement starts" in (
        page_text(response)
    )
    assert [placed_at(p, D(2025, 7, 1)) for p in (olena, taras)] == ["Jaarbeurs", "Jaarbeurs"]

    mariia.placements.update(start_date=D(2025, 1, 1))
    response = coordinator_client.post(
        url("household_move", household), {"day": "2025-07-01", "place": f"location:{hotel.pk}"}
    )
    assert response.status_code == 302
    assert [placed_at(p, D(2025, 7, 1)) for p in (olena, taras, mariia)] == ["Hotel Noord"] * 3
    assert [placed_at(p, D(2025, 6, 30)) for p in (olena, taras, mariia)] == ["Jaarbeurs"] * 3


def test_check_out_with_a_departure_reason(coordinator_client, household, municipality):
    jaarbeurs = location(municipality, "Jaarbeurs", 10)
    for person in members(household):
        factories.PlacementFactory(person=person, location=jaarbeurs, start_date=D(2025, 1, 1))

    form = page_text(coordinator_client.get(url("household_check_out", household)))
    assert "Reason for leaving" in form and "Returned to Ukraine" in form

    response = coordinator_client.post(
        url("household_check_out", household),
        {"day": "2025-06-30", "departure_reason": "returned_to_ukraine"},
        follow=True,
    )
    assert "Household Shevchenko is checked out; last night 30-06-2025" in page_text(response)
    placements = Placement.objects.all()
    assert {p.end_date for p in placements} == {D(2025, 6, 30)}
    assert {p.departure_reason for p in placements} == {DepartureReason.RETURNED_TO_UKRAINE}

    olena = members(household)[0]
    person_page = page_text(
        coordinator_client.get(reverse("registry:person_detail", args=[olena.pk]))
    )
    assert "Returned to Ukraine" in person_page
    assert "Reason for leaving: Returned to Ukraine" in person_page  # the timeline


def test_check_out_refuses_when_a_member_has_no_placement(
    coordinator_client, household, municipality
):
    jaarbeurs = location(municipality, "Jaarbeurs", 10)
    olena, taras, _mariia = members(household)
    for person in (olena, taras):
        factories.PlacementFactory(person=person, location=jaarbeurs, start_date=D(2025, 1, 1))
    response = coordinator_client.post(
        url("household_check_out", household), {"day": "2025-06-30", "departure_reason": "coa"}
    )
    assert "Mariia Shevchenko: Mariia Shevchenko has no placement on 2025-06-30." in page_text(
        response
    )
    assert not Placement.objects.filter(end_date__isnull=False).exists()


def test_the_departure_reason_is_asked_for(coordinator_client, household):
    response = coordinator_client.post(url("household_check_out", household), {"day": "2025-06-30"})
    assert response.status_code == 200
    assert "This field is required." in page_text(response)


def test_a_finance_officer_cannot_move_a_household(client, finance_officer, household):
    client.force_login(finance_officer)
    for name in ("household_check_in", "household_move", "household_check_out"):
        assert client.get(url(name, household)).status_code == 403
    assert "Check in household" not in page_text(client.get(url("household_detail", household)))


def test_another_municipality_gets_404(client, outsider, household):
    client.force_login(outsider)
    for name in ("household_check_in", "household_move", "household_check_out"):
        assert client.get(url(name, household)).status_code == 404
        assert client.post(url(name, household), {"day": "2025-06-30"}).status_code == 404
