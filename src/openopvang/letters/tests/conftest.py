"""Fixtures of the letters tests: batch files in a temporary media folder, and
a real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller


@pytest.fixture
def sender(municipality):
    municipality.letter_name = "Gemeente Utrecht"
    municipality.street_address = "Stadsplateau 1"
    municipality.postcode = "3521 AZ"
    municipality.city = "Utrecht"
    municipality.phone = "14 030"
    municipality.save()
    return municipality


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _use_smtp(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Gemeente Utrecht <brieven@utrecht.example>"


@pytest.fixture
def smtp_server(settings):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    _use_smtp(settings, controller.port)
    yield mailbox
    controller.stop()


@pytest.fixture
def no_smtp_server(settings):
    """A port on loopback where nothing listens: the mail server is down."""
    _use_smtp(settings, free_port())
