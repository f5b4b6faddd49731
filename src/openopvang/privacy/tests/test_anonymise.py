"""Anonymisation after the retention period: the values a user sees, the
counts reported, the money totals that stay."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from openopvang.audit.models import AuditEvent
from openopvang.casework.models import Case, Situation
from openopvang.core.testing import factories
from openopvang.privacy.models import Anonymisation, RecordKind, RetentionSetting
from openopvang.privacy.retention import add_months
from openopvang.privacy.services import anonymise_due
from openopvang.registry.models import Person

pytestmark = pytest.mark.django_db

# Personal details are due 24 months after 31 March 2024.
DUE = datetime.date(2026, 3, 31)


def test_nothing_is_due_before_the_retention_period(left_person):
    report = anonymise_due(today=DUE - datetime.timedelta(days=1))
    assert report.persons == {}
    left_person.refresh_from_db()
    assert left_person.family_name == "Kovalenko"


def test_personal_details_casework_and_letters_are_anonymised_when_due(left_person):
    report = anonymise_due(today=DUE)
    person = Person.objects.get(pk=left_person.pk)
    assert person.full_name == f"P{person.pk}"
    assert (person.bsn, person.phone, person.email, person.iban, person.notes) == ("",) * 5
    assert person.full_name_cyrillic == ""
    assert person.birth_date == datetime.date(1990, 1, 1)
    assert person.anonymised_at is not None
    case = Case.objects.get(person=person)
    assert case.closure_note == ""
    assert Situation.objects.get(case=case).reason == ""
    # Counts per kind and per model; financial records are kept 7 years.
    assert report.kinds() == {"casework": 1, "letters": 1, "personal_details": 1}
    assert report.totals() == {
        "casework.Case": 1,
        "casework.Situation": 1,
        "registry.Person": 1,
    }
    # Done once: a second run finds nothing left.
    assert anonymise_due(today=DUE).persons == {}


def test_the_audit_event_names_the_person_by_id_and_no_values(left_person):
    anonymise_due(today=DUE)
    events = AuditEvent.objects.filter(object_type="registry.Person", object_id=str(left_person.pk))
    assert {e.changes["anonymised"] for e in events} == {"personal_details", "casework", "letters"}
    assert "Kovalenko" not in str([e.changes for e in events])


def test_a_dry_run_reports_per_person_and_changes_nothing(left_person, capsys):
    call_command("privacy", "anonymise", "--dry-run", f"--date={DUE.isoformat()}")
    out = capsys.readouterr().out
    assert f"P{left_person.pk}: personal_details (registry.Person 1)" in out
    assert "casework (casework.Case 1, casework.Situation 1)" in out
    assert "would anonymise: 1 persons" in out
    left_person.refresh_from_db()
    assert left_person.family_name == "Kovalenko"
    assert not Anonymisation.objects.exists()


def test_the_command_reports_counts_per_kind(left_person, capsys):
    call_command("privacy", "anonymise", f"--date={DUE.isoformat()}")
    out = capsys.readouterr().out
    assert "anonymised: 1 persons" in out
    assert "personal_details: 1 persons" in out
    assert "registry.Person: 1 rows" in out


def test_a_person_still_in_reception_or_with_an_open_case_is_kept(municipality, left_person):
    placed = factories.PersonFactory(municipality=municipality, family_name="Stays")
    factories.PlacementFactory(
        person=placed,
        location=factories.LocationFactory(municipality=municipality),
        start_date=datetime.date(2023, 1, 1),
    )
    Case.objects.filter(person=left_person).update(closed_on=None, closure_reason="")
    assert anonymise_due(today=datetime.date(2040, 1, 1)).persons == {}


def test_a_municipal_setting_overrides_the_national_default(municipality, left_person):
    RetentionSetting.objects.create(
        municipality=municipality, kind=RecordKind.PERSONAL_DETAILS, months=12
    )
    report = anonymise_due(today=datetime.date(2025, 3, 31))
    assert report.kinds() == {"personal_details": 1}


def test_the_financial_minimum_cannot_be_shortened(municipality):
    from django.core.exceptions import ValidationError

    setting = RetentionSetting(municipality=municipality, kind=RecordKind.FINANCIAL, months=12)
    with pytest.raises(ValidationError):
        setting.full_clean()


def test_money_records_add_up_after_anonymisation(family, finance_officer):
    from openopvang.allowances import services as allowances
    from openopvang.registry.models import Placement

    run = allowances.create_run(finance_officer, datetime.date(2025, 3, 1))
    total = run.total
    assert total == Decimal("629.68")
    Placement.objects.filter(person__in=[family["olena"], family["andrii"]]).update(
        end_date=datetime.date(2025, 3, 31)
    )
    report = anonymise_due(today=add_months(datetime.date(2025, 3, 31), 84))
    assert report.kinds()["financial"] == 2
    run.refresh_from_db()
    [item] = run.items.all()
    assert run.total == total == sum(i.amount for i in run.items.all())
    assert sum(line.amount for line in run.lines.all()) == total
    household = family["household"]
    assert item.household_name == f"H{household.pk}"
    assert item.payee_name == f"P{family['olena'].pk}"
    assert item.iban == ""
    household.refresh_from_db()
    assert household.name == f"H{household.pk}"


def test_the_person_page_shows_the_person_as_anonymised(coordinator_client, left_person):
    anonymise_due(today=DUE)
    response = coordinator_client.get(reverse("registry:person_detail", args=[left_person.pk]))
    page = response.content.decode()
    assert "anonymised" in page and f"P{left_person.pk}" in page
    assert "Kovalenko" not in page and "iryna@example.org" not in page


def test_the_background_task_runs_the_same_service(left_person, settings):
    from openopvang.privacy.tasks import anonymise_due_records

    result = anonymise_due_records.call()
    assert result["persons"] == 1
    assert result["rows"]["registry.Person"] == 1
