"""The optional Telegram channel follows the newsletter's Atom feed: a fake
Telegram Bot API and the feed on a loopback HTTP server (no real network),
reached through the real urllib transport. A new issue is posted once, as
title, summary and link; the issues already in the feed when the channel
starts following are not posted; a refused post is tried again on the next
run; an unreachable feed posts nothing and breaks nothing."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client
from django.utils import timezone

from openopvang.core import schedule
from openopvang.help import channels, telegram
from openopvang.help.models import FeedPost, IssueStatus

from .factories import IssueFactory

pytestmark = pytest.mark.django_db

TOKEN = "123456:secret-bot-token"
FEED_PATH = "/public/help/feeds/newsletter/uk/"


class FakeServer(ThreadingHTTPServer):
    """Serves the feed (the app's own Atom document, set by the test) and
    answers sendMessage like the Bot API."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.feed = b""
        self.sent: list[dict] = []
        self.refuse = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, status, body: bytes, content_type: str):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == FEED_PATH:
            self._answer(200, self.server.feed, "application/atom+xml; charset=utf-8")
        else:
            self._answer(404, b"not found", "text/plain")

    def do_POST(self):
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.path != f"/bot{TOKEN}/sendMessage":
            answer = (404, {"ok": False, "error_code": 404, "description": "Not Found"})
        elif self.server.refuse:
            answer = (429, {"ok": False, "description": "Too Many Requests: retry after 5"})
        else:
            self.server.sent.append(payload)
            answer = (200, {"ok": True, "result": {"message_id": 100 + len(self.server.sent)}})
        self._answer(answer[0], json.dumps(answer[1]).encode(), "application/json")


@pytest.fixture
def server():
    fake = FakeServer()
    thread = threading.Thread(target=fake.serve_forever, daemon=True)
    thread.start()
    yield fake
    fake.shutdown()
    fake.server_close()


def refresh_feed(server):
    """What a follower would download now: the app's real Atom feed."""
    server.feed = Client().get(FEED_PATH).content


@pytest.fixture
def channel(server):
    return telegram.TelegramChannel(
        token=TOKEN, chat_id="@opvang_test", feeds=[server.url + FEED_PATH], api_url=server.url
    )


def sent_issue(subject, body="Wat er deze maand veranderde."):
    return IssueFactory(
        language="uk", subject=subject, body=body, status=IssueStatus.SENT, sent_at=timezone.now()
    )


def test_a_new_issue_is_posted_once_and_old_ones_not(server, channel):
    sent_issue("Старий випуск")
    refresh_feed(server)
    assert channels.follow(channel) == 0  # starts following: the old issue is only seen
    assert server.sent == []

    new = sent_issue("Грудень: нові суми", body="<p>Нормбедраг змінився з 1 січня.</p> " * 3)
    refresh_feed(server)
    assert channels.follow(channel) == 1
    (message,) = server.sent
    assert message["chat_id"] == "@opvang_test"
    title, summary, link = message["text"].split("\n\n")
    assert title == "Грудень: нові суми"
    assert summary.startswith("Нормбедраг змінився з 1 січня.") and "<p>" not in summary
    assert link.endswith(f"/public/help/newsletter/{new.pk}/?lang=uk")
    post = FeedPost.objects.get(published=True)
    assert post.external_id == "101"

    # the next run, and a second run at once: nothing twice
    assert channels.follow(channel) == 0
    assert len(server.sent) == 1


def test_a_refused_post_is_tried_again_on_the_next_run(server, channel):
    refresh_feed(server)
    channels.follow(channel)  # following an empty feed
    sent_issue("Січень")
    refresh_feed(server)
    server.refuse = True
    assert channels.follow(channel) == 0
    assert not FeedPost.objects.filter(published=True).exists()
    server.refuse = False
    assert channels.follow(channel) == 1
    assert [m["text"].split("\n\n")[0] for m in server.sent] == ["Січень"]


def test_an_unreachable_feed_or_a_wrong_token_posts_nothing(server, channel):
    gone = telegram.TelegramChannel(
        token=TOKEN, chat_id="@x", feeds=["http://127.0.0.1:9/feed/"], api_url=server.url
    )
    assert channels.follow(gone) == 0
    assert not FeedPost.objects.exists()
    refresh_feed(server)
    channels.follow(channel)
    sent_issue("Лютий")
    refresh_feed(server)
    wrong = telegram.TelegramChannel(
        token="0:wrong", chat_id="@x", feeds=channel.feeds, api_url=server.url
    )
    wrong.name = channel.name
    assert channels.follow(wrong) == 0
    assert server.sent == []


def test_a_feed_with_a_doctype_is_refused():
    body = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><feed/>'
    with pytest.raises(ValueError):
        channels.parse_atom(body)


def test_the_channel_exists_only_when_configured(settings, server):
    telegram.register()
    assert "telegram" not in channels.feed_channels
    settings.OPENOPVANG_TELEGRAM_BOT_TOKEN = TOKEN
    settings.OPENOPVANG_TELEGRAM_CHAT_ID = "@opvang_test"
    settings.OPENOPVANG_TELEGRAM_FEEDS = [server.url + FEED_PATH]
    settings.OPENOPVANG_TELEGRAM_API_URL = server.url
    try:
        telegram.register()
        channel = channels.feed_channels.get("telegram")
        assert TOKEN not in repr(channel)
        # the scheduled job posts through it
        refresh_feed(server)
        channels.publish_all()
        sent_issue("Березень")
        refresh_feed(server)
        now = timezone.localtime().replace(hour=23, minute=59)
        assert "help.publish_feeds" in schedule.enqueue_due(now)
        assert [m["text"].split("\n\n")[0] for m in server.sent] == ["Березень"]
    finally:
        channels.feed_channels.remove("telegram")
