"""Help: where to go with which question, municipal desks, the feedback box
and online consultation hours with their bookings.

Content (topics, answers) is data per language (nl, en, uk, ru), not gettext:
a national editor writes it, a missing translation falls back to Dutch with a
visible note (selectors.topic_text). Every row-local rule is in clean() or a
database constraint (ADR 0001); the "no more bookings than places" rule that
spans rows is in services.book, under a row lock on the hour, with a unique
seat number per hour as the database's last word."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openopvang.core.models import MunicipalityOwned

CONTENT_LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("ar", "العربية"),
]
FALLBACK_LANGUAGE = "nl"


class Audience(models.TextChoices):
    PERSON = "person", _("Displaced person")
    PROFESSIONAL = "professional", _("Municipality, safety region or NGO")


class Agency(models.Model):
    """An organisation that handles questions (NOO, LOOP, COA, …): how to reach it.
    Only contact details from the sources; a field left empty is not shown."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    hours = models.CharField(_("hours"), max_length=200, blank=True)
    languages = models.CharField(
        _("languages"), max_length=60, blank=True, help_text=_("Language codes, e.g. nl, en, uk.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation to contact")
        verbose_name_plural = _("organisations to contact")

    def __str__(self) -> str:
        return self.name

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]


class Topic(models.Model):
    """A question ("my question is about …"), for one audience, answered by one agency."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="topics", verbose_name=_("handled by")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["audience", "position", "code"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.code


class TopicText(models.Model):
    """A topic's title and answer in one language."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=8, choices=CONTENT_LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    answer = models.TextField(_("answer"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["topic", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "language"],
                name="help_topictext_one_per_language",
                violation_error_message=_("This topic already has a text in this language."),
            )
        ]
        verbose_name = _("topic text")
        verbose_name_plural = _("topic texts")

    def __str__(self) -> str:
        return f"{self.topic.code} ({self.language})"


class Desk(MunicipalityOwned):
    """A municipality's own desk for displaced persons, on its public help page."""

    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    languages = models.CharField(_("languages"), max_length=60, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("desk")
        verbose_name_plural = _("desks")

    def __str__(self) -> str:
        return self.name


class Feedback(models.Model):
    """A message from the feedback box ("is something missing here?"). No
    personal data is asked; `sender_key` is a keyed hash of the address, kept
    only for the rate limit."""

    page = models.CharField(_("page"), max_length=300)
    language = models.CharField(_("language"), max_length=8)
    message = models.TextField(_("message"), max_length=2000)
    sender_key = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.page} {self.created_at:%Y-%m-%d}"


class HourQuerySet(models.QuerySet):
    def for_user(self, user):
        organisation = getattr(user, "organisation", None)
        if not getattr(user, "is_authenticated", False) or organisation is None:
            return self.none()
        if not organisation.is_ngo:
            return self.none()
        return self.filter(ngo=organisation)

    def published(self):
        return self.filter(starts_at__gte=timezone.now(), cancelled=False)


class Mode(models.TextChoices):
    ONLINE = "online", _("Online")
    LOCATION = "location", _("At a location")


class ConsultationHour(models.Model):
    """An NGO's consultation hour: online or at a location, in some languages,
    about a topic, with a number of places."""

    ngo = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("NGO")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("topic")
    )
    subject = models.CharField(_("subject"), max_length=200)
    mode = models.CharField(_("form"), max_length=10, choices=Mode.choices, default=Mode.ONLINE)
    location = models.CharField(
        _("location or link"),
        max_length=300,
        blank=True,
        help_text=_("The address, or the link to the online meeting (shown in the confirmation)."),
    )
    languages = models.CharField(
        _("languages"), max_length=60, help_text=_("Language codes, e.g. uk, ru, en.")
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    capacity = models.PositiveSmallIntegerField(_("places"), default=1)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    objects = HourQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="help_hour_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5), name="help_hour_duration_minimum"
            ),
        ]
        verbose_name = _("consultation hour")
        verbose_name_plural = _("consultation hours")

    def __str__(self) -> str:
        return f"{self.subject} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class BookingQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(hour__in=ConsultationHour.objects.for_user(user))

    def booked(self):
        return self.filter(status=BookingStatus.BOOKED)


def retention_days() -> int:
    return getattr(settings, "HELP_BOOKING_RETENTION_DAYS", 30)


class Booking(models.Model):
    """A place in a consultation hour, booked without an account. Personal
    data: the NGO's staff see it (audited), and `openopvang help_purge_bookings`
    deletes it `retention_days()` after the hour."""

    hour = models.ForeignKey(ConsultationHour, on_delete=models.CASCADE, related_name="bookings")
    seat = models.PositiveSmallIntegerField(_("place"))
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # A keyed hash of the short cancel code of a booking with a phone number
    # (services.booking_code); empty for a booking with only an e-mail address.
    code_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    sender_key = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Set when the reminder of the day before went out: it goes out once.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["hour", "seat"]
        constraints = [
            # One booked place per seat number: two sessions that both took the
            # last place would collide here even without the row lock.
            models.UniqueConstraint(
                fields=["hour", "seat"],
                condition=Q(status="booked"),
                name="help_booking_one_per_seat",
            ),
            models.CheckConstraint(condition=Q(seat__gte=1), name="help_booking_seat_positive"),
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""), name="help_booking_phone_or_email"
            ),
        ]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")

    def __str__(self) -> str:
        # No name: the audit log and the admin list show the booking, not the person.
        return f"Booking {self.pk} ({self.hour_id}/{self.seat})"


class CancelAttempt(models.Model):
    """A try to cancel with a phone number and a code, counted for the rate
    limits per address and per phone number (keyed hashes only, no number).
    The daily purge deletes tries older than a day."""

    sender_key = models.CharField(max_length=64, db_index=True, editable=False)
    phone_key = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("cancel attempt")
        verbose_name_plural = _("cancel attempts")

    def __str__(self) -> str:
        return f"Cancel attempt {self.pk}"


# --- the document library ---------------------------------------------------------


class DocumentKind(models.TextChoices):
    GUIDE = "guide", _("Guide (handreiking)")
    QA = "qa", _("Questions and answers")
    NOTE = "note", _("Note")
    MODEL_LETTER = "model_letter", _("Model letter")
    INFOGRAPHIC = "infographic", _("Infographic")
    FLYER = "flyer", _("Flyer")


class Document(models.Model):
    """A document of the library (a handreiking, a Q&A, a model letter, a
    flyer …) for one audience, about a topic; its language versions carry the
    title, summary, validity note and the file or link."""

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("topic"),
    )
    publisher = models.CharField(_("publisher"), max_length=200)
    published_on = models.DateField(_("date"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_on", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        version = next(iter(self.versions.all()), None) if self.pk else None
        return version.title if version else f"{self.get_kind_display()} {self.published_on}"


class DocumentVersion(models.Model):
    """A document in one language: an uploaded file or a link, never both."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=8, choices=CONTENT_LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    validity_note = models.TextField(
        _("validity note"),
        blank=True,
        help_text=_(
            "Shown as a warning on the document, e.g. that it still assumes an end date "
            "that has since changed."
        ),
    )
    # The uploaded file's name in the default storage (random, help.library);
    # the uploader's own name is `file_name`, given back on download.
    stored_name = models.CharField(max_length=200, blank=True, editable=False)
    link = models.URLField(_("or a link"), blank=True, max_length=500)
    file_name = models.CharField(max_length=200, blank=True, editable=False)
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["document", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"],
                name="help_documentversion_one_per_language",
                violation_error_message=_("This document already has this language."),
            ),
            models.CheckConstraint(
                condition=(Q(stored_name="") & ~Q(link="")) | (~Q(stored_name="") & Q(link="")),
                name="help_documentversion_file_or_link",
                violation_error_message=_("Upload a file or give a link, not both."),
            ),
        ]
        verbose_name = _("document language version")
        verbose_name_plural = _("document language versions")

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    @property
    def is_file(self) -> bool:
        return bool(self.stored_name)

    @property
    def type_label(self) -> str:
        from .library import label_of

        return label_of(self.content_type)


# --- the monthly newsletter ---------------------------------------------------------


class Subscriber(models.Model):
    """A professional who subscribed to the newsletter. Receives issues only
    after confirming (double opt-in); unsubscribing deletes the row. The
    links in the mails are signed (help.newsletter), nothing secret is stored."""

    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=8, choices=CONTENT_LANGUAGES)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    sender_key = models.CharField(max_length=64, db_index=True, editable=False)

    class Meta:
        ordering = ["email"]
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")

    def __str__(self) -> str:
        return f"Subscriber {self.pk}"


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class NewsletterIssue(models.Model):
    """One month's newsletter in one language: what changed (rules, amounts,
    documents, events). Sent to the confirmed subscribers of its language in
    the background; `done` of `total` is the progress."""

    language = models.CharField(_("language"), max_length=8, choices=CONTENT_LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0, editable=False)
    done = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def __str__(self) -> str:
        return self.subject

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)


class Delivery(models.Model):
    """An issue went to a subscriber: it goes once, also when sending is
    resumed after an interruption."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="help_delivery_once_per_subscriber"
            )
        ]

    def __str__(self) -> str:
        return f"Delivery {self.issue_id}/{self.subscriber_id}"


# --- channels that follow the feeds (Telegram …) --------------------------------


class FeedPost(models.Model):
    """An entry of a followed Atom feed was published on a channel (or seen
    when the channel started following, so an old feed does not flood it):
    each entry goes to a channel once. The row with an empty entry id marks
    that the channel follows the feed."""

    channel = models.CharField(_("channel"), max_length=60)
    feed_url = models.URLField(_("feed"), max_length=500)
    entry_id = models.CharField(_("entry"), max_length=500, blank=True)
    published = models.BooleanField(_("published"), default=False)
    external_id = models.CharField(_("id on the channel"), max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "feed_url", "entry_id"], name="help_feedpost_once_per_channel"
            )
        ]
        verbose_name = _("feed post")
        verbose_name_plural = _("feed posts")

    def __str__(self) -> str:
        return f"{self.channel}: {self.entry_id or '(following)'}"
