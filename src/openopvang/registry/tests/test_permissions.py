"""The registry services check the record's owner, not only the role: a
background job, the command line or an import calls them without a scoped
lookup in front, and must be refused just like the web page and the API."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from openopvang.accounts.models import Role
from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories

from .. import services
from ..models import Person, Placement

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 1)


@pytest.fixture
def utrecht_person(municipality):
    return factories.PersonFactory(municipality=municipality, family_name="Bondarenko")


@pytest.fixture
def utrecht_location(municipality):
    location = factories.LocationFactory(municipality=municipality, name="Jaarbeurs")
    factories.CapacityPeriodFactory(location=location, places=10)
    return location


def test_a_coordinator_of_another_municipality_cannot_check_in(
    outsider, utrecht_person, utrecht_location
):
    with pytest.raises(PermissionDenied, match="belongs to another organisation"):
        services.check_in(outsider, utrecht_person, day=DAY, location=utrecht_location)
    assert not Placement.objects.exists()
    assert not AuditEvent.objects.filter(object_type="registry.Placement").exists()


def test_a_finance_officer_of_the_municipality_cannot_check_in(
    finance_officer, utrecht_person, utrecht_location
):
    with pytest.raises(PermissionDenied, match="Your role cannot change registry data"):
        services.check_in(finance_officer, utrecht_person, day=DAY, location=utrecht_location)
    assert not Placement.objects.exists()


def test_the_coordinator_of_the_municipality_checks_in(
    coordinator, utrecht_person, utrecht_location
):
    placement = services.check_in(coordinator, utrecht_person, day=DAY, location=utrecht_location)
    assert placement.location == utrecht_location
    assert placement.municipality_id == utrecht_person.municipality_id


def test_check_out_and_move_refuse_another_municipality(outsider, utrecht_person, utrecht_location):
    placement = factories.PlacementFactory(
        person=utrecht_person, location=utrecht_location, start_date=DAY
    )
    other_place = factories.LocationFactory(municipality=utrecht_person.municipality)
    factories.CapacityPeriodFactory(location=other_place, places=5)
    with pytest.raises(PermissionDenied):
        services.check_out(outsider, utrecht_person, day=DAY + datetime.timedelta(days=9))
    with pytest.raises(PermissionDenied):
        services.move(
            outsider, utrecht_person, day=DAY + datetime.timedelta(days=9), location=other_place
        )
    placement.refresh_from_db()
    assert placement.end_date is None
    assert Placement.objects.count() == 1


def test_a_change_to_another_municipalitys_person_is_refused(outsider, utrecht_person):
    utrecht_person.family_name = "Changed"
    with pytest.raises(PermissionDenied):
        services.save_record(outsider, utrecht_person)
    assert Person.objects.get(pk=utrecht_person.pk).family_name == "Bondarenko"


def test_a_record_cannot_be_moved_out_of_another_municipality(
    outsider, other_municipality, utrecht_person
):
    """Pointing the record at one's own municipality does not help: the
    stored owner is checked too."""
    utrecht_person.municipality = other_municipality
    with pytest.raises(PermissionDenied):
        services.save_record(outsider, utrecht_person)
    assert Person.objects.get(pk=utrecht_person.pk).municipality_id != other_municipality.pk


def test_another_municipalitys_person_cannot_be_deleted(outsider, utrecht_person):
    with pytest.raises(PermissionDenied):
        services.delete_record(outsider, utrecht_person)
    assert Person.objects.filter(pk=utrecht_person.pk).exists()


def test_the_audit_before_is_the_stored_row(coordinator, utrecht_person):
    """The service takes the snapshot itself: a caller that changed the
    instance in memory still gets the right 'before' in the audit event."""
    utrecht_person.family_name = "Melnyk"
    services.save_record(coordinator, utrecht_person)
    event = AuditEvent.objects.get(object_type="registry.Person", action="update")
    assert event.changes["family_name"] == ["Bondarenko", "Melnyk"]


def test_the_edit_buttons_follow_the_same_predicate(client, municipality, utrecht_person):
    caseworker = factories.UserFactory(
        username="caseworker", organisation=municipality, role=Role.CASEWORKER
    )
    viewer = factories.UserFactory(
        username="finance_viewer", organisation=municipality, role=Role.FINANCE
    )
    url = f"/registry/persons/{utrecht_person.pk}/"
    edit = f"/registry/persons/{utrecht_person.pk}/edit/"
    client.force_login(caseworker)
    assert edit in client.get(url).content.decode()
    client.force_login(viewer)
    page = client.get(url)
    assert page.status_code == 200 and edit not in page.content.decode()
