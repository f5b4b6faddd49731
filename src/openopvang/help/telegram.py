"""The Telegram channel (optional): posts the new entries of the followed
Atom feeds to a Telegram channel or group through the Bot API's sendMessage,
as plain text (title, summary, link). Registered in help.channels only when
OPENOPVANG_TELEGRAM_BOT_TOKEN, OPENOPVANG_TELEGRAM_CHAT_ID and
OPENOPVANG_TELEGRAM_FEEDS are set (docs/operations/configuration.md). The bot
token is part of the API address: it is never logged or shown."""

from __future__ import annotations

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator

from .channels import FeedEntry, PublishError, Transport, UrllibTransport, feed_channels

SUMMARY_CHARS = 600
DEFAULT_API_URL = "https://api.telegram.org"


def text_of(entry: FeedEntry) -> str:
    """Title, a short summary and the link; Telegram allows 4096 characters."""
    summary = Truncator(" ".join(strip_tags(entry.summary).split())).chars(SUMMARY_CHARS)
    return "\n\n".join(part for part in (entry.title, summary, entry.link) if part)[:4096]


class TelegramChannel:
    def __init__(
        self,
        *,
        token: str,
        chat_id: str,
        feeds: list[str],
        transport: Transport | None = None,
        api_url: str = DEFAULT_API_URL,
        name: str = "telegram",
    ):
        self.name = name
        self.feeds = list(feeds)
        self.transport = transport or UrllibTransport()
        self._chat_id = chat_id
        self._send_url = f"{api_url.rstrip('/')}/bot{token}/sendMessage"

    def __repr__(self) -> str:  # without the token
        return f"TelegramChannel(name={self.name!r}, feeds={self.feeds!r})"

    def publish(self, entry: FeedEntry) -> str:
        answer = self.transport.post_json(
            self._send_url, {"chat_id": self._chat_id, "text": text_of(entry)}
        )
        if not answer.get("ok"):
            raise PublishError(str(answer.get("description", "refused"))[:200])
        return str(answer.get("result", {}).get("message_id", ""))


def configured() -> TelegramChannel | None:
    token = getattr(settings, "OPENOPVANG_TELEGRAM_BOT_TOKEN", "")
    chat = getattr(settings, "OPENOPVANG_TELEGRAM_CHAT_ID", "")
    feeds = getattr(settings, "OPENOPVANG_TELEGRAM_FEEDS", [])
    if not (token and chat and feeds):
        return None
    return TelegramChannel(
        token=token,
        chat_id=chat,
        feeds=feeds,
        api_url=getattr(settings, "OPENOPVANG_TELEGRAM_API_URL", DEFAULT_API_URL),
    )


def register() -> None:
    """Called by the help app when it is ready: the channel exists only when configured."""
    channel = configured()
    if channel is None:
        feed_channels.remove("telegram")
    else:
        feed_channels.add("telegram", channel)
