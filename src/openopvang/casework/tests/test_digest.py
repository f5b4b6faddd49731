"""The daily digest: each caseworker receives one mail (a real SMTP server on
loopback) with the due and overdue deadlines of their cases, once a day, and
no person's name in it."""

import datetime

import pytest
from django.core.management import call_command

from openopvang.accounts.models import Role
from openopvang.accounts.tests.test_staff import Mailbox, free_port, smtp_server  # noqa: F401
from openopvang.audit.models import AuditEvent
from openopvang.casework import services
from openopvang.casework.digest import send_digests
from openopvang.casework.models import SituationCode
from openopvang.core.testing import factories

D = datetime.date


def _body(message) -> str:
    return message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")


@pytest.fixture
def workers(municipality):
    return [
        factories.UserFactory(
            username=name,
            first_name=name.title(),
            last_name="Werker",
            email=f"{name}@utrecht.example",
            organisation=municipality,
            role=Role.CASEWORKER,
            preferred_language="en",
        )
        for name in ("anna", "bram", "cor")
    ]


def _case(user, municipality, name, start, code=SituationCode.NO_RIGHT):
    person = factories.PersonFactory(
        municipality=municipality, given_names=name, family_name="Geheim", nationality="MA"
    )
    return services.open_case(
        user, person, opened_on=start, code=code, start_date=start, reason="test", caseworker=user
    )


def test_each_caseworker_gets_one_digest_a_day(smtp_server, settings, workers, municipality):  # noqa: F811
    settings.SITE_URL = "https://opvang.utrecht.example"
    anna, bram, cor = workers
    overdue = _case(anna, municipality, "Amina", D(2025, 2, 20))  # due 20 March
    soon = _case(anna, municipality, "Bilal", D(2025, 3, 3))  # due 31 March
    _case(anna, municipality, "Chen", D(2025, 3, 20))  # due 17 April: not yet
    _case(bram, municipality, "Dara", D(2025, 3, 1), code=SituationCode.PROTECTED)  # no deadline
    _case(cor, municipality, "Eli", D(2025, 3, 4))  # due 1 April

    assert send_digests(D(2025, 3, 28)) == 2
    by_recipient = {message["To"]: message for message in smtp_server.messages}
    assert set(by_recipient) == {"anna@utrecht.example", "cor@utrecht.example"}
    mail = by_recipient["anna@utrecht.example"]
    assert mail["Subject"] == "Casework: 2 deadlines need attention"
    body = _body(mail)
    assert "Dear Anna Werker," in body
    assert f"- Departure term, Case {overdue.pk}: 20 March 2025 (8 days overdue)" in body
    assert f"- Departure term, Case {soon.pk}: 31 March 2025 (in 3 days)" in body
    assert f"https://opvang.utrecht.example/casework/cases/{soon.pk}/" in body
    assert "Geheim" not in body and "Amina" not in body  # no names in e-mail
    assert "Case" in _body(by_recipient["cor@utrecht.example"])

    # the same day again: nothing more; the command the scheduler runs says so
    call_command("casework_digest", "--day", "2025-03-28")
    assert len(smtp_server.messages) == 2
    event = AuditEvent.objects.get(action="export", changes__to="anna")
    assert event.changes["items"] == 2

    # the next day: again, once
    send_digests(D(2025, 3, 29))
    assert len(smtp_server.messages) == 4


def test_a_dutch_caseworker_gets_the_digest_in_dutch(smtp_server, workers, municipality):  # noqa: F811
    anna = workers[0]
    anna.preferred_language = "nl"
    anna.save()
    _case(anna, municipality, "Amina", D(2025, 2, 20))
    send_digests(D(2025, 3, 28))
    (mail,) = smtp_server.messages
    assert "20 maart 2025" in _body(mail)


def test_a_refused_mail_is_tried_again_next_run(settings, workers, municipality):
    from openopvang.accounts.tests.test_staff import free_port as port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port(), False
    _case(workers[0], municipality, "Amina", D(2025, 2, 20))
    assert send_digests(D(2025, 3, 28)) == 0
    from openopvang.casework.models import DigestSent

    assert not DigestSent.objects.exists()


def test_a_caseworker_who_chose_the_app_only_gets_no_mail(
    smtp_server,  # noqa: F811
    client,
    workers,
    municipality,
):
    from openopvang.core.testing.html import page_text

    anna, _bram, cor = workers
    _case(anna, municipality, "Amina", D(2025, 2, 20))
    _case(cor, municipality, "Eli", D(2025, 3, 4))
    client.force_login(anna)
    assert (
        'id="digest-by-email" name="by_email" checked'
        in client.get("/casework/deadlines/").content.decode()
    )
    response = client.post("/casework/digest/", {}, follow=True)
    assert "You see the daily digest in the app only" in page_text(response)

    assert send_digests(D(2025, 3, 28)) == 1
    assert [message["To"] for message in smtp_server.messages] == ["cor@utrecht.example"]

    client.post("/casework/digest/", {"by_email": "on"})
    assert send_digests(D(2025, 3, 29)) == 2
