"""The letters API as an integration uses it: templates (a new version, the
placeholder check, a preview), a letter for one person (made, its PDF, a
preview in Arabic), batches (create, progress, download, stop) and the
letters per person; the same permission predicates as the pages."""

import io
import zipfile

import pytest
from rest_framework.test import APIClient

from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.pdf import pdf_text
from openopvang.letters import services
from openopvang.letters.models import LetterBatch, SentLetter

from .test_letters import placed

pytestmark = pytest.mark.django_db


def api_as(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


NL_TEXT = {
    "language": "nl",
    "subject": "Welkom, {{ name }}",
    "body": "Beste {{ name }},\n\nBel ons op {{ municipality_phone }}.\n\n{{ municipality }}",
}


def test_a_coordinator_saves_a_new_version_through_the_api(api_client, sender):
    response = api_client.post(
        "/api/v1/letter-templates/",
        {"letter_type": "welcome", "note": "korter", "texts": [NL_TEXT]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["letter_type"] == "welcome"
    assert body["current"]["number"] == 1 and body["current"]["note"] == "korter"
    assert [t["language"] for t in body["current"]["texts"]] == ["nl"]
    again = api_client.post(
        "/api/v1/letter-templates/",
        {"letter_type": "welcome", "texts": [NL_TEXT, {**NL_TEXT, "language": "ar"}]},
        format="json",
    )
    assert again.status_code == 201 and again.json()["current"]["number"] == 2
    assert again.json()["id"] == body["id"]


def test_an_unknown_placeholder_is_refused_and_named(api_client, sender):
    response = api_client.post(
        "/api/v1/letter-templates/",
        {
            "letter_type": "welcome",
            "texts": [
                {"language": "nl", "subject": "Welkom", "body": "Beste {{ name }} {{ adres }}"}
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    problem = response.json()
    assert [p["name"] for p in problem["invalidParams"]] == ["body_nl"]
    assert "{{ adres }}" in problem["invalidParams"][0]["reason"]
    assert not sender.letter_templates.exists()


def test_a_caseworker_cannot_change_the_texts_but_reads_them(sender):
    caseworker = factories.UserFactory(organisation=sender, role="caseworker")
    api = api_as(caseworker)
    response = api.post(
        "/api/v1/letter-templates/",
        {"letter_type": "welcome", "texts": [NL_TEXT]},
        format="json",
    )
    assert response.status_code == 403
    assert api.get("/api/v1/letter-templates/").status_code == 200


def test_a_template_preview_in_arabic_with_sample_data(api_client, coordinator, sender):
    version = services.ensure_template(coordinator, sender, "eigen_bijdrage_notice")
    response = api_client.get(
        f"/api/v1/letter-templates/{version.template_id}/preview/?language=ar"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "مساهمتكم الشخصية" in text and "€ 239,89" in text
    missing = api_client.get(f"/api/v1/letter-templates/{version.template_id}/preview/?language=de")
    assert missing.status_code == 400


def test_a_letter_for_one_person_is_kept_and_its_pdf_read_again(api_client, sender):
    person = placed(sender, given_names="Olena", family_name="Shevchenko", languages=["uk"])
    response = api_client.post(
        "/api/v1/sent-letters/",
        {"person": person.pk, "letter_type": "welcome"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["language"] == "uk" and body["delivery"] == "made" and body["version"] == 1
    pdf = api_client.get(f"/api/v1/sent-letters/{body['id']}/pdf/")
    assert pdf.status_code == 200
    assert "Шановний(а) Olena Shevchenko" in pdf_text(pdf.content)
    listed = api_client.get(f"/api/v1/sent-letters/?person={person.pk}").json()
    assert [letter["id"] for letter in listed["results"]] == [body["id"]]
    assert AuditEvent.objects.filter(
        object_type="letters.SentLetter", object_id=str(body["id"]), action="export"
    ).exists()


def test_a_letter_asks_its_values_and_names_what_is_wrong(api_client, sender):
    person = placed(sender, nationality="SY")
    response = api_client.post(
        "/api/v1/sent-letters/",
        {"person": person.pk, "letter_type": "end_of_reception", "asked": {}},
        format="json",
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["asked.reception_ends_on"]
    bad = api_client.post(
        "/api/v1/sent-letters/",
        {"person": person.pk, "letter_type": "nope"},
        format="json",
    )
    assert bad.status_code == 400 and "letter_type" in str(bad.json()["invalidParams"])
    assert not SentLetter.objects.exists()


def test_a_person_of_another_municipality_is_not_found(api_client, sender, other_municipality):
    stranger = placed(other_municipality)
    for path, data in (
        ("/api/v1/sent-letters/", {"person": stranger.pk, "letter_type": "welcome"}),
        ("/api/v1/letter-previews/", {"person": stranger.pk, "letter_type": "welcome"}),
        ("/api/v1/letter-batches/", {"persons": [stranger.pk], "letter_type": "welcome"}),
    ):
        response = api_client.post(path, data, format="json")
        assert response.status_code == 400, path
        assert "Not a person of your municipality" in str(response.json()) or (
            "Not persons of your municipality" in str(response.json())
        )
    assert not SentLetter.objects.exists() and not LetterBatch.objects.exists()


def test_a_preview_in_arabic_is_not_kept_but_audited(api_client, sender):
    person = placed(sender, given_names="Ali", family_name="Hassan", languages=["uk"])
    response = api_client.post(
        "/api/v1/letter-previews/",
        {"person": person.pk, "letter_type": "welcome", "language": "ar"},
        format="json",
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "مرحبا بكم في" in text and "3511 AB Utrecht" in text
    assert not SentLetter.objects.exists()
    assert AuditEvent.objects.filter(action="view", object_id=str(person.pk)).exists()


def test_a_batch_through_the_api_progress_errors_and_files(api_client, sender):
    olena = placed(sender, given_names="Olena", family_name="Melnyk", languages=["uk"])
    homeless = factories.PersonFactory(municipality=sender, given_names="Petro", family_name="Ne")
    ali = placed(sender, given_names="Ali", family_name="Hassan", languages=["ar"])
    response = api_client.post(
        "/api/v1/letter-batches/",
        {"letter_type": "welcome", "persons": [olena.pk, homeless.pk, ali.pk]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    batch = response.json()
    # Test settings run the task at once: the batch is done when it is answered.
    progress = api_client.get(f"/api/v1/letter-batches/{batch['id']}/").json()
    assert (progress["status"], progress["done"], progress["count"]) == ("done", 3, 3)
    assert progress["percent"] == 100 and progress["files"] == ["pdf", "zip"]
    assert progress["errors"] == [
        {"person": homeless.pk, "name": "Petro Ne", "reason": "Petro Ne has no postal address."}
    ]
    assert AuditEvent.objects.filter(
        action="view", object_type="letters.LetterBatch", object_id=str(batch["id"])
    ).exists()
    archive = api_client.get(f"/api/v1/letter-batches/{batch['id']}/zip/")
    assert archive["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert names == [
        f"0001-{sender.code}-{olena.pk:06d}.pdf",
        f"0002-{sender.code}-{ali.pk:06d}.pdf",
    ]
    run = api_client.get(f"/api/v1/letter-batches/{batch['id']}/pdf/")
    text = pdf_text(b"".join(run.streaming_content))
    assert text.index("Olena Melnyk") < text.index("Ali Hassan")  # the order given
    letters = api_client.get(f"/api/v1/sent-letters/?batch={batch['id']}").json()
    assert letters["count"] == 2
    # Finished: it cannot be stopped any more.
    stop = api_client.post(f"/api/v1/letter-batches/{batch['id']}/cancel/")
    assert stop.status_code == 400


def test_a_batch_of_eigen_bijdrage_notices_with_the_month(api_client, sender):
    person = placed(sender)
    response = api_client.post(
        "/api/v1/letter-batches/",
        {
            "letter_type": "eigen_bijdrage_notice",
            "persons": [person.pk],
            "asked": {"month": "2025-11"},
        },
        format="json",
    )
    assert response.status_code == 201
    batch = LetterBatch.objects.get()
    assert batch.asked == {"month": "2025-11-01"}
    # Nobody earns: listed with the reason, no letter made.
    assert "pays no eigen bijdrage" in batch.errors[0]["reason"]


def test_a_running_batch_is_stopped_and_has_no_files_yet(api_client, coordinator, sender):
    person = placed(sender)
    batch = LetterBatch.objects.create(
        municipality=sender,
        letter_type="welcome",
        person_ids=[person.pk],
        count=1,
        created_by=coordinator,
    )
    assert api_client.get(f"/api/v1/letter-batches/{batch.pk}/pdf/").status_code == 409
    response = api_client.post(f"/api/v1/letter-batches/{batch.pk}/cancel/")
    assert response.status_code == 200 and response.json()["cancel_requested"] is True


def test_other_roles_and_organisations_cannot_use_the_letters_api(sender, outsider):
    person = placed(sender)
    letter, _pdf = services.make_letter(
        factories.UserFactory(organisation=sender, role="coordinator"), person, "welcome"
    )
    api = api_as(outsider)
    assert api.get(f"/api/v1/sent-letters/{letter.pk}/pdf/").status_code == 404
    assert api.get("/api/v1/sent-letters/").json()["count"] == 0
    ngo = factories.UserFactory(
        organisation=factories.MunicipalityFactory(code="NGO-X", kind="ngo"), role="ngo_worker"
    )
    assert api_as(ngo).get("/api/v1/letter-batches/").status_code == 403


def test_a_letter_by_email_through_the_api_when_the_mail_server_is_down(
    api_client, sender, no_smtp_server
):
    person = placed(sender, given_names="Olena", family_name="Shevchenko", email="o@example.org")
    response = api_client.post(
        "/api/v1/sent-letters/",
        {"person": person.pk, "letter_type": "welcome", "channel": "email"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["delivery"] == "failed" and body["failure"]
    again = api_client.post(f"/api/v1/sent-letters/{body['id']}/resend/")
    assert again.status_code == 200 and again.json()["delivery"] == "failed"
    assert SentLetter.objects.get().attempts == 2


def test_a_delivered_letter_is_not_sent_twice(api_client, sender, smtp_server):
    person = placed(sender, email="o@example.org")
    body = api_client.post(
        "/api/v1/sent-letters/",
        {"person": person.pk, "letter_type": "welcome", "channel": "email"},
        format="json",
    ).json()
    assert body["delivery"] == "sent" and len(smtp_server.messages) == 1
    assert api_client.post(f"/api/v1/sent-letters/{body['id']}/resend/").status_code == 400
    assert len(smtp_server.messages) == 1
