import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from openopvang.audit import services as audit
from openopvang.audit.models import AppendOnlyError, AuditEvent
from openopvang.core.testing import factories
from openopvang.registry.models import IncomePeriod, Person


def test_bsn_must_pass_the_eleven_check(municipality):
    person = factories.PersonFactory.build(municipality=municipality, bsn="123456789")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "not a valid BSN" in error.value.message_dict["bsn"][0]
    person.bsn = "111222333"  # passes the 11-check
    person.full_clean()


def test_bsn_is_unique_per_municipality_only(municipality, other_municipality):
    factories.PersonFactory(municipality=municipality, bsn="111222333")
    duplicate = factories.PersonFactory.build(municipality=municipality, bsn="111222333")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Another person in this municipality has this BSN." in str(error.value)
    elsewhere = factories.PersonFactory.build(municipality=other_municipality, bsn="111222333")
    elsewhere.full_clean()


def test_several_people_without_bsn_are_allowed(municipality):
    factories.PersonFactory(municipality=municipality, bsn="")
    second = factories.PersonFactory.build(municipality=municipality, bsn="")
    second.full_clean()


def test_iban_is_checked_and_normalised(municipality):
    person = factories.PersonFactory.build(municipality=municipality, iban="nl91 abna 0417 1643 00")
    person.full_clean()
    assert person.iban == "NL91ABNA0417164300"
    person.iban = "NL91ABNA0417164301"
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "not a valid IBAN" in error.value.message_dict["iban"][0]


def test_third_country_national_follows_nationality(municipality):
    assert not factories.PersonFactory.build(nationality="UA").is_third_country_national
    assert factories.PersonFactory.build(nationality="NG").is_third_country_national


def test_age_counts_from_the_birthday():
    person = Person(birth_date=datetime.date(2006, 3, 15))
    assert person.age_on(datetime.date(2024, 3, 14)) == 17
    assert person.age_on(datetime.date(2024, 3, 15)) == 18


def test_leap_day_birthday_turns_18_on_1_march():
    person = Person(birth_date=datetime.date(2008, 2, 29))
    assert person.age_on(datetime.date(2026, 2, 28)) == 17
    assert person.age_on(datetime.date(2026, 3, 1)) == 18


def test_income_end_before_start_is_refused(municipality):
    person = factories.PersonFactory(municipality=municipality)
    income = IncomePeriod(
        person=person,
        kind="work",
        start_date=datetime.date(2024, 5, 1),
        end_date=datetime.date(2024, 4, 30),
        monthly_amount=Decimal("100"),
    )
    with pytest.raises(ValidationError) as error:
        income.full_clean()
    assert "end date cannot be before the start date" in error.value.message_dict["end_date"][0]


def test_location_capacity_on_a_day(municipality):
    location = factories.LocationFactory(
        municipality=municipality,
        opened_on=datetime.date(2023, 1, 1),
        closed_on=datetime.date(2024, 6, 30),
    )
    factories.CapacityPeriodFactory(
        location=location,
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2023, 12, 31),
        places=40,
    )
    factories.CapacityPeriodFactory(
        location=location, start_date=datetime.date(2024, 1, 1), places=25
    )
    assert location.capacity_on(datetime.date(2023, 12, 31)) == 40
    assert location.capacity_on(datetime.date(2024, 1, 1)) == 25
    assert location.capacity_on(datetime.date(2024, 7, 1)) == 0  # closed


def test_overlapping_capacity_periods_are_refused(municipality):
    location = factories.LocationFactory(municipality=municipality)
    factories.CapacityPeriodFactory(
        location=location,
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2023, 12, 31),
    )
    overlap = factories.CapacityPeriodFactory.build(
        location=location, start_date=datetime.date(2023, 6, 1)
    )
    with pytest.raises(ValidationError):
        overlap.full_clean()


def test_scoping_returns_only_own_municipality(coordinator, outsider, municipality):
    person = factories.PersonFactory(municipality=municipality)
    assert list(Person.objects.for_user(coordinator)) == [person]
    assert list(Person.objects.for_user(outsider)) == []


def test_audit_events_are_append_only(coordinator):
    event = audit.record(coordinator, "view", object_type="registry.Person", object_id="1")
    event.action = "delete"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "view"
