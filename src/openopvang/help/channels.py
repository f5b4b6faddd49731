"""Channels that follow the Atom feeds of the help app (help.feeds) and
publish their new entries elsewhere, such as a Telegram channel
(help.telegram). A channel is a plugin in `feed_channels`; it is registered
only when it is configured, so an installation without one does nothing.

The feeds are read as any follower reads them: over HTTP, through a
`Transport` (the standard library's urllib in production, a fake server on
loopback in the tests). Each entry goes to a channel once (help.FeedPost,
unique per channel, feed and entry): the row is created in the transaction
that publishes, so a refused post is tried again on the next run and two runs
at once do not post twice. When a channel starts following a feed, the
entries already in it are marked seen, not posted."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Protocol

from django.db import IntegrityError, transaction

from openopvang.plugins import Registry

from .models import FeedPost

logger = logging.getLogger(__name__)

ATOM = "{http://www.w3.org/2005/Atom}"
MAX_FEED_BYTES = 2 * 1024 * 1024
# Telegram allows about 20 messages a minute in one group: a run posts at most this many.
POSTS_PER_RUN = 20


class TransportError(Exception):
    """The other side could not be reached or answered with an error."""


class PublishError(Exception):
    """The channel refused the post."""


class Transport(Protocol):
    def get(self, url: str) -> bytes: ...

    def post_json(self, url: str, payload: dict) -> dict: ...


class UrllibTransport:
    """HTTP with the standard library, with a timeout and a size limit."""

    def __init__(self, timeout: float = 10.0):
        self.timeout = timeout

    def _open(self, request):
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return response.read(MAX_FEED_BYTES + 1)
        except urllib.error.HTTPError as error:
            body = error.read(64 * 1024)
            if error.headers.get_content_type() == "application/json":
                return body  # e.g. Telegram's {"ok": false, "description": …}
            raise TransportError(f"HTTP {error.code}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise TransportError(type(error).__name__) from error

    def get(self, url: str) -> bytes:
        body = self._open(urllib.request.Request(url, headers={"User-Agent": "Open Opvang"}))
        if len(body) > MAX_FEED_BYTES:
            raise TransportError("the feed is too large")
        return body

    def post_json(self, url: str, payload: dict) -> dict:
        request = urllib.request.Request(
            url,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "User-Agent": "Open Opvang"},
            method="POST",
        )
        try:
            return json.loads(self._open(request))
        except ValueError as error:
            raise TransportError("the answer is not JSON") from error


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    link: str
    summary: str


class FeedChannel(Protocol):
    name: str
    feeds: list[str]
    transport: Transport

    def publish(self, entry: FeedEntry) -> str:
        """Post the entry; returns its id on the channel. Raises PublishError."""


feed_channels: Registry[FeedChannel] = Registry("feed channel")


def parse_atom(body: bytes) -> list[FeedEntry]:
    """The entries of an Atom document, oldest first (feeds list the newest
    first). A document with a DTD is refused: a feed needs none."""
    if b"<!DOCTYPE" in body[:4096].upper():
        raise ValueError("an Atom feed with a DOCTYPE is refused")
    root = ET.fromstring(body)
    entries = []
    for node in root.findall(f"{ATOM}entry"):
        link = node.find(f"{ATOM}link[@rel='alternate']")
        if link is None:
            link = node.find(f"{ATOM}link")
        summary = node.findtext(f"{ATOM}summary") or node.findtext(f"{ATOM}content") or ""
        entries.append(
            FeedEntry(
                id=(node.findtext(f"{ATOM}id") or "").strip()[:500],
                title=(node.findtext(f"{ATOM}title") or "").strip(),
                link=(link.get("href", "") if link is not None else "").strip(),
                summary=summary.strip(),
            )
        )
    return [entry for entry in reversed(entries) if entry.id]


def follow(channel: FeedChannel, *, limit: int = POSTS_PER_RUN) -> int:
    """Publish the entries of the channel's feeds it has not published yet;
    returns how many were posted. A feed that cannot be read is skipped (and
    logged) this run; a refused post stops that feed until the next run."""
    posted = 0
    for url in channel.feeds:
        try:
            entries = parse_atom(channel.transport.get(url))
        except (TransportError, ValueError, ET.ParseError) as error:
            logger.warning("%s: could not read the feed %s: %s", channel.name, url, error)
            continue
        rows = FeedPost.objects.filter(channel=channel.name, feed_url=url)
        if not rows.filter(entry_id="").exists():
            _start_following(channel, url, entries)
            continue
        for entry in entries:
            if posted >= limit:
                return posted
            try:
                if _publish_once(channel, url, entry):
                    posted += 1
            except (PublishError, TransportError) as error:
                logger.warning("%s: the post of %s was refused: %s", channel.name, entry.id, error)
                break
    return posted


def _start_following(channel, url, entries) -> None:
    FeedPost.objects.bulk_create(
        [FeedPost(channel=channel.name, feed_url=url, entry_id="")]
        + [FeedPost(channel=channel.name, feed_url=url, entry_id=entry.id) for entry in entries],
        ignore_conflicts=True,
    )


def _publish_once(channel, url, entry) -> bool:
    with transaction.atomic():
        try:
            with transaction.atomic():
                post = FeedPost.objects.create(
                    channel=channel.name, feed_url=url, entry_id=entry.id, published=True
                )
        except IntegrityError:
            return False  # seen or posted already (by this or another run)
        # Inside the transaction: a refused post leaves no row and is tried again.
        post.external_id = str(channel.publish(entry))[:100]
        post.save(update_fields=["external_id"])
    return True


def publish_all() -> int:
    """Every registered channel follows its feeds."""
    return sum(follow(channel) for channel in feed_channels.plugins())
