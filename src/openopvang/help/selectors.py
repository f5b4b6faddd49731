"""Help reads: the public content in the reader's language (with the Dutch
fallback), and the staff lists scoped to the caller's organisation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models import (
    FALLBACK_LANGUAGE,
    Agency,
    Booking,
    ConsultationHour,
    Desk,
    Document,
    DocumentVersion,
    Feedback,
    IssueStatus,
    NewsletterIssue,
    Subscriber,
    Topic,
    TopicText,
)


@dataclass
class ShownText:
    """A topic's text as shown: `fallback` when it is the Dutch text because
    the reader's language has none (the page says so and marks it lang="nl")."""

    topic: Topic
    title: str
    answer: str
    language: str
    fallback: bool


def topic_text(topic: Topic, language: str) -> ShownText:
    texts = {text.language: text for text in topic.texts.all()}
    text = texts.get(language) or texts.get(FALLBACK_LANGUAGE) or next(iter(texts.values()), None)
    if text is None:
        return ShownText(topic, topic.code, "", FALLBACK_LANGUAGE, language != FALLBACK_LANGUAGE)
    return ShownText(topic, text.title, text.answer, text.language, text.language != language)


def topics(audience: str | None = None):
    found = Topic.objects.select_related("agency").prefetch_related("texts")
    if audience:
        found = found.filter(audience=audience)
    return found


def shown_topics(language: str, audience: str | None = None) -> list[ShownText]:
    return [topic_text(topic, language) for topic in topics(audience)]


def agencies():
    return Agency.objects.all()


def texts_of(topic: Topic) -> dict[str, TopicText]:
    return {text.language: text for text in topic.texts.all()}


def desks_of(municipality):
    return Desk.objects.for_organisation(municipality)


def desks(user):
    return Desk.objects.for_user(user)


def feedback():
    return Feedback.objects.all()


def public_hours(language: str = "", topic: str = ""):
    """Upcoming consultation hours anyone may book, soonest first."""
    found = ConsultationHour.objects.published().select_related("ngo", "topic")
    if topic:
        found = found.filter(topic__code=topic)
    hours = list(found[:200])
    if language:
        hours = [hour for hour in hours if language in hour.language_list]
    return hours


def hours(user):
    return ConsultationHour.objects.for_user(user).select_related("topic")


def upcoming_hours(user):
    return hours(user).filter(starts_at__gte=timezone.now() - datetime.timedelta(hours=2))


def bookings_of(user, hour: ConsultationHour):
    return Booking.objects.for_user(user).filter(hour=hour)


# --- the document library ------------------------------------------------------


@dataclass
class ShownDocument:
    """A document as shown in one language: its version in that language, or
    the Dutch one (then `fallback`, and the page says so)."""

    document: Document
    version: DocumentVersion
    fallback: bool


def shown_version(document: Document, language: str) -> ShownDocument | None:
    versions = {version.language: version for version in document.versions.all()}
    version = (
        versions.get(language)
        or versions.get(FALLBACK_LANGUAGE)
        or next(iter(versions.values()), None)
    )
    if version is None:
        return None
    return ShownDocument(document, version, version.language != language)


def documents():
    return Document.objects.select_related("topic").prefetch_related("versions")


def shown_documents(language: str, *, audience: str = "", topic: str = "", query: str = ""):
    """The library in `language`, filtered by audience and topic, searched in
    the title and summary of the version shown."""
    found = documents()
    if audience:
        found = found.filter(audience=audience)
    if topic:
        found = found.filter(topic__code=topic)
    shown = [item for item in (shown_version(doc, language) for doc in found) if item]
    if query:
        needle = query.casefold()
        shown = [
            item
            for item in shown
            if needle in item.version.title.casefold() or needle in item.version.summary.casefold()
        ]
    return shown


def versions_of(document: Document) -> dict[str, DocumentVersion]:
    return {version.language: version for version in document.versions.all()}


# --- the newsletter -------------------------------------------------------------


def sent_issues(language: str = ""):
    found = NewsletterIssue.objects.filter(status=IssueStatus.SENT).order_by("-sent_at", "-id")
    if language:
        found = found.filter(language=language)
    return found


def issues():
    return NewsletterIssue.objects.all()


def subscriber_counts() -> dict[str, int]:
    """Confirmed subscribers per language (the editor sees numbers, not addresses)."""
    counts: dict[str, int] = {}
    for language in Subscriber.objects.filter(confirmed_at__isnull=False).values_list(
        "language", flat=True
    ):
        counts[language] = counts.get(language, 0) + 1
    return counts


def changed_content(language: str, limit: int = 30) -> list:
    """Topic texts and document versions in `language`, most recently changed first."""
    texts = list(
        TopicText.objects.filter(language=language)
        .select_related("topic")
        .order_by("-updated_at")[:limit]
    )
    versions = list(
        DocumentVersion.objects.filter(language=language)
        .select_related("document")
        .order_by("-updated_at")[:limit]
    )
    return sorted(texts + versions, key=lambda item: item.updated_at, reverse=True)[:limit]
