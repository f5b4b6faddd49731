"""Check-in, check-out and move through the web forms, and editing a
person's placements and income periods."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text
from openopvang.registry.models import IncomePeriod, Placement

TODAY = datetime.date(2025, 6, 15)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_and_frozen")]


@pytest.fixture
def english_and_frozen(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with freeze_time("2025-06-15 12:00:00"):
        yield


@pytest.fixture
def person(municipality):
    return factories.PersonFactory(
        municipality=municipality, given_names="Olena", family_name="Shevchenko"
    )


@pytest.fixture
def location(municipality):
    location = factories.LocationFactory(municipality=municipality, name="Jaarbeurs")
    factories.CapacityPeriodFactory(location=location, places=2)
    return location


@pytest.fixture
def hotel(municipality):
    hotel = factories.LocationFactory(municipality=municipality, name="Hotel Noord")
    factories.CapacityPeriodFactory(location=hotel, places=10)
    return hotel


@pytest.fixture
def host(municipality):
    return factories.HostFactory(municipality=municipality, name="Familie Jansen")


def url(name, obj):
    return reverse(f"registry:{name}", args=[obj.pk])


class TestCheckIn:
    def test_check_in_at_a_location(self, coordinator_client, person, location):
        response = coordinator_client.post(
            url("person_check_in", person),
            {
                "day": "2025-06-15",
                "place": f"location:{location.pk}",
            },
        )
        assert response.status_code == 302
        assert response["Location"] == url("person_detail", person)
        placement = Placement.objects.get()
        assert (placement.location, placement.start_date, placement.end_date) == (
            location,
            TODAY,
            None,
        )
        assert AuditEvent.objects.filter(
            action=AuditAction.CREATE, object_type="registry.Placement"
        ).exists()
        page = coordinator_client.get(response["Location"]).content.decode()
        assert "Olena Shevchenko is checked in at Jaarbeurs from 15-06-2025." in page
        assert "Placed today at Jaarbeurs" in page

    def test_check_in_with_a_host_and_dutch_date(self, coordinator_client, person, host):
        response = coordinator_client.post(
            url("person_check_in", person),
            {
                "day": "01-06-2025",
                "place": f"host:{host.pk}",
            },
        )
        assert response.status_code == 302
        assert Placement.objects.get().host == host

    def test_form_offers_only_own_locations_and_hosts(
        self, coordinator_client, person, location, host, other_municipality
    ):
        factories.LocationFactory(municipality=other_municipality, name="Amsterdam RAI")
        content = coordinator_client.get(url("person_check_in", person)).content.decode()
        assert "Jaarbeurs" in content and "Familie Jansen" in content
        assert "Amsterdam RAI" not in content

    def test_place_is_required(self, coordinator_client, person):
        response = coordinator_client.post(url("person_check_in", person), {"day": "2025-06-15"})
        assert response.status_code == 200
        assert response.context["form"].errors["place"] == ["This field is required."]

    def test_full_location_says_so_on_the_override_field(
        self, coordinator_client, person, location, municipality
    ):
        for _ in range(2):
            factories.PlacementFactory(
                person=factories.PersonFactory(municipality=municipality),
                location=location,
                start_date=datetime.date(2025, 1, 1),
            )
        data = {"day": "2025-06-15", "place": f"location:{location.pk}"}
        response = coordinator_client.post(url("person_check_in", person), data)
        assert response.status_code == 200
        errors = response.context["form"].errors["capacity_override"]
        assert errors == [
            "Jaarbeurs has no free place on 2025-06-15. Choose another location "
            "or override the capacity check with a reason."
        ]
        assert 'id="id_capacity_override_error"' in response.content.decode()

        # An override without a reason is refused, with a reason it is accepted.
        data["capacity_override"] = "on"
        response = coordinator_client.post(url("person_check_in", person), data)
        assert response.context["form"].errors["override_reason"] == [
            "Give a reason when you override the capacity check."
        ]
        data["override_reason"] = "Family reunited; extra bed placed"
        response = coordinator_client.post(url("person_check_in", person), data)
        assert response.status_code == 302
        assert Placement.objects.get(person=person).capacity_override

    def test_overlapping_placement_is_refused_on_the_date_field(
        self, coordinator_client, person, location, hotel
    ):
        factories.PlacementFactory(
            person=person, location=hotel, start_date=datetime.date(2025, 1, 1)
        )
        response = coordinator_client.post(
            url("person_check_in", person),
            {
                "day": "2025-06-15",
                "place": f"location:{location.pk}",
            },
        )
        assert response.status_code == 200
        [message] = response.context["form"].errors["day"]
        assert "already has a placement at Hotel Noord from 2025-01-01" in message
        assert "placements of one person cannot overlap" in message
        assert Placement.objects.count() == 1


class TestCheckOutAndMove:
    @pytest.fixture
    def placed(self, person, location):
        return factories.PlacementFactory(
            person=person, location=location, start_date=datetime.date(2025, 1, 1)
        )

    def test_check_out(self, coordinator_client, person, placed):
        response = coordinator_client.post(
            url("person_check_out", person),
            {"day": "2025-06-20", "departure_reason": "own_housing"},
        )
        assert response.status_code == 302
        placed.refresh_from_db()
        assert placed.end_date == datetime.date(2025, 6, 20)
        event = AuditEvent.objects.get(action=AuditAction.UPDATE)
        assert event.changes["end_date"] == [None, "2025-06-20"]

    def test_check_out_without_placement(self, coordinator_client, person):
        response = coordinator_client.post(
            url("person_check_out", person),
            {"day": "2025-06-20", "departure_reason": "own_housing"},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["day"] == [
            "Olena Shevchenko has no placement on 2025-06-20."
        ]

    def test_move_ends_the_old_and_starts_the_new_placement(
        self, coordinator_client, person, placed, hotel
    ):
        response = coordinator_client.post(
            url("person_move", person),
            {
                "day": "2025-06-15",
                "place": f"location:{hotel.pk}",
            },
        )
        assert response.status_code == 302
        old, new = Placement.objects.order_by("start_date")
        assert old.end_date == datetime.date(2025, 6, 14)
        assert (new.location, new.start_date, new.end_date) == (hotel, TODAY, None)
        page = coordinator_client.get(url("person_detail", person)).content.decode()
        assert "Olena Shevchenko moves to Hotel Noord on 15-06-2025." in page

    def test_move_to_a_full_location_changes_nothing(
        self, coordinator_client, person, placed, municipality
    ):
        full = factories.LocationFactory(municipality=municipality, name="Vol")
        factories.CapacityPeriodFactory(location=full, places=0)
        response = coordinator_client.post(
            url("person_move", person),
            {
                "day": "2025-06-15",
                "place": f"location:{full.pk}",
            },
        )
        assert response.status_code == 200
        assert "Vol has no free place" in response.context["form"].errors["capacity_override"][0]
        placed.refresh_from_db()
        assert placed.end_date is None
        assert Placement.objects.count() == 1

    @pytest.mark.parametrize("name", ["person_check_in", "person_check_out", "person_move"])
    def test_finance_officer_gets_403(self, client, finance_officer, person, placed, name):
        client.force_login(finance_officer)
        response = client.post(url(name, person), {"day": "2025-06-20"})
        assert response.status_code == 403
        placed.refresh_from_db()
        assert placed.end_date is None

    @pytest.mark.parametrize("name", ["person_check_in", "person_check_out", "person_move"])
    def test_outsider_gets_404(self, client, outsider, person, placed, name):
        client.force_login(outsider)
        assert client.get(url(name, person)).status_code == 404
        assert client.post(url(name, person), {"day": "2025-06-20"}).status_code == 404


class TestPlacementEdit:
    def test_edit_a_placement(self, coordinator_client, person, location, host):
        placement = factories.PlacementFactory(
            person=person, location=location, start_date=datetime.date(2025, 1, 1)
        )
        response = coordinator_client.post(
            url("placement_update", placement),
            {
                "place": f"host:{host.pk}",
                "start_date": "2025-02-01",
                "end_date": "",
                "override_reason": "",
            },
        )
        assert response.status_code == 302
        placement.refresh_from_db()
        assert (placement.host, placement.location, placement.start_date) == (
            host,
            None,
            datetime.date(2025, 2, 1),
        )

    def test_edit_into_an_overlap_is_refused(self, coordinator_client, person, location, hotel):
        factories.PlacementFactory(
            person=person,
            location=hotel,
            start_date=datetime.date(2024, 1, 1),
            end_date=datetime.date(2024, 12, 31),
        )
        later = factories.PlacementFactory(
            person=person, location=location, start_date=datetime.date(2025, 1, 1)
        )
        response = coordinator_client.post(
            url("placement_update", later),
            {
                "place": f"location:{location.pk}",
                "start_date": "2024-12-01",
                "end_date": "",
            },
        )
        assert response.status_code == 200
        assert "cannot overlap" in response.context["form"].errors["start_date"][0]
        later.refresh_from_db()
        assert later.start_date == datetime.date(2025, 1, 1)

    def test_delete_a_placement(self, coordinator_client, person, location):
        placement = factories.PlacementFactory(person=person, location=location)
        response = coordinator_client.post(url("placement_delete", placement))
        assert response["Location"] == url("person_detail", person)
        assert not Placement.objects.exists()
        assert AuditEvent.objects.filter(
            action=AuditAction.DELETE, object_type="registry.Placement"
        ).exists()

    def test_outsider_cannot_edit_or_delete(self, client, outsider, person, location):
        placement = factories.PlacementFactory(person=person, location=location)
        client.force_login(outsider)
        assert client.get(url("placement_update", placement)).status_code == 404
        assert client.post(url("placement_delete", placement)).status_code == 404
        assert Placement.objects.exists()


class TestIncome:
    def test_add_edit_and_delete_income(self, coordinator_client, person):
        response = coordinator_client.post(
            url("income_create", person),
            {
                "kind": "work",
                "start_date": "2025-03-01",
                "end_date": "",
                "monthly_amount": "1450.50",
            },
        )
        assert response["Location"] == url("person_detail", person)
        income = IncomePeriod.objects.get()
        assert income.person == person
        page = coordinator_client.get(url("person_detail", person)).content.decode()
        assert "€ 1,450.50" in page_text(page)
        assert "Income starts: Work" in page

        response = coordinator_client.post(
            url("income_update", income),
            {
                "kind": "work",
                "start_date": "2025-03-01",
                "end_date": "2025-02-01",
                "monthly_amount": "1450.50",
            },
        )
        assert response.context["form"].errors["end_date"] == [
            "The end date cannot be before the start date."
        ]

        coordinator_client.post(url("income_delete", income))
        assert not IncomePeriod.objects.exists()
        actions = set(
            AuditEvent.objects.filter(object_type="registry.IncomePeriod").values_list(
                "action", flat=True
            )
        )
        assert actions == {AuditAction.CREATE, AuditAction.DELETE}

    def test_negative_amount_is_refused(self, coordinator_client, person):
        response = coordinator_client.post(
            url("income_create", person),
            {
                "kind": "work",
                "start_date": "2025-03-01",
                "monthly_amount": "-5",
            },
        )
        assert response.status_code == 200
        assert not IncomePeriod.objects.exists()
        assert "The monthly amount cannot be negative." in response.content.decode()

    def test_finance_officer_gets_403(self, client, finance_officer, person):
        client.force_login(finance_officer)
        response = client.post(
            url("income_create", person),
            {"kind": "work", "start_date": "2025-03-01", "monthly_amount": "5"},
        )
        assert response.status_code == 403
        assert not IncomePeriod.objects.exists()

    def test_outsider_gets_404(self, client, outsider, person):
        income = factories.IncomeFactory(person=person)
        client.force_login(outsider)
        assert client.get(url("income_create", person)).status_code == 404
        assert client.get(url("income_update", income)).status_code == 404
        assert client.post(url("income_delete", income)).status_code == 404
