"""The daily digest: one e-mail per caseworker with the deadlines of their
cases that are overdue, due within a week or past their reminder day,
instead of a mail per task. Sent once per caseworker per day (DigestSent);
a caseworker with nothing due gets no mail.

The mail names no person: it carries the case number, the kind of deadline
and the date, with a link to the case; the names stay behind the login."""

import datetime
import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction

from . import selectors
from .models import CASEWORK_ROLES, DigestSent

logger = logging.getLogger(__name__)


def base_url() -> str:
    """Where the links in the mail point: SITE_URL, else the first allowed host."""
    configured = settings.SITE_URL
    if configured:
        return configured.rstrip("/")
    host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*", "")), "localhost")
    return f"https://{host.lstrip('.')}"


def _items(user, today: datetime.date) -> list[dict]:
    items = []
    for deadline in selectors.digest_deadlines(user, today):
        due = deadline.due_date
        items.append(
            {
                "deadline": deadline,
                "case": deadline.case,
                "kind": deadline.get_kind_display(),
                "due": due,
                "overdue": due is not None and due < today,
                "days": abs((due - today).days) if due else None,
                "link": base_url() + reverse("casework:case_detail", args=[deadline.case_id]),
            }
        )
    return items


def send_digest(user, today: datetime.date) -> bool:
    """The digest of one caseworker for `today`; False when there was nothing
    to send, it was sent before, or the mail server refused it (tried again
    on the next run)."""
    if not user.email or DigestSent.objects.filter(user=user, day=today).exists():
        return False
    items = _items(user, today)
    if not items:
        return False
    with translation.override(user.preferred_language or "nl"):
        overdue = sum(1 for item in items if item["overdue"])
        subject = ngettext(
            "Casework: %(count)s deadline needs attention",
            "Casework: %(count)s deadlines need attention",
            len(items),
        ) % {"count": len(items)}
        body = render_to_string(
            "casework/email/digest.txt",
            {
                "user": user,
                "items": items,
                "overdue": overdue,
                "today": today,
                "list_link": base_url() + reverse("casework:deadline_list") + "?caseworker=me",
            },
        )
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, day=today, items=len(items))
            send_mail(subject, body, None, [user.email])
            audit.record(
                None,
                AuditAction.EXPORT,
                object_type="casework.Deadline",
                object_repr=_("Daily casework digest to %(user)s") % {"user": user.get_username()},
                changes={"day": today, "items": len(items), "to": user.get_username()},
                channel="job",
                organisation=user.organisation,
                shown=audit.shown_field([item["deadline"] for item in items]),
            )
    except IntegrityError:
        return False  # another run sent it at the same moment
    except (OSError, smtplib.SMTPException):
        logger.exception("Casework digest to user %s could not be sent", user.pk)
        return False
    return True


def send_digests(today: datetime.date) -> int:
    """Every active caseworker's digest for `today`; the number of mails sent."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, role__in=CASEWORK_ROLES, organisation__kind="municipality")
        .exclude(email="")
        .exclude(casework_digest__by_email=False)  # the caseworker chose the app only
    )
    return sum(1 for user in users.select_related("organisation") if send_digest(user, today))
