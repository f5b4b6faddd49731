"""The dashboard, the layout, the error pages, and a walk over every registry
page as a user of another municipality."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from freezegun import freeze_time

from openopvang.accounts.models import Role
from openopvang.core.testing import factories

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.mark.usefixtures("english")
class TestDashboard:
    @freeze_time("2025-06-15 12:00:00")
    def test_occupancy_and_counts(self, coordinator_client, municipality, other_municipality):
        jaarbeurs = factories.LocationFactory(municipality=municipality, name="Jaarbeurs")
        factories.CapacityPeriodFactory(location=jaarbeurs, places=4)
        host = factories.HostFactory(municipality=municipality)
        for _ in range(3):
            factories.PlacementFactory(
                person=factories.PersonFactory(municipality=municipality),
                location=jaarbeurs,
                start_date=datetime.date(2025, 1, 1),
            )
        factories.PlacementFactory(
            person=factories.PersonFactory(municipality=municipality, nationality="NG"),
            location=None,
            host=host,
            start_date=datetime.date(2025, 1, 1),
            end_date=datetime.date(2025, 12, 31),
        )
        # Someone who left, and someone in another municipality, do not count.
        factories.PlacementFactory(
            person=factories.PersonFactory(municipality=municipality),
            location=jaarbeurs,
            start_date=datetime.date(2024, 1, 1),
            end_date=datetime.date(2024, 12, 31),
        )
        factories.PlacementFactory(person=factories.PersonFactory(municipality=other_municipality))

        response = coordinator_client.get(reverse("core:dashboard"))
        figures = response.context["figures"]
        assert (figures.placed_goo, figures.placed_poo) == (3, 1)
        assert figures.open_placements == 3
        assert figures.third_country_nationals == 1
        [row] = figures.occupancy
        assert (row.places, row.occupied, row.free, row.percent) == (4, 3, 1, 75)
        content = response.content.decode()
        assert "Jaarbeurs" in content
        assert "75%" in content
        assert "oo-bar__fill--75" in content
        assert "<caption" in content and 'scope="col"' in content

    def test_empty_state(self, coordinator_client):
        content = coordinator_client.get(reverse("core:dashboard")).content.decode()
        assert "There are no open reception locations yet." in content
        assert reverse("registry:location_create") in content

    def test_national_user_sees_what_they_can_see(self, client):
        national = factories.MunicipalityFactory(code="NOO", name="NOO", kind="national")
        user = factories.UserFactory(
            username="noo", organisation=national, role=Role.NATIONAL_VIEWER
        )
        client.force_login(user)
        content = client.get(reverse("core:dashboard")).content.decode()
        assert "National totals" in content and "municipalities have submitted" in content
        assert reverse("registry:person_list") not in content

    def test_layout_has_navigation_user_menu_language_switch_and_skip_link(
        self, coordinator_client
    ):
        content = coordinator_client.get(reverse("core:dashboard")).content.decode()
        assert 'href="#main"' in content and '<main id="main"' in content
        assert "Utrecht" in content  # the organisation name
        for name in ["person_list", "household_list", "location_list", "host_list"]:
            assert reverse(f"registry:{name}") in content
        assert 'aria-current="page"' in content
        assert 'action="/i18n/setlang/"' in content
        assert reverse("accounts:logout") in content
        assert "style=" not in content  # the CSP forbids style attributes
        assert "<script>" not in content

    def test_static_files_are_served(self, coordinator_client):
        content = coordinator_client.get(reverse("core:dashboard")).content.decode()
        for path in [
            "vendor/utrecht-component-library-css/index.css",
            "vendor/voorbeeld-design-tokens/theme.css",
            "vendor/htmx/htmx.min.js",
            "css/openopvang.css",
            "js/openopvang.js",
        ]:
            assert f"/static/{path}" in content
        from django.contrib.staticfiles import finders

        assert finders.find("vendor/htmx/htmx.min.js")


def test_dutch_is_the_production_default_and_fully_translated(coordinator_client):
    from openopvang.conf import base

    assert base.LANGUAGE_CODE == "nl"
    response = coordinator_client.get(reverse("core:dashboard"), HTTP_ACCEPT_LANGUAGE="nl")
    content = response.content.decode()
    assert '<html lang="nl"' in content
    assert "Personen" in content and "Gastgezinnen" in content  # the navigation
    assert "Er zijn nog geen open opvanglocaties." in content


def test_dutch_messages_on_a_form(coordinator_client, municipality):
    person = factories.PersonFactory(municipality=municipality)
    response = coordinator_client.post(
        reverse("registry:person_check_out", args=[person.pk]),
        {"day": "2025-06-20", "departure_reason": "unknown"},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert "heeft geen plaatsing op 2025-06-20" in response.content.decode()


def test_language_switch_sets_english(coordinator_client):
    response = coordinator_client.post(
        "/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 302
    content = coordinator_client.get("/").content.decode()
    assert '<html lang="en"' in content and "Persons" in content


@pytest.mark.usefixtures("english")
class TestErrorPages:
    def test_404_in_the_layout_with_a_way_back(self, coordinator_client):
        response = coordinator_client.get("/registry/persons/999999/")
        assert response.status_code == 404
        content = response.content.decode()
        assert "Page not found" in content
        assert 'href="/"' in content

    def test_403_says_why(self, client, finance_officer):
        client.force_login(finance_officer)
        response = client.get(reverse("registry:person_create"))
        assert response.status_code == 403
        assert "Your role does not allow this action" in response.content.decode()

    @override_settings(DEBUG=False)
    def test_500_renders_without_a_request_context(self, rf):
        from openopvang.core.views import server_error

        response = server_error(rf.get("/"))
        assert response.status_code == 500
        assert b"Something went wrong" in response.content


def test_every_registry_page_is_404_for_another_municipality(client, outsider, municipality):
    person = factories.PersonFactory(municipality=municipality)
    location = factories.LocationFactory(municipality=municipality)
    period = factories.CapacityPeriodFactory(location=location)
    host = factories.HostFactory(municipality=municipality)
    placement = factories.PlacementFactory(person=person, location=location)
    income = factories.IncomeFactory(person=person)
    membership = factories.MembershipFactory(
        household=factories.HouseholdFactory(municipality=municipality), person=person
    )
    objects = {
        "person": person,
        "income": income,
        "placement": placement,
        "household": membership.household,
        "membership": membership,
        "location": location,
        "capacity": period,
        "host": host,
    }
    from openopvang.registry.urls import urlpatterns

    client.force_login(outsider)
    checked = 0
    for pattern in urlpatterns:
        if "<int:pk>" not in str(pattern.pattern):
            continue
        name = pattern.name
        owner = {
            "membership_create": "household",
            "capacity_create": "location",
            "income_create": "person",
        }.get(name, name.split("_")[0])
        target = reverse(f"registry:{name}", args=[objects[owner].pk])
        assert client.get(target).status_code == 404, target
        if not name.endswith("_detail"):  # detail pages only answer GET
            assert client.post(target, {}).status_code == 404, target
        checked += 1
    assert checked >= 20
