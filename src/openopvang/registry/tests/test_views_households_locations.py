"""Households, locations with capacity, and hosts through the web UI."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories
from openopvang.registry.models import (
    CapacityPeriod,
    Host,
    Household,
    HouseholdMembership,
    Location,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_and_frozen")]


@pytest.fixture
def english_and_frozen(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with freeze_time("2025-06-15 12:00:00"):
        yield


def url(name, obj=None):
    return reverse(f"registry:{name}", args=[obj.pk] if obj is not None else [])


class TestHouseholds:
    @pytest.fixture
    def household(self, municipality):
        return factories.HouseholdFactory(municipality=municipality, name="Kovalenko")

    def test_create_add_members_choose_payee_and_end_membership(
        self, coordinator_client, municipality
    ):
        response = coordinator_client.post(url("household_create"), {"name": "Melnyk"})
        household = Household.objects.get()
        assert response["Location"] == url("household_detail", household)
        assert household.municipality == municipality

        mother = factories.PersonFactory(
            municipality=municipality,
            given_names="Iryna",
            family_name="Melnyk",
            birth_date=datetime.date(1985, 1, 1),
        )
        child = factories.PersonFactory(
            municipality=municipality,
            given_names="Sofiia",
            family_name="Melnyk",
            birth_date=datetime.date(2015, 1, 1),
        )
        for person, role in [(mother, "responsible_adult"), (child, "child")]:
            response = coordinator_client.post(
                url("membership_create", household),
                {"person": person.pk, "role": role, "start_date": "2025-01-01"},
            )
            assert response.status_code == 302
        page = coordinator_client.get(url("household_detail", household)).content.decode()
        assert "Iryna Melnyk" in page and "Sofiia Melnyk" in page
        assert "member today" in page

        # Only adults can be the payee.
        payee_form = coordinator_client.get(url("household_payee", household)).context["form"]
        assert list(payee_form.fields["payee"].queryset) == [mother]
        response = coordinator_client.post(url("household_payee", household), {"payee": child.pk})
        assert "Select a valid choice" in response.context["form"].errors["payee"][0]
        coordinator_client.post(url("household_payee", household), {"payee": mother.pk})
        household.refresh_from_db()
        assert household.payee == mother

        membership = HouseholdMembership.objects.get(person=child)
        response = coordinator_client.post(
            url("membership_end", membership), {"end_date": "2025-06-10"}
        )
        assert response.status_code == 302
        membership.refresh_from_db()
        assert membership.end_date == datetime.date(2025, 6, 10)
        assert AuditEvent.objects.filter(
            object_type="registry.HouseholdMembership", action=AuditAction.UPDATE
        ).exists()

    def test_member_of_two_households_at_once_is_refused(
        self, coordinator_client, municipality, household
    ):
        person = factories.PersonFactory(municipality=municipality)
        factories.MembershipFactory(
            household=household, person=person, start_date=datetime.date(2024, 1, 1)
        )
        other = factories.HouseholdFactory(municipality=municipality, name="Other")
        response = coordinator_client.post(
            url("membership_create", other),
            {"person": person.pk, "role": "partner", "start_date": "2025-01-01"},
        )
        assert response.status_code == 200
        assert "is already a member of household Kovalenko in this period" in (
            response.content.decode()
        )

    def test_person_of_another_municipality_cannot_be_added(
        self, coordinator_client, household, other_municipality
    ):
        stranger = factories.PersonFactory(municipality=other_municipality)
        response = coordinator_client.post(
            url("membership_create", household),
            {"person": stranger.pk, "role": "partner", "start_date": "2025-01-01"},
        )
        assert "Select a valid choice" in response.context["form"].errors["person"][0]
        assert not HouseholdMembership.objects.exists()

    def test_list_search_and_pagination(self, coordinator_client, municipality, household):
        member = factories.PersonFactory(municipality=municipality, family_name="Tkachenko")
        factories.MembershipFactory(household=household, person=member)
        for number in range(26):
            factories.HouseholdFactory(municipality=municipality, name=f"Z{number:02d}")
        response = coordinator_client.get(url("household_list"))
        assert len(response.context["households"]) == 25
        assert "27 households" in response.content.decode()
        found = coordinator_client.get(url("household_list"), {"q": "tkachenko"})
        assert [h.name for h in found.context["households"]] == ["Kovalenko"]

    def test_finance_403_and_outsider_404(self, client, finance_officer, outsider, household):
        client.force_login(finance_officer)
        assert client.post(url("household_update", household), {"name": "X"}).status_code == 403
        client.force_login(outsider)
        assert client.get(url("household_detail", household)).status_code == 404
        assert client.post(url("membership_create", household), {}).status_code == 404
        household.refresh_from_db()
        assert household.name == "Kovalenko"


class TestLocations:
    def test_create_location_then_capacity_and_see_occupancy(
        self, coordinator_client, municipality
    ):
        response = coordinator_client.post(
            url("location_create"),
            {"name": "Jaarbeurs", "kind": "building", "city": "Utrecht", "opened_on": "2022-03-01"},
        )
        location = Location.objects.get()
        assert response["Location"] == url("location_detail", location)

        response = coordinator_client.post(
            url("capacity_create", location),
            {"start_date": "2022-03-01", "end_date": "2024-12-31", "places": "100"},
        )
        assert response.status_code == 302
        coordinator_client.post(
            url("capacity_create", location), {"start_date": "2025-01-01", "places": "40"}
        )
        resident = factories.PersonFactory(
            municipality=municipality, given_names="Olena", family_name="Shevchenko"
        )
        factories.PlacementFactory(
            person=resident, location=location, start_date=datetime.date(2025, 2, 1)
        )

        page = coordinator_client.get(url("location_detail", location)).content.decode()
        assert "1 of 40 places occupied, 39 free" in page
        assert "Olena Shevchenko" in page
        listing = coordinator_client.get(url("location_list"))
        [row] = listing.context["locations"]
        assert (row.places_today, row.occupied_today) == (40, 1)

    def test_overlapping_capacity_period_is_refused(self, coordinator_client, municipality):
        location = factories.LocationFactory(municipality=municipality)
        factories.CapacityPeriodFactory(location=location, start_date=datetime.date(2022, 3, 1))
        response = coordinator_client.post(
            url("capacity_create", location), {"start_date": "2025-01-01", "places": "40"}
        )
        assert response.status_code == 200
        assert "overlaps the capacity period" in response.content.decode()
        assert CapacityPeriod.objects.count() == 1

    def test_edit_capacity_period(self, coordinator_client, municipality):
        period = factories.CapacityPeriodFactory(
            location=factories.LocationFactory(municipality=municipality), places=50
        )
        coordinator_client.post(
            url("capacity_update", period), {"start_date": "2022-03-01", "places": "60"}
        )
        period.refresh_from_db()
        assert period.places == 60

    def test_closing_before_opening_is_a_field_error(self, coordinator_client):
        response = coordinator_client.post(
            url("location_create"),
            {"name": "X", "kind": "hotel", "opened_on": "2025-01-01", "closed_on": "2024-01-01"},
        )
        assert response.context["form"].errors["closed_on"] == [
            "A location cannot close before it opens."
        ]

    def test_finance_403_and_outsider_404(self, client, finance_officer, outsider, municipality):
        location = factories.LocationFactory(municipality=municipality)
        period = factories.CapacityPeriodFactory(location=location)
        client.force_login(finance_officer)
        assert client.get(url("location_detail", location)).status_code == 200
        assert client.post(url("capacity_create", location), {}).status_code == 403
        client.force_login(outsider)
        for name, obj in [
            ("location_detail", location),
            ("location_update", location),
            ("capacity_create", location),
            ("capacity_update", period),
        ]:
            assert client.get(url(name, obj)).status_code == 404, name


class TestHosts:
    def test_create_host_and_see_guests(self, coordinator_client, municipality):
        response = coordinator_client.post(
            url("host_create"),
            {"name": "Familie Jansen", "city": "Utrecht", "active_from": "2022-04-01"},
        )
        host = Host.objects.get()
        assert response["Location"] == url("host_detail", host)
        guest = factories.PersonFactory(
            municipality=municipality, given_names="Andrii", family_name="Bondarenko"
        )
        factories.PlacementFactory(
            person=guest, location=None, host=host, start_date=datetime.date(2025, 1, 1)
        )
        page = coordinator_client.get(url("host_detail", host)).content.decode()
        assert "Andrii Bondarenko" in page
        [row] = coordinator_client.get(url("host_list")).context["hosts"]
        assert row.guests_today == 1

    def test_host_field_errors(self, coordinator_client):
        response = coordinator_client.post(
            url("host_create"),
            {
                "name": "",
                "active_from": "2025-01-01",
                "active_to": "2024-01-01",
                "email": "not-an-email",
            },
        )
        errors = response.context["form"].errors
        assert errors["name"] == ["This field is required."]
        assert errors["email"] == ["Enter a valid email address."]

    def test_outsider_404(self, client, outsider, municipality):
        host = factories.HostFactory(municipality=municipality)
        client.force_login(outsider)
        assert client.get(url("host_detail", host)).status_code == 404
        assert client.post(url("host_update", host), {"name": "X"}).status_code == 404
