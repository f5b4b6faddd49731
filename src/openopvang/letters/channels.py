"""How a letter reaches a person, as plugins (openopvang.plugins.Registry):
print (the PDF, posted by the municipality) and e-mail (the PDF attached to a
short mail in the person's language, sent through the platform's SMTP server).

A channel's `check(person)` says, before anything is made, why a person cannot
get the letter this way (a code, shown through REASONS); `deliver(letter, pdf)`
sends a made letter and raises DeliveryFailed with the mail server's reason,
which the letter keeps so it can be sent again (services.resend_letter)."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext_lazy

from openopvang.plugins import Registry

from .models import Channel as ChannelChoice

# Why a person cannot get a letter through a channel: codes, shown at display time.
REASONS = {
    "no_email": gettext_lazy("no e-mail address"),
    "smtp": gettext_lazy("the mail server did not accept the message"),
}


class DeliveryFailed(Exception):
    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


# A short mail that goes with the letter, in the letter's language (data, like the
# letter's labels in documents.LABELS: a letter speaks the recipient's language).
EMAIL_BODIES = {
    "nl": (
        "Beste {name},\n\nIn de bijlage vindt u een brief van {municipality}: "
        "“{subject}”.\n\nKenmerk: {reference}\n\nMet vriendelijke groet,\n{municipality}"
    ),
    "en": (
        "Dear {name},\n\nAttached is a letter from {municipality}: “{subject}”.\n\n"
        "Reference: {reference}\n\nKind regards,\n{municipality}"
    ),
    "uk": (
        "Шановний(а) {name},\n\nУ додатку лист від {municipality}: «{subject}».\n\n"
        "Номер: {reference}\n\nЗ повагою,\n{municipality}"
    ),
    "ru": (
        "Уважаемый(ая) {name},\n\nВо вложении письмо от {municipality}: «{subject}».\n\n"
        "Номер: {reference}\n\nС уважением,\n{municipality}"
    ),
    "ar": (
        "عزيزي/عزيزتي {name}،\n\nتجدون في المرفق رسالة من {municipality}: «{subject}».\n\n"
        "الرقم المرجعي: {reference}\n\nمع أطيب التحيات،\n{municipality}"
    ),
}


@dataclass(frozen=True)
class LetterChannel:
    code: str
    name: object

    def check(self, person) -> str | None:
        return None

    def recipient(self, person) -> str:
        return ""

    def deliver(self, letter, pdf: bytes, filename: str) -> None:
        return None


class PrintChannel(LetterChannel):
    pass


class EmailChannel(LetterChannel):
    def check(self, person) -> str | None:
        return None if (person.email or "").strip() else "no_email"

    def recipient(self, person) -> str:
        return person.email.strip()

    def message(self, letter, pdf: bytes, filename: str) -> EmailMessage:
        values = letter.data.get("values", {})
        body = EMAIL_BODIES.get(letter.language, EMAIL_BODIES["nl"]).format(
            name=values.get("name", ""),
            municipality=values.get("municipality", ""),
            reference=values.get("reference", ""),
            subject=letter.subject,
        )
        message = EmailMessage(
            subject=letter.subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[letter.email_to],
            headers={"Content-Language": letter.language},
        )
        message.attach(filename, pdf, "application/pdf")
        return message

    def deliver(self, letter, pdf: bytes, filename: str) -> None:
        try:
            self.message(letter, pdf, filename).send(fail_silently=False)
        except (TimeoutError, smtplib.SMTPException, OSError) as error:
            raise DeliveryFailed(f"{type(error).__name__}: {error}"[:280]) from error


CHANNELS: Registry[LetterChannel] = Registry("letter channel")
CHANNELS.add(ChannelChoice.PRINT, PrintChannel(ChannelChoice.PRINT, ChannelChoice.PRINT.label))
CHANNELS.add(ChannelChoice.EMAIL, EmailChannel(ChannelChoice.EMAIL, ChannelChoice.EMAIL.label))


def get_channel(code: str) -> LetterChannel:
    return CHANNELS.get(code)
