"""Importing persons: two phases, every error by row and column, all or
nothing or explicitly only the valid rows, re-imports that update."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories
from openopvang.imports import services
from openopvang.imports.models import ExternalId, ImportJob, ImportMode, ImportStatus
from openopvang.registry.models import Person

from .helpers import person_rows, sheet_values, xlsx

pytestmark = pytest.mark.django_db


def upload(client, data: bytes, name: str = "persons.xlsx", **extra):
    return client.post("/imports/", {"file": SimpleUploadedFile(name, data)}, **extra)


def last_job() -> ImportJob:
    return ImportJob.objects.order_by("-pk").first()


def write(client, job, mode):
    return client.post(f"/imports/{job.pk}/write/", {"mode": mode}, follow=True)


def test_one_bad_row_among_1000_writes_nothing_all_or_nothing_and_999_when_skipping(
    coordinator_client, coordinator, municipality
):
    rows = person_rows(1000)
    rows[500][3] = "31-02-1985"  # no such day
    response = upload(coordinator_client, xlsx(rows))
    job = last_job()
    assert response.status_code == 302 and response["Location"] == f"/imports/{job.pk}/"
    assert job.status == ImportStatus.VALIDATED
    assert job.count == 1000 and job.valid_count == 999

    page = coordinator_client.get(f"/imports/{job.pk}/").content.decode()
    assert "1 row with errors" in page
    assert '<th scope="row" class="utrecht-table__header-cell">502</th>' in page  # header is row 1
    assert "31-02-1985 is not a date" in page

    with pytest.raises(ValidationError, match="nothing is written"):
        services.start_write(coordinator, job, mode=ImportMode.ALL_OR_NOTHING)
    response = write(coordinator_client, job, ImportMode.ALL_OR_NOTHING)
    assert "nothing is written" in response.content.decode()
    assert Person.objects.filter(municipality=municipality).count() == 0

    response = write(coordinator_client, job, ImportMode.VALID_ONLY)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert (job.created, job.skipped) == (999, 1)
    assert Person.objects.filter(municipality=municipality).count() == 999
    assert "999 persons added, 0 updated, 1 rows skipped" in response.content.decode()
    assert "These rows were skipped." in response.content.decode()
    # every person written through the registry service: one audit event each
    assert (
        AuditEvent.objects.filter(object_type="registry.Person", action=AuditAction.CREATE).count()
        == 999
    )


def test_a_clean_file_is_written_whole_and_a_reimport_updates(coordinator_client, municipality):
    upload(coordinator_client, xlsx(person_rows(3)))
    job = last_job()
    write(coordinator_client, job, ImportMode.ALL_OR_NOTHING)
    job.refresh_from_db()
    assert (job.status, job.created) == (ImportStatus.DONE, 3)
    assert ExternalId.objects.filter(municipality=municipality).count() == 3

    rows = person_rows(3)
    rows[1][2] = "Iryna"
    upload(coordinator_client, xlsx(rows))
    job = last_job()
    write(coordinator_client, job, ImportMode.ALL_OR_NOTHING)
    job.refresh_from_db()
    assert (job.created, job.updated) == (0, 3)
    assert Person.objects.filter(municipality=municipality).count() == 3
    assert Person.objects.get(family_name="Kovalenko1").given_names == "Iryna"


def test_two_rows_with_the_same_external_id_or_bsn_are_both_reported(coordinator_client):
    rows = person_rows(4)
    rows[2][0] = "EXT-0"
    rows[1][5] = rows[3][5] = "111222333"
    upload(coordinator_client, xlsx(rows))
    job = last_job()
    errors = {row["row"]: row["errors"] for row in job.failed_rows}
    assert set(errors) == {2, 3, 4, 5}
    assert ["external_id", "Row 4 of this file has the same external id EXT-0."] in errors[2]
    assert ["external_id", "Row 2 of this file has the same external id EXT-0."] in errors[4]
    assert ["bsn", "Row 5 of this file has the same BSN 111222333."] in errors[3]


def test_a_bsn_already_registered_is_refused_as_the_form_refuses_it(
    coordinator_client, municipality
):
    factories.PersonFactory(municipality=municipality, bsn="111222333")
    rows = person_rows(1)
    rows[0][5] = "111222333"
    upload(coordinator_client, xlsx(rows))
    assert last_job().failed_rows[0]["errors"] == [
        ["bsn", "Another person in this municipality has this BSN."]
    ]


def test_dutch_headers_dutch_dates_and_bsn_and_iban_are_normalised(coordinator_client):
    header = [
        "Extern id",
        "Achternaam",
        "Voornamen",
        "Geboortedatum",
        "Geslacht",
        "BSN",
        "IBAN",
        "Talen",
    ]
    rows = [
        [
            "A1",
            "Shevchenko",
            "Taras",
            "09-03-1984",
            "man",
            "1112 22 333",
            "nl91 abna 0417 1643 00",
            "UK, ru",
        ]
    ]
    upload(coordinator_client, xlsx(rows, header))
    job = last_job()
    assert job.failed_rows == []
    write(coordinator_client, job, ImportMode.ALL_OR_NOTHING)
    person = Person.objects.get(family_name="Shevchenko")
    assert str(person.birth_date) == "1984-03-09"
    assert (person.sex, person.bsn, person.iban) == ("M", "111222333", "NL91ABNA0417164300")
    assert person.languages == ["uk", "ru"]


def test_every_error_names_its_row_and_column_in_dutch(coordinator_client):
    rows = person_rows(2)
    rows[0][5] = "123456789"  # fails the 11-check
    rows[1][4] = "Q"
    upload(coordinator_client, xlsx(rows), HTTP_ACCEPT_LANGUAGE="nl")
    job = last_job()
    assert job.language == "nl"
    page = coordinator_client.get(f"/imports/{job.pk}/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "123456789 is geen geldig BSN" in page
    assert '<td class="utrecht-table__cell">BSN</td>' in page
    assert '<td class="utrecht-table__cell">Geslacht</td>' in page


def test_the_failed_rows_come_back_as_xlsx_with_an_error_column_and_no_formulas(
    coordinator_client,
):
    rows = person_rows(3)
    rows[0][2] = "@SUM(A1:A9)"
    rows[0][5] = "123456789"
    rows[1][1] = '=HYPERLINK("http://evil")'
    upload(coordinator_client, xlsx(rows))
    job = last_job()
    assert [row["row"] for row in job.failed_rows] == [2, 3]
    assert "holds a formula, which is not computed" in job.failed_rows[1]["errors"][0][1]
    response = coordinator_client.get(f"/imports/{job.pk}/failed-rows.xlsx")
    assert response.status_code == 200
    values = sheet_values(response.content)
    assert values[0][0] == "Row" and values[0][-1] == "Errors"
    assert values[1][0] == 2 and "BSN: 123456789 is not a valid BSN" in values[1][-1]
    assert values[1][3] == "'@SUM(A1:A9)"  # text, never a formula
    assert values[2][2] in ("", None)
    assert not any(isinstance(v, str) and v.startswith("=") for row in values for v in row)
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="imports.ImportJob"
    ).exists()


def test_the_template_describes_every_column(coordinator_client):
    response = coordinator_client.get("/imports/template/persons.xlsx")
    assert response.status_code == 200
    header = sheet_values(response.content)[0]
    assert "Family name" in header and "Birth date" in header
    columns = sheet_values(response.content, 1)
    assert ["Achternaam", "Family name", "yes"] == columns[2][:3]
    assert all(row[3] for row in columns[1:15])
    # the template itself imports cleanly
    upload(coordinator_client, response.content, name="template.xlsx")
    assert last_job().failed_rows == []


def test_the_progress_box_polls_while_running_and_reloads_when_finished(coordinator_client):
    upload(coordinator_client, xlsx(person_rows(2)))
    job = last_job()
    response = coordinator_client.get(f"/imports/{job.pk}/progress/")
    assert response["HX-Refresh"] == "true"
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.VALIDATING, done=1, count=2)
    response = coordinator_client.get(f"/imports/{job.pk}/progress/")
    assert "HX-Refresh" not in response
    assert "1 of 2 rows (50%)" in response.content.decode()
    assert 'hx-trigger="every 2s"' in response.content.decode()


def test_a_similar_name_with_the_same_birth_date_is_hinted(coordinator_client, municipality):
    factories.PersonFactory(
        municipality=municipality,
        given_names="Oleksandr",
        family_name="Kovalenko",
        birth_date="1985-03-02",
    )
    rows = [
        ["", "Kowalenko", "Oleksandr", "02-03-1985", "M", "", ""],
        ["", "Kovalenko", "Mykola", "1985-03-02", "M", "", ""],
    ]
    upload(coordinator_client, xlsx(rows))
    job = last_job()
    assert job.rows[0]["hints"] == [
        "Possibly already registered: Oleksandr Kovalenko (same birth date, "
        "family name Kovalenko ~ Kowalenko, given name Oleksandr = Oleksandr, other sex)."
    ]
    assert job.rows[1]["hints"] == []  # a twin: other given name
    assert "Possible duplicates" in coordinator_client.get(f"/imports/{job.pk}/").content.decode()


def test_a_finance_officer_cannot_import(client, municipality):
    officer = factories.UserFactory(username="fin", organisation=municipality, role="finance")
    client.force_login(officer)
    assert client.get("/imports/").status_code == 403
    assert upload(client, xlsx(person_rows(1))).status_code == 403
    assert ImportJob.objects.count() == 0


def test_the_api_lists_the_imports_with_their_errors(api_client, coordinator_client):
    rows = person_rows(2)
    rows[1][3] = "soon"
    upload(coordinator_client, xlsx(rows))
    job = last_job()
    listed = api_client.get("/api/v1/import-jobs/").json()
    assert listed["results"][0]["failed"] == 1 if "results" in listed else listed[0]["failed"] == 1
    detail = api_client.get(f"/api/v1/import-jobs/{job.pk}/").json()
    assert detail["errors"] == [
        {
            "row": 3,
            "column": "birth_date",
            "message": "soon is not a date. Write it as 1985-04-12 or 12-04-1985.",
        }
    ]


def test_the_write_job_is_one_transaction(coordinator, municipality, monkeypatch):
    """A row refused while writing (the registry changed since the check)
    undoes every row before it in all-or-nothing mode."""
    job = services.start_import(coordinator, name="p.xlsx", data=xlsx(person_rows(5)))
    factories.PersonFactory(municipality=municipality, bsn="111222333")
    rows = job.rows
    rows[3]["values"]["bsn"] = "111222333"  # as if changed after the check
    ImportJob.objects.filter(pk=job.pk).update(rows=rows)
    job.refresh_from_db()
    services.start_write(coordinator, job, mode=ImportMode.ALL_OR_NOTHING)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "nothing has been written" in job.error
    assert Person.objects.filter(municipality=municipality).count() == 1
