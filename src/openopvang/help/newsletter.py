"""The monthly newsletter: subscription with double opt-in, the issue sent
in batches over one SMTP connection with an unsubscribe link in every mail
and the List-Unsubscribe headers (RFC 2369, one-click RFC 8058).

The confirmation and unsubscribe links carry a signed subscriber id
(django.core.signing, salted per purpose): nothing secret is stored, a
confirmation link expires after CONFIRM_DAYS, an unsubscribe link does not."""

from __future__ import annotations

import logging
import smtplib

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction

from .mail import base_url
from .models import Delivery, IssueStatus, NewsletterIssue, Subscriber
from .permissions import require_editor

logger = logging.getLogger(__name__)

CONFIRM_DAYS = 7
BATCH = 50
SUBSCRIPTIONS_PER_HOUR = 5
_CONFIRM, _UNSUBSCRIBE = "help.newsletter.confirm", "help.newsletter.unsubscribe"


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps(subscriber.pk, salt=_CONFIRM)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps(subscriber.pk, salt=_UNSUBSCRIBE)


def _link(name: str, token: str, language: str, base: str) -> str:
    return base + reverse(f"help_public:{name}", kwargs={"token": token}) + f"?lang={language}"


# --- subscribing ---------------------------------------------------------------------


def subscribe(email: str, language: str, *, request=None) -> None:
    """Ask for a subscription: a new or unconfirmed address gets the mail
    with the confirmation link; a confirmed one gets nothing new. The answer
    is the same in every case, so the form tells nobody who subscribed."""
    from .services import RateLimited, _recent, sender_key

    key = sender_key(request)
    if _recent(Subscriber, key) >= SUBSCRIPTIONS_PER_HOUR:
        raise RateLimited(
            _("You have sent several requests in a short time. Please try again in an hour.")
        )
    email = email.strip().lower()
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is None:
        subscriber = Subscriber(email=email, language=language, sender_key=key)
        subscriber.full_clean()
        try:
            subscriber.save()
        except IntegrityError:
            return
    elif subscriber.confirmed_at is not None:
        return
    base = base_url(request)
    with translation.override(subscriber.language):
        body = render_to_string(
            "help/email/newsletter_confirm.txt",
            {
                "confirm": _link("newsletter_confirm", confirm_token(subscriber), language, base),
                "days": CONFIRM_DAYS,
            },
        )
        message = EmailMessage(
            _("Confirm your subscription to the newsletter"), body, None, [email]
        )
    try:
        message.send()
    except (OSError, smtplib.SMTPException):
        logger.exception(
            "Newsletter confirmation to subscriber %s could not be sent", subscriber.pk
        )


def _subscriber(token: str, salt: str, max_age=None) -> Subscriber:
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This confirmation link has expired. Please subscribe again."), code="expired"
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This link is not valid."), code="invalid") from error
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        raise ValidationError(_("This link is not valid."), code="invalid")
    return subscriber


def check_confirm_token(token: str) -> Subscriber:
    return _subscriber(token, _CONFIRM, max_age=CONFIRM_DAYS * 24 * 3600)


def confirm(token: str) -> Subscriber:
    subscriber = check_confirm_token(token)
    if subscriber.confirmed_at is None:
        Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        subscriber.refresh_from_db()
    return subscriber


def check_unsubscribe_token(token: str) -> Subscriber:
    return _subscriber(token, _UNSUBSCRIBE)


def unsubscribe(token: str) -> None:
    """Delete the subscription; a second click finds nothing and says so."""
    check_unsubscribe_token(token).delete()


# --- the editor's issues --------------------------------------------------------------


def save_issue(user, issue: NewsletterIssue, *, request=None) -> NewsletterIssue:
    from openopvang.core.services import save_audited

    require_editor(user)
    if (
        issue.pk
        and NewsletterIssue.objects.filter(pk=issue.pk).exclude(status=IssueStatus.DRAFT).exists()
    ):
        raise ValidationError(_("An issue that has been sent cannot be changed."))
    return save_audited(user, issue, request=request)


def recipients(issue: NewsletterIssue):
    return Subscriber.objects.filter(language=issue.language, confirmed_at__isnull=False)


def start_sending(user, issue: NewsletterIssue, *, request=None) -> NewsletterIssue:
    """From draft to sending, once; the background task does the mails."""
    require_editor(user)
    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        if issue.status != IssueStatus.DRAFT:
            raise ValidationError(_("This issue is already being sent or has been sent."))
        issue.status = IssueStatus.SENDING
        issue.total = recipients(issue).count()
        issue.done = 0
        issue.save(update_fields=["status", "total", "done"])
        audit.record(
            user,
            AuditAction.UPDATE,
            issue,
            changes={"status": [IssueStatus.DRAFT, IssueStatus.SENDING], "total": issue.total},
            request=request,
        )
    from .tasks import send_newsletter_issue

    send_newsletter_issue.enqueue(issue.pk)
    issue.refresh_from_db()
    return issue


def _message(issue: NewsletterIssue, subscriber: Subscriber, base: str, connection) -> EmailMessage:
    unsubscribe = _link(
        "newsletter_unsubscribe", unsubscribe_token(subscriber), subscriber.language, base
    )
    body = render_to_string(
        "help/email/newsletter_issue.txt",
        {
            "issue": issue,
            "unsubscribe": unsubscribe,
            "archive": base + reverse("help_public:newsletter") + f"?lang={issue.language}",
        },
    )
    return EmailMessage(
        issue.subject,
        body,
        None,
        [subscriber.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def send_issue(issue_id: int) -> int:
    """Send an issue to every confirmed subscriber of its language who has
    not had it, BATCH at a time over one connection, writing the progress
    after each batch. Resumable: a Delivery row per subscriber means nobody
    gets it twice. Returns the number sent in this run."""
    issue = NewsletterIssue.objects.get(pk=issue_id)
    if issue.status != IssueStatus.SENDING:
        return 0
    base = base_url()
    sent = 0
    with translation.override(issue.language):
        while True:
            batch = list(
                recipients(issue).exclude(
                    pk__in=Delivery.objects.filter(issue=issue).values("subscriber")
                )[:BATCH]
            )
            if not batch:
                break
            connection = get_connection()
            try:
                connection.open()
            except (OSError, smtplib.SMTPException):
                logger.exception("Newsletter %s: the mail server cannot be reached", issue.pk)
                return sent  # stays "sending"; the next run resumes
            failed = 0
            try:
                for subscriber in batch:
                    try:
                        with transaction.atomic():
                            Delivery.objects.create(issue=issue, subscriber=subscriber)
                            _message(issue, subscriber, base, connection).send()
                        sent += 1
                    except IntegrityError:
                        continue  # another run sent it
                    except (OSError, smtplib.SMTPException):
                        failed += 1
                        logger.exception(
                            "Newsletter %s to subscriber %s failed", issue.pk, subscriber.pk
                        )
            finally:
                connection.close()
            NewsletterIssue.objects.filter(pk=issue.pk).update(
                done=Delivery.objects.filter(issue=issue).count()
            )
            if failed == len(batch):
                return sent  # the mail server is down: stays "sending", run again later
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=IssueStatus.SENT,
        sent_at=timezone.now(),
        done=Delivery.objects.filter(issue=issue).count(),
    )
    audit.record(
        None,
        AuditAction.EXPORT,
        issue,
        changes={"sent": sent},
        channel="job",
    )
    return sent
