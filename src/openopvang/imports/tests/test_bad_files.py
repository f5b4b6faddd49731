"""A file that cannot be used gets a clear message, never a server error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openopvang.imports.models import ImportJob, ImportStatus
from openopvang.registry.models import Person

from .helpers import HEADER, person_rows, xlsx

pytestmark = pytest.mark.django_db


def upload(client, data: bytes, name: str, **extra):
    return client.post("/imports/", {"file": SimpleUploadedFile(name, data)}, follow=True, **extra)


def problem(client, data: bytes, name: str = "persons.xlsx", **extra) -> str:
    response = upload(client, data, name, **extra)
    assert response.status_code in (200, 422)
    job = ImportJob.objects.order_by("-pk").first()
    if response.status_code == 422:  # refused at the upload itself
        return response.content.decode()
    assert job.status == ImportStatus.FAILED
    assert job.error in response.content.decode()
    return job.error


def test_a_corrupt_xlsx(coordinator_client):
    data = xlsx(person_rows(3))
    message = problem(coordinator_client, data[: len(data) // 2])
    assert "cannot be read as an XLSX workbook: it is damaged or not an XLSX file" in message
    assert "cannot be read as an XLSX workbook" in problem(
        coordinator_client, b"PK\x03\x04nonsense"
    )


def test_an_encrypted_or_old_excel_file(coordinator_client):
    message = problem(coordinator_client, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "encrypted workbook or an old Excel file" in message


def test_a_csv_in_another_encoding_than_utf8(coordinator_client):
    data = ",".join(HEADER).encode() + "\nX1,Müller,Jörg,1980-01-01,M,,\n".encode("cp1252")
    message = problem(coordinator_client, data, "persons.csv")
    assert "The CSV file is not in UTF-8" in message
    assert "CSV UTF-8" in message


def test_a_utf8_csv_with_semicolons_and_cyrillic_is_read(coordinator_client, municipality):
    data = (
        "\ufeffAchternaam;Voornamen;Geboortedatum;Achternaam (Cyrillisch)\n"
        "Kovalenko;Olena;02-03-1985;Коваленко\n"
    ).encode()
    upload(coordinator_client, data, "persons.csv")
    job = ImportJob.objects.get()
    assert job.failed_rows == [] and job.valid_count == 1
    assert job.rows[0]["values"]["family_name_cyrillic"] == "Коваленко"
    assert Person.objects.count() == 0  # nothing until confirmed


def test_the_wrong_kind_of_file(coordinator_client):
    page = problem(coordinator_client, b"%PDF-1.4", "persons.pdf")
    assert "persons.pdf is not an XLSX or CSV file" in page
    assert ImportJob.objects.count() == 0


def test_an_empty_file_and_a_file_with_headers_only(coordinator_client):
    assert "The submitted file is empty" in problem(coordinator_client, b"", "persons.csv")
    assert "no row with column headers" in problem(coordinator_client, b"\n\n;;\n", "persons.csv")
    assert "column headers but no rows" in problem(coordinator_client, xlsx([]))


def test_unknown_duplicate_and_missing_columns(coordinator_client):
    header = ["Family name", "Achternaam", "Shoe size", "Birth date"]
    message = problem(coordinator_client, xlsx([["a", "b", "44", "1980-01-01"]], header))
    assert "Unknown columns: “Shoe size”." in message
    assert "Columns that appear twice: “Achternaam”." in message
    assert "Missing columns: “Given names”." in message


def test_the_size_limit_is_stated(coordinator_client, settings):
    page = problem(coordinator_client, b"a" * (10 * 1024 * 1024 + 1), "persons.csv")
    assert "the limit is 10 MB" in page
    assert "At most 10 MB and 50.000 rows." in coordinator_client.get("/imports/").content.decode()


def test_many_empty_rows_after_the_data_are_ignored(coordinator_client):
    rows = person_rows(2) + [[None] * 7] * 5000 + [["", "", "", "", "", "", ""]]
    upload(coordinator_client, xlsx(rows), "persons.xlsx")
    job = ImportJob.objects.get()
    assert (job.status, job.count) == (ImportStatus.VALIDATED, 2)


def test_errors_are_in_dutch_for_a_dutch_user(coordinator_client):
    """The messages come from the nl catalogue (until the new texts are
    merged into it they show in English); the page itself is Dutch."""
    response = upload(coordinator_client, b"%PDF", "a.pdf", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 422
    assert 'lang="nl"' in response.content.decode()
