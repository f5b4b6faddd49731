"""The export has the import's columns: exported, imported into an empty
municipality and exported again, the file is the same."""

import datetime

import pytest
from django.test import Client

from openopvang.accounts.models import Role
from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories
from openopvang.imports.models import ExternalId, ImportJob, ImportMode

from .helpers import sheet_values

pytestmark = pytest.mark.django_db


def _people(municipality):
    factories.PersonFactory(
        municipality=municipality,
        family_name="Kovalenko",
        given_names="Olena",
        bsn="111222333",
        iban="NL91ABNA0417164300",
        phone="+31 6 12345678",
        email="olena@example.org",
        notes="=not a formula",
        languages=["uk", "ru"],
    )
    factories.PersonFactory(
        municipality=municipality,
        family_name="Bondarenko",
        given_names="Mykola",
        birth_date=datetime.date(2012, 12, 31),
        sex="M",
        nationality="NG",
        languages=[],
        given_names_cyrillic="",
        family_name_cyrillic="",
    )
    person = factories.PersonFactory(municipality=municipality, family_name="Tkachenko")
    ExternalId.objects.create(municipality=municipality, external_id="T-1", person=person)


def _import(client, data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post("/imports/", {"file": SimpleUploadedFile(name, data)})
    job = ImportJob.objects.order_by("-pk").first()
    assert job.failed_rows == [], job.failed_rows
    client.post(f"/imports/{job.pk}/write/", {"mode": ImportMode.ALL_OR_NOTHING})


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_import_export_is_identical(coordinator_client, municipality, file_format):
    _people(municipality)
    first = coordinator_client.get(f"/imports/export/persons.{file_format}")
    assert first.status_code == 200

    empty = factories.MunicipalityFactory(code="GM0014", name="Groningen")
    other = Client()
    other.force_login(
        factories.UserFactory(username="groningen", organisation=empty, role=Role.COORDINATOR)
    )
    _import(other, first.content, f"persons.{file_format}")
    second = other.get(f"/imports/export/persons.{file_format}")

    if file_format == "xlsx":
        rows = sheet_values(first.content)
        assert rows == sheet_values(second.content)
        assert len(rows) == 4
        assert rows[0][:3] == ["External id", "Family name", "Given names"]
        olena = next(row for row in rows if row[1] == "Kovalenko")
        assert olena[10] == "'+31 6 12345678" and olena[13] == "'=not a formula"  # guarded
    else:
        assert first.content.decode() == second.content.decode()
    assert empty.persons.get(family_name="Kovalenko").notes == "=not a formula"
    assert empty.persons.get(family_name="Kovalenko").phone == "+31 6 12345678"


def test_the_export_is_audited_and_only_holds_the_own_municipality(
    coordinator_client, municipality, other_municipality
):
    _people(municipality)
    factories.PersonFactory(municipality=other_municipality, family_name="Victimenko")
    response = coordinator_client.get("/imports/export/persons.csv")
    assert "Victimenko" not in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="registry.Person")
    assert event.changes["records"] == 3
    assert event.shown.count("registry.Person:") == 3
