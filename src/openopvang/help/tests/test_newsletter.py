"""The monthly newsletter end to end through a real SMTP server on loopback:
subscribe, confirm with the link from the mail (double opt-in), the editor
sends an issue in the background (progress, every mail with an unsubscribe
link and the List-Unsubscribe headers, nobody twice), unsubscribe with the
link (also one-click); the archive and the Atom feeds."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from openopvang.accounts.tests.test_staff import Mailbox, free_port, smtp_server  # noqa: F401
from openopvang.help import newsletter
from openopvang.help.models import Delivery, IssueStatus, NewsletterIssue, Subscriber

from .factories import (
    DocumentVersionFactory,
    IssueFactory,
    SubscriberFactory,
    TopicFactory,
    TopicTextFactory,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def text_of(message) -> str:
    return message.get_payload(decode=True).decode()


def link_in(message, kind: str) -> str:
    return re.search(
        rf"https?://[^/\s]+(/public/help/newsletter/{kind}/\S+)", text_of(message)
    ).group(1)


def subscribe(client, email="beleid@utrecht.example", language="en"):
    return client.post(
        "/public/help/newsletter/subscribe/?lang=en",
        {"subscribe-email": email, "subscribe-language": language},
    )


def test_double_opt_in_send_and_unsubscribe_end_to_end(smtp_server, editor):  # noqa: F811
    public = Client()
    response = subscribe(public)
    assert response.status_code == 302
    (confirmation,) = smtp_server.messages
    assert confirmation["To"] == "beleid@utrecht.example"
    assert confirmation["Subject"] == "Confirm your subscription to the newsletter"
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None

    staff = Client()
    staff.force_login(editor)
    staff.post("/help/newsletter/new/", {"language": "en", "subject": "December", "body": "News."})
    issue = NewsletterIssue.objects.get()
    # Not confirmed yet: nobody to send to.
    assert "0 confirmed subscribers" in staff.get(f"/help/newsletter/{issue.pk}/").content.decode()

    confirm = link_in(confirmation, "confirm")
    assert "Yes, subscribe me" in public.get(confirm).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None  # opening the link is not enough
    assert "is confirmed" in public.post(confirm).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None

    SubscriberFactory(language="en", confirmed_at=None)  # never confirmed
    SubscriberFactory(language="nl")  # another language
    response = staff.post(f"/help/newsletter/{issue.pk}/send/")
    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.status, issue.done, issue.total) == (IssueStatus.SENT, 1, 1)
    detail = staff.get(f"/help/newsletter/{issue.pk}/").content.decode()
    assert "Sent to 1 subscribers" in detail
    sent = smtp_server.messages[1:]
    assert [m["To"] for m in sent] == ["beleid@utrecht.example"]
    (mail,) = sent
    assert mail["Subject"] == "December" and "News." in text_of(mail)
    unsubscribe = link_in(mail, "unsubscribe")
    assert mail["List-Unsubscribe"].endswith(unsubscribe + ">")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Sending again sends nothing.
    again = staff.post(f"/help/newsletter/{issue.pk}/send/", follow=True)
    assert "already being sent or has been sent" in again.content.decode()
    assert len(smtp_server.messages) == 2

    # The archive and the issue page are public.
    assert "December" in public.get("/public/help/newsletter/?lang=en").content.decode()
    assert "News." in public.get(f"/public/help/newsletter/{issue.pk}/?lang=en").content.decode()

    # One-click unsubscribe (RFC 8058): a POST without a CSRF token.
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="beleid@utrecht.example").exists()
    assert strict.post(unsubscribe).status_code == 404


def test_subscribing_twice_says_the_same_and_a_confirmed_address_gets_no_new_mail(
    smtp_server,  # noqa: F811
):
    SubscriberFactory(email="known@utrecht.example")
    client = Client()
    first = subscribe(client, "known@utrecht.example")
    second = subscribe(client, "new@utrecht.example")
    assert first.status_code == second.status_code == 302
    assert [m["To"] for m in smtp_server.messages] == ["new@utrecht.example"]


def test_a_tampered_or_expired_link_is_refused(settings):
    subscriber = SubscriberFactory(confirmed_at=None)
    token = newsletter.confirm_token(subscriber)
    client = Client()
    assert client.post(f"/public/help/newsletter/confirm/{token}x/").status_code == 404
    # An unsubscribe token does not confirm.
    other = newsletter.unsubscribe_token(subscriber)
    assert client.post(f"/public/help/newsletter/confirm/{other}/").status_code == 404
    settings.SECRET_KEY = "another-key-" * 5
    assert client.post(f"/public/help/newsletter/confirm/{token}/").status_code == 404


def test_an_interrupted_send_resumes_without_sending_anyone_twice(smtp_server):  # noqa: F811
    issue = IssueFactory(status=IssueStatus.SENDING, total=3)
    first, *_rest = [SubscriberFactory() for _ in range(3)]
    Delivery.objects.create(issue=issue, subscriber=first)  # sent before the interruption
    assert newsletter.send_issue(issue.pk) == 2
    assert first.email not in [m["To"] for m in smtp_server.messages]
    issue.refresh_from_db()
    assert (issue.status, issue.done) == (IssueStatus.SENT, 3)


def test_a_mail_server_that_is_down_leaves_the_issue_sending(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        free_port(),
        False,
    )
    issue = IssueFactory(status=IssueStatus.SENDING, total=1)
    SubscriberFactory()
    assert newsletter.send_issue(issue.pk) == 0
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENDING and not Delivery.objects.exists()


def test_only_the_editor_composes_and_sends(client, coordinator, ngo_worker):
    issue = IssueFactory()
    for user in (coordinator, ngo_worker):
        client.force_login(user)
        assert client.get("/help/newsletter/").status_code == 403
        assert client.post(f"/help/newsletter/{issue.pk}/send/").status_code == 403
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT
    # A draft is not public.
    assert Client().get(f"/public/help/newsletter/{issue.pk}/").status_code == 404


def test_the_atom_feeds_list_sent_issues_and_changed_content():
    from django.utils import timezone

    IssueFactory(
        language="en", subject="November news", status=IssueStatus.SENT, sent_at=timezone.now()
    )
    IssueFactory(language="en", subject="Draft news")
    TopicTextFactory(
        topic=TopicFactory(code="werk"), language="en", title="Work", answer="About work."
    )
    DocumentVersionFactory(language="en", title="Guide to the allowance")
    client = Client()
    feed = client.get("/public/help/feeds/newsletter/en/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    titles = [e.findtext(f"{ATOM}title") for e in ET.fromstring(feed.content).iter(f"{ATOM}entry")]
    assert titles == ["November news"]
    changes = ET.fromstring(client.get("/public/help/feeds/changes/en/").content)
    titles = {e.findtext(f"{ATOM}title") for e in changes.iter(f"{ATOM}entry")}
    assert {"Work", "Guide to the allowance"} <= titles
    assert client.get("/public/help/feeds/changes/xx/").status_code == 404
