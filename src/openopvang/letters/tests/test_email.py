"""Letters by e-mail, through a real SMTP server on loopback: the PDF
attached and read back, a short mail in the person's language, a person
without an e-mail address listed with the reason, a mail server that is down
recorded on the letter and sent again later; each mail on the person's page."""

import datetime

import pytest

from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.pdf import pdf_text
from openopvang.letters import services
from openopvang.letters.models import LetterBatch, SentLetter

from .test_letters import placed


def _attachment(message):
    (part,) = [p for p in message.iter_attachments()]
    return part.get_filename(), part.get_content_type(), part.get_content()


def test_a_letter_by_email_has_the_pdf_attached_and_a_mail_in_the_persons_language(
    coordinator, sender, smtp_server
):
    person = placed(
        sender,
        given_names="Olena",
        family_name="Shevchenko",
        languages=["uk"],
        email="olena@example.org",
    )
    letter, _pdf = services.make_letter(
        coordinator, person, "welcome", channel="email", day=datetime.date(2026, 12, 2)
    )
    assert (letter.delivery, letter.email_to, letter.attempts) == ("sent", "olena@example.org", 1)
    (message,) = smtp_server.messages
    assert message["To"] == "olena@example.org"
    assert message["Subject"].strip() == "Ласкаво просимо до Gemeente Utrecht"
    assert "Шановний(а) Olena Shevchenko" in message.get_body().get_content()
    filename, content_type, content = _attachment(message)
    assert content_type == "application/pdf"
    assert filename == f"welcome-{sender.code}-{person.pk:06d}.pdf"
    text = pdf_text(content)
    assert "Шановний(а) Olena Shevchenko" in text and "2 грудня 2026" in text


def test_the_persons_page_shows_the_mail_and_a_person_without_email_gets_none(
    coordinator_client, sender, smtp_server
):
    person = placed(sender, given_names="Ali", family_name="Hassan", email="ali@example.org")
    response = coordinator_client.post(
        f"/letters/persons/{person.pk}/",
        {"letter_type": "welcome", "channel": "email", "action": "make"},
    )
    assert response.status_code == 302
    page = coordinator_client.get(f"/registry/persons/{person.pk}/").content.decode()
    assert "ali@example.org" in page and "Sent" in page
    nobody = placed(sender, given_names="Petro", family_name="Ne")
    refused = coordinator_client.post(
        f"/letters/persons/{nobody.pk}/",
        {"letter_type": "welcome", "channel": "email", "action": "make"},
    )
    assert refused.status_code == 200
    assert "no e-mail address" in refused.content.decode()
    assert not SentLetter.objects.filter(person=nobody).exists()


def test_a_batch_by_email_lists_who_has_no_email_and_sends_the_rest(
    coordinator_client, sender, smtp_server
):
    olena = placed(
        sender,
        given_names="Olena",
        family_name="Melnyk",
        languages=["uk"],
        email="olena@example.org",
    )
    ali = placed(
        sender, given_names="Ali", family_name="Hassan", languages=["ar"], email="ali@example.org"
    )
    petro = placed(sender, given_names="Petro", family_name="Ne")
    query = f"?person={olena.pk}&person={ali.pk}&person={petro.pk}"
    response = coordinator_client.post(
        f"/letters/batches/new/{query}", {"letter_type": "welcome", "channel": "email"}
    )
    batch = LetterBatch.objects.get()
    assert (batch.status, batch.done, batch.channel) == ("done", 3, "email")
    assert [(e["name"], e["reason"]) for e in batch.errors] == [
        ("Petro Ne", "Petro Ne cannot get this letter: no e-mail address.")
    ]
    assert sorted(m["To"] for m in smtp_server.messages) == ["ali@example.org", "olena@example.org"]
    arabic = next(m for m in smtp_server.messages if m["To"] == "ali@example.org")
    assert "مرحبا بكم في" in arabic["Subject"]
    assert "3511 AB Utrecht" in pdf_text(_attachment(arabic)[2])
    detail = coordinator_client.get(response["Location"]).content.decode()
    assert "2 sent by e-mail" in detail and "no e-mail address" in detail


def test_a_mail_server_that_is_down_is_recorded_and_the_letter_sent_again(
    coordinator, sender, settings, no_smtp_server
):
    person = placed(
        sender,
        given_names="Iryna",
        family_name="Bondar",
        email="iryna@example.org",
        languages=["nl"],
    )
    letter, _pdf = services.make_letter(coordinator, person, "welcome", channel="email")
    assert letter.delivery == "failed" and letter.attempts == 1
    assert "Connection" in letter.failure or "refused" in letter.failure.lower()
    assert AuditEvent.objects.filter(
        object_type="letters.SentLetter", action="update", object_id=str(letter.pk)
    ).exists()
    # The server is back: the same letter (its version and snapshot) is sent.
    from aiosmtpd.controller import Controller

    from .conftest import Mailbox

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=settings.EMAIL_PORT)
    controller.start()
    try:
        again = services.resend_letter(coordinator, letter)
    finally:
        controller.stop()
    assert (again.delivery, again.attempts, again.failure) == ("sent", 2, "")
    (message,) = mailbox.messages
    assert "Beste Iryna Bondar" in pdf_text(_attachment(message)[2])
    assert SentLetter.objects.count() == 1  # sent again, not made twice


def test_a_batch_with_the_server_down_is_retried_from_its_page(
    coordinator_client, coordinator, sender, settings, no_smtp_server
):
    person = placed(sender, given_names="Iryna", family_name="Bondar", email="iryna@example.org")
    batch = services.start_batch(coordinator, "welcome", [person], channel="email")
    assert batch.status == "done" and not batch.errors
    page = coordinator_client.get(f"/letters/batches/{batch.pk}/").content.decode()
    assert "E-mails not delivered" in page and "iryna@example.org" in page
    from aiosmtpd.controller import Controller

    from .conftest import Mailbox

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=settings.EMAIL_PORT)
    controller.start()
    try:
        response = coordinator_client.post(f"/letters/batches/{batch.pk}/resend/")
    finally:
        controller.stop()
    assert response.status_code == 302
    assert len(mailbox.messages) == 1
    assert SentLetter.objects.get().delivery == "sent"


@pytest.mark.parametrize("channel", ["print"])
def test_a_person_without_an_email_still_gets_a_letter_by_post(coordinator, sender, channel):
    person = placed(sender)
    letter, pdf = services.make_letter(coordinator, person, "welcome", channel=channel)
    assert letter.delivery == "made" and pdf.startswith(b"%PDF")
    assert factories  # the registry factories make the persons


def test_a_letter_for_cases_chosen_on_the_casework_work_list(
    coordinator_client, coordinator, sender
):
    from openopvang.casework import services as casework

    persons = [placed(sender, given_names=n, family_name="Melnyk") for n in ("Olena", "Ali")]
    cases = [
        casework.open_case(
            coordinator,
            p,
            opened_on=datetime.date(2026, 11, 2),
            code="protected",
            start_date=datetime.date(2026, 11, 2),
            reason="intake",
        )
        for p in persons
    ]
    response = coordinator_client.post(
        "/casework/bulk/", {"cases": [c.pk for c in cases], "action": "letter"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/letters/batches/new/?person=")
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "2 persons are selected" in page and "Olena Melnyk" in page and "Ali Melnyk" in page
    menu = coordinator_client.get("/letters/").content.decode()
    assert 'href="/letters/"' in menu and "Letters" in menu
