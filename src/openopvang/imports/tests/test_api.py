"""The import API does what the import pages do, through the same services:
upload, follow, read the errors, download the failed rows, write, export."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories
from openopvang.imports.models import ImportJob
from openopvang.registry.models import Person

from .helpers import person_rows, sheet_values, xlsx

pytestmark = pytest.mark.django_db


def _upload(api, data: bytes, name: str = "persons.xlsx"):
    return api.post(
        "/api/v1/import-jobs/", {"file": SimpleUploadedFile(name, data)}, format="multipart"
    )


def test_upload_check_errors_failed_rows_and_write_only_the_valid_rows(api_client, municipality):
    rows = person_rows(3)
    rows[1][3] = "soon"
    answer = _upload(api_client, xlsx(rows))
    assert answer.status_code == 202
    job = answer.json()
    # The immediate task backend of the tests has checked it already.
    detail = api_client.get(f"/api/v1/import-jobs/{job['id']}/").json()
    assert detail["status"] == "validated"
    assert detail["failed"] == 1
    assert detail["errors"][0]["row"] == 3 and detail["errors"][0]["column"] == "birth_date"

    failed = api_client.get(f"/api/v1/import-jobs/{job['id']}/failed-rows/")
    assert failed.status_code == 200
    values = sheet_values(b"".join(failed) if failed.streaming else failed.content)
    assert "Kovalenko1" in values[1]
    assert any("soon is not a date" in str(cell) for cell in values[1])

    refused = api_client.post(
        f"/api/v1/import-jobs/{job['id']}/write/", {"mode": "all"}, format="json"
    )
    assert refused.status_code == 400
    assert "1 rows have errors, so nothing is written" in refused.content.decode()
    assert Person.objects.count() == 0

    written = api_client.post(
        f"/api/v1/import-jobs/{job['id']}/write/", {"mode": "valid"}, format="json"
    )
    assert written.status_code == 202
    done = api_client.get(f"/api/v1/import-jobs/{job['id']}/").json()
    assert done["status"] == "done" and done["created"] == 2 and done["skipped"] == 1
    assert sorted(Person.objects.values_list("family_name", flat=True)) == [
        "Kovalenko0",
        "Kovalenko2",
    ]


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_the_field_named(api_client):
    answer = _upload(api_client, b"MZ\x90\x00binary", name="persons.exe")
    assert answer.status_code == 400
    assert answer.json()["invalidParams"][0]["name"] == "file"
    assert ImportJob.objects.count() == 0
    assert api_client.post("/api/v1/import-jobs/", {}, format="multipart").status_code == 400


def test_template_and_export_in_the_same_columns_audited(api_client, municipality):
    factories.PersonFactory(
        municipality=municipality, family_name="Shevchenko", given_names="Taras"
    )
    template = api_client.get("/api/v1/import-jobs/template/")
    assert template.status_code == 200
    header = sheet_values(template.content)[0]
    exported = api_client.get("/api/v1/import-jobs/export/")
    values = sheet_values(exported.content)
    assert values[0][: len(header)] == header[: len(values[0])]
    assert any("Shevchenko" in str(cell) for cell in values[1])
    csv = api_client.get("/api/v1/import-jobs/export/?type=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Shevchenko" in (b"".join(csv) if csv.streaming else csv.content).decode("utf-8-sig")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, channel="api").count() == 2


def test_only_registry_editors_of_the_municipality(municipality, other_municipality, coordinator):
    finance = APIClient()
    finance.force_authenticate(
        factories.UserFactory(username="fin", organisation=municipality, role="finance")
    )
    assert _upload(finance, xlsx(person_rows(1))).status_code == 403
    assert finance.get("/api/v1/import-jobs/export/").status_code == 403

    own = APIClient()
    own.force_authenticate(coordinator)
    job = _upload(own, xlsx(person_rows(1))).json()
    outsider = APIClient()
    outsider.force_authenticate(
        factories.UserFactory(username="out", organisation=other_municipality, role="coordinator")
    )
    assert outsider.get(f"/api/v1/import-jobs/{job['id']}/failed-rows/").status_code == 404
    answer = outsider.post(
        f"/api/v1/import-jobs/{job['id']}/write/", {"mode": "all"}, format="json"
    )
    assert answer.status_code == 404
