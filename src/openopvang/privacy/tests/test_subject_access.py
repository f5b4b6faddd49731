"""The subject access request: everything held about one person and who
viewed or changed it, as PDF and JSON, for the municipality's administrator."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from openopvang.audit.models import AuditEvent
from openopvang.core.testing.pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_the_json_holds_the_person_their_records_and_who_saw_them(
    admin_client, coordinator_client, left_person
):
    coordinator_client.get(reverse("registry:person_detail", args=[left_person.pk]))
    response = admin_client.get(reverse("privacy:subject_access_json", args=[left_person.pk]))
    assert response.status_code == 200
    export = json.loads(response.content)
    models = {section["model"]: section["rows"] for section in export["records"]}
    [person] = models["registry.Person"]
    assert person["family_name"] == "Kovalenko" and person["iban"] == "NL02ABNA0123456789"
    assert models["casework.Case"][0]["closure_note"] == "Moved in with her sister in Kyiv"
    assert models["casework.Situation"][0]["reason"] == "Fled Kharkiv with two children"
    assert len(models["registry.Placement"]) == 1
    viewers = {(e["user"], e["action"]) for e in export["audit_events"]}
    assert ("coordinator", "view") in viewers


def test_the_pdf_reads_back_in_the_persons_language(admin_client, left_person):
    response = admin_client.get(reverse("privacy:subject_access_pdf", args=[left_person.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Subject access request" in text
    assert "Who viewed or changed these records" in text
    assert "Kovalenko" in text and "Moved in with her sister in Kyiv" in text


def test_every_export_is_audited(admin_client, left_person):
    for name in ("subject_access", "subject_access_json", "subject_access_pdf"):
        admin_client.get(reverse(f"privacy:{name}", args=[left_person.pk]))
    events = AuditEvent.objects.filter(
        action="export", object_type="registry.Person", object_id=str(left_person.pk)
    )
    assert sorted(e.changes["subject_access"] for e in events) == ["json", "page", "pdf"]


def test_the_page_counts_the_records(admin_client, left_person):
    page = admin_client.get(reverse("privacy:subject_access", args=[left_person.pk]))
    assert page.status_code == 200
    assert "Download PDF" in page.content.decode()


def test_only_the_administrator_of_the_municipality(
    coordinator_client, client, outsider, left_person
):
    url = reverse("privacy:subject_access_json", args=[left_person.pk])
    assert coordinator_client.get(url).status_code == 403
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_the_audit_log_filters_by_data_subject(
    admin_client, coordinator_client, left_person, municipality
):
    from openopvang.core.testing import factories

    other = factories.PersonFactory(municipality=municipality, family_name="Other")
    coordinator_client.get(reverse("registry:person_detail", args=[left_person.pk]))
    coordinator_client.get(reverse("registry:person_detail", args=[other.pk]))
    page = admin_client.get(reverse("audit:list"), {"subject": left_person.pk})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Kovalenko" in body and "Other" not in body.split("Audit events, newest first")[-1]


def test_payments_to_the_person_are_in_the_export(family, finance_officer, administrator):
    from django.test import Client

    from openopvang.allowances import services as allowances

    allowances.create_run(finance_officer, datetime.date(2025, 3, 1))
    client = Client()
    client.force_login(administrator)
    response = client.get(reverse("privacy:subject_access_json", args=[family["olena"].pk]))
    models = {s["model"]: s["rows"] for s in json.loads(response.content)["records"]}
    [item] = models["allowances.PaymentItem"]
    assert item["iban"] == "NL02ABNA0123456789"
    assert sum(Decimal(line["amount"]) for line in models["allowances.PaymentLine"]) > 0
