"""The document library: the national editor uploads a file or gives a link
per language; the public list per audience and topic shows title, summary,
kind, publisher, date, file type and size and the validity note, falls back
to Dutch; a download has the checked content type and an attachment name;
files that are not what they claim are refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from openopvang.help.models import Document, DocumentVersion

from .factories import DocumentFactory, DocumentVersionFactory, TopicFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%fake but well-started\n" + b"0" * 2000


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def new_document(client, **data):
    fields = {
        "kind": "guide",
        "audience": "professional",
        "topic": "",
        "publisher": "Rijksoverheid",
        "published_on": "2026-10-01",
        **data,
    }
    client.post("/help/documents/new/", fields)
    return Document.objects.latest("pk")


def test_the_editor_uploads_a_pdf_and_the_public_downloads_it(client, editor):
    client.force_login(editor)
    document = new_document(client)
    upload = SimpleUploadedFile("Handreiking opvang – Київ.pdf", PDF, "application/octet-stream")
    response = client.post(
        f"/help/documents/{document.pk}/nl/",
        {
            "title": "Handreiking opvang",
            "summary": "Wat gemeenten moeten regelen.",
            "validity_note": "Gaat nog uit van 4 september 2023 als einddatum.",
            "link": "",
            "upload": upload,
        },
    )
    assert response.status_code == 302
    version = DocumentVersion.objects.get(document=document)
    assert (version.content_type, version.size) == ("application/pdf", len(PDF))
    assert "Київ" not in version.stored_name and version.stored_name.endswith(".pdf")

    public = Client()
    page = public.get("/public/help/documents/?lang=nl&audience=professional").content.decode()
    assert "Handreiking opvang" in page and "Wat gemeenten moeten regelen." in page
    assert "Gaat nog uit van 4 september 2023" in page
    assert "PDF, 2,0" in page and "Rijksoverheid" in page
    download = public.get(f"/public/help/documents/{document.pk}/nl/download/")
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment; filename=")
    assert "filename*=UTF-8''Handreiking%20opvang" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF


def test_a_file_that_is_not_what_its_name_says_is_refused(client, editor):
    client.force_login(editor)
    document = new_document(client)
    for name, data, message in [
        ("flyer.pdf", b"<html><script>alert(1)</script>", "does not match its name"),
        ("flyer.html", b"<html></html>", "This kind of file is not taken"),
    ]:
        response = client.post(
            f"/help/documents/{document.pk}/en/",
            {"title": "Flyer", "link": "", "upload": SimpleUploadedFile(name, data)},
        )
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not DocumentVersion.objects.exists()


def test_a_version_needs_a_file_or_a_link(client, editor):
    client.force_login(editor)
    document = new_document(client)
    response = client.post(f"/help/documents/{document.pk}/en/", {"title": "Flyer", "link": ""})
    assert "Upload a file or give a link, not both." in response.content.decode()


def test_a_link_replaces_the_stored_file(client, editor, settings):
    client.force_login(editor)
    document = new_document(client)
    client.post(
        f"/help/documents/{document.pk}/nl/",
        {"title": "Flyer", "link": "", "upload": SimpleUploadedFile("f.pdf", PDF)},
    )
    stored = DocumentVersion.objects.get().stored_name
    assert (settings.MEDIA_ROOT / stored).exists()
    client.post(
        f"/help/documents/{document.pk}/nl/",
        {"title": "Flyer", "link": "https://www.example.org/flyer"},
    )
    version = DocumentVersion.objects.get()
    assert (version.link, version.stored_name, version.size) == (
        "https://www.example.org/flyer",
        "",
        0,
    )
    assert not (settings.MEDIA_ROOT / stored).exists()
    page = Client().get("/public/help/documents/?lang=nl").content.decode()
    assert 'href="https://www.example.org/flyer"' in page and "Link naar een andere website" in page


def test_the_list_filters_by_audience_and_topic_and_falls_back_to_dutch():
    care = TopicFactory(code="zorg")
    DocumentVersionFactory(
        document=DocumentFactory(audience="person", topic=care), title="Zorg in Nederland"
    )
    english = DocumentVersionFactory(
        document=DocumentFactory(audience="professional"), title="Handreiking leefgeld"
    )
    DocumentVersionFactory(document=english.document, language="en", title="Living allowance guide")
    client = Client()
    persons = client.get("/public/help/documents/?lang=en&audience=person").content.decode()
    assert "Zorg in Nederland" in persons and "Living allowance" not in persons
    assert "not yet available in your language" in persons
    professionals = client.get("/public/help/documents/?lang=en&audience=professional")
    assert "Living allowance guide" in professionals.content.decode()
    assert "Handreiking leefgeld" not in professionals.content.decode()
    by_topic = client.get("/public/help/documents/?lang=en&topic=zorg").content.decode()
    assert "Zorg in Nederland" in by_topic and "Living allowance" not in by_topic
    searched = client.get("/public/help/documents/?lang=en&q=allowance").content.decode()
    assert "Living allowance guide" in searched and "Zorg in Nederland" not in searched


def test_only_the_editor_changes_the_library(client, coordinator, ngo_worker):
    document = DocumentFactory()
    for user in (coordinator, ngo_worker):
        client.force_login(user)
        assert client.get("/help/documents/").status_code == 403
        response = client.post(
            f"/help/documents/{document.pk}/nl/", {"title": "X", "link": "https://x.example"}
        )
        assert response.status_code == 403
    assert not DocumentVersion.objects.exists()


def test_a_link_only_version_has_no_download():
    version = DocumentVersionFactory()
    response = Client().get(f"/public/help/documents/{version.document_id}/nl/download/")
    assert response.status_code == 404
