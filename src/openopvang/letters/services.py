"""Letters use cases: `verb_entity(user, …, *, request=None)`, the
permission check first, one transaction with the audit event inside.

- `save_template`: a new version of a municipality's template with a text per
  language; every text's placeholders are checked (TemplateText.clean) and
  the errors of all languages are raised together, keyed `subject_<lang>` and
  `body_<lang>` as the editor's fields are.
- `make_letter`: one letter for one person (a SentLetter with its snapshot,
  audited) and its PDF.
- `preview_letter`: the same PDF without keeping it (an audited read).
- `start_batch`: letters for many persons, in the background (tasks.py), by
  print or e-mail; `cancel_batch` stops it after the letter being made.
- E-mail (channels.py): the letter is kept first, then sent; the result
  (sent, or not delivered with the mail server's reason) is kept on the letter
  and audited, and `resend_letter` / `resend_failed` send a failed one again."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction

from . import channels, documents
from .models import (
    Channel,
    Delivery,
    LetterBatch,
    LetterTemplate,
    SentLetter,
    TemplateText,
    TemplateVersion,
)
from .permissions import require_can_edit_templates, require_can_send_letters
from .types import LANGUAGES, get_type


def _letter_type(code: str):
    letter_type = get_type(code)
    if letter_type is None:
        raise ValidationError(_("Unknown letter type."))
    return letter_type


def save_template(
    user, municipality, code: str, texts: dict, *, note: str = "", request=None
) -> TemplateVersion:
    """A new version of the municipality's template of type `code`; `texts`
    maps a language to (subject, body); a language left empty has no text in
    this version (Dutch is required)."""
    require_can_edit_templates(user, municipality)
    letter_type = _letter_type(code)
    texts = {
        language: (subject.strip(), body.strip())
        for language, (subject, body) in texts.items()
        if language in LANGUAGES and (subject.strip() or body.strip())
    }
    errors: dict[str, list[str]] = {}
    if "nl" not in texts:
        errors["body_nl"] = [_("A letter has a Dutch text.")]
    for language, (subject, body) in texts.items():
        if not subject:
            errors.setdefault(f"subject_{language}", []).append(_("Give a subject."))
        if not body:
            errors.setdefault(f"body_{language}", []).append(_("Give a text."))
        try:
            from . import placeholders

            placeholders.check(letter_type, language, subject, body)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(f"{field}_{language}", []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        template, created = LetterTemplate.objects.select_for_update().get_or_create(
            municipality=municipality, letter_type=code
        )
        if created:
            audit.record(
                user,
                AuditAction.CREATE,
                template,
                changes={"letter_type": code},
                request=request,
            )
        number = (template.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        version = TemplateVersion.objects.create(
            template=template, number=number, note=note.strip()[:200], created_by=user
        )
        for language, (subject, body) in texts.items():
            text = TemplateText(version=version, language=language, subject=subject, body=body)
            text.full_clean()
            text.save()
        audit.record(
            user,
            AuditAction.CREATE,
            version,
            changes={
                "number": number,
                "note": version.note,
                "texts": {lang: {"subject": s, "body": b} for lang, (s, b) in texts.items()},
            },
            request=request,
        )
    return version


def standard_texts(code: str) -> dict:
    return dict(_letter_type(code).texts)


def ensure_template(user, municipality, code: str, *, request=None) -> TemplateVersion:
    """The current version of the municipality's template of `code`; the
    standard text becomes version 1 when there is none yet."""
    template = LetterTemplate.objects.filter(municipality=municipality, letter_type=code).first()
    current = template.current if template else None
    if current is not None:
        return current
    require_can_send_letters(user, municipality)
    letter_type = _letter_type(code)
    with transaction.atomic():
        template, _created = LetterTemplate.objects.get_or_create(
            municipality=municipality, letter_type=code
        )
        version = TemplateVersion.objects.create(
            template=template, number=1, note="standard text", created_by=user
        )
        TemplateText.objects.bulk_create(
            TemplateText(version=version, language=lang, subject=subject, body=body)
            for lang, (subject, body) in letter_type.texts.items()
        )
        audit.record(
            user,
            AuditAction.CREATE,
            version,
            changes={"number": 1, "note": "standard text"},
            request=request,
        )
    return version


def _prepare(
    user, person, code: str, language: str | None, asked: dict, day, request, *, postal=True
):
    letter_type = _letter_type(code)
    version = ensure_template(user, person.municipality, code, request=request)
    language = language if language and version.text_for(language) else None
    language = language or documents.letter_language(person, version)
    text = version.text_for(language)
    data = documents.letter_data(user, person, letter_type, language, day, asked, postal=postal)
    return letter_type, version, text, data


def _channel(code: str) -> channels.LetterChannel:
    if code not in channels.CHANNELS:
        raise ValidationError(_("Unknown channel."))
    return channels.get_channel(code)


def _check_channel(person, channel: channels.LetterChannel) -> None:
    reason = channel.check(person)
    if reason:
        raise ValidationError(
            _("%(person)s cannot get this letter: %(reason)s.")
            % {"person": person, "reason": channels.REASONS[reason]},
            code=reason,
        )


def _filename(letter: SentLetter) -> str:
    return f"{letter.letter_type}-{letter.data['values'].get('reference', letter.pk)}.pdf"


def _deliver(user, letter: SentLetter, pdf: bytes, *, request=None) -> SentLetter:
    """Send a kept letter through its channel; the result is kept and audited."""
    channel = _channel(letter.channel)
    letter.attempts += 1
    try:
        channel.deliver(letter, pdf, _filename(letter))
    except channels.DeliveryFailed as failed:
        letter.delivery, letter.failure = Delivery.FAILED, failed.detail
    else:
        letter.delivery, letter.failure = Delivery.SENT, ""
        letter.delivered_at = timezone.now()
    with transaction.atomic():
        letter.save(update_fields=["delivery", "failure", "attempts", "delivered_at"])
        audit.record(
            user,
            AuditAction.UPDATE,
            letter,
            changes={
                "delivery": letter.delivery,
                "attempts": letter.attempts,
                "to": letter.email_to,
                "failure": letter.failure,
            },
            request=request,
        )
    return letter


def preview_letter(
    user, person, code: str, *, language=None, asked=None, day=None, request=None
) -> bytes:
    """The letter as it would be sent, not kept; reading the person's data is audited."""
    require_can_send_letters(user, person.municipality)
    day = day or timezone.localdate()
    letter_type, version, text, data = _prepare(
        user, person, code, language, asked or {}, day, request
    )
    audit.record_read(
        user,
        [person],
        obj=person,
        request=request,
        extra={"letter_type": code, "language": data["language"], "preview": True},
    )
    return documents.render_pdf(letter_type, text, data)


def make_letter(
    user,
    person,
    code: str,
    *,
    language: str | None = None,
    asked: dict | None = None,
    channel: str = Channel.PRINT,
    day: datetime.date | None = None,
    batch: LetterBatch | None = None,
    request=None,
    render: bool = True,
) -> tuple[SentLetter, bytes | None]:
    """One letter for one person, kept on the person's page with its version,
    language and data (audited), and its PDF (`render=False`: the view of it
    for a print run instead, see `letter_view_of`)."""
    require_can_send_letters(user, person.municipality)
    delivery_channel = _channel(channel)
    _check_channel(person, delivery_channel)
    day = day or timezone.localdate()
    letter_type, version, text, data = _prepare(
        user, person, code, language, asked or {}, day, request, postal=channel == Channel.PRINT
    )
    with transaction.atomic():
        letter = SentLetter.objects.create(
            email_to=delivery_channel.recipient(person),
            municipality=person.municipality,
            person=person,
            version=version,
            letter_type=code,
            language=data["language"],
            channel=channel,
            subject=documents.subject_of(letter_type, text, data)[:300],
            data=data,
            batch=batch,
            sent_by=user,
        )
        audit.record(
            user,
            AuditAction.CREATE,
            letter,
            changes={
                "person": person.pk,
                "letter_type": code,
                "version": version.number,
                "language": letter.language,
                "channel": channel,
                "batch": batch.pk if batch else None,
            },
            request=request,
        )
    pdf = (
        documents.render_pdf(letter_type, text, data)
        if render or channel != Channel.PRINT
        else None
    )
    if channel != Channel.PRINT:
        _deliver(user, letter, pdf, request=request)
    return letter, pdf


def resend_letter(user, letter: SentLetter, *, request=None) -> SentLetter:
    """A letter that was not delivered, sent again as it was made (its
    version and snapshot)."""
    require_can_send_letters(user, letter.municipality)
    if letter.channel == Channel.PRINT or letter.delivery != Delivery.FAILED:
        raise ValidationError(_("Only a letter that was not delivered can be sent again."))
    letter_type = _letter_type(letter.letter_type)
    pdf = documents.render_pdf(letter_type, letter.version.text_for(letter.language), letter.data)
    return _deliver(user, letter, pdf, request=request)


def resend_failed(user, batch: LetterBatch, *, request=None) -> tuple[int, int]:
    """The batch's letters that were not delivered, sent again: (sent, still failed)."""
    require_can_send_letters(user, batch.municipality)
    sent = failed = 0
    for letter in batch.letters.filter(delivery=Delivery.FAILED).select_related("version"):
        if resend_letter(user, letter, request=request).delivery == Delivery.SENT:
            sent += 1
        else:
            failed += 1
    return sent, failed


def letter_view_of(letter: SentLetter) -> dict:
    letter_type = _letter_type(letter.letter_type)
    return documents.letter_view(letter_type, letter.version.text_for(letter.language), letter.data)


def letter_pdf(user, letter: SentLetter, *, request=None) -> bytes:
    """A kept letter rendered again from its version and snapshot (audited export)."""
    require_can_send_letters(user, letter.municipality)
    letter_type = _letter_type(letter.letter_type)
    audit.record(
        user,
        AuditAction.EXPORT,
        letter,
        changes={"person": letter.person_id, "format": "pdf"},
        request=request,
        shown=audit.shown_field([letter.person]),
    )
    return documents.render_pdf(letter_type, letter.version.text_for(letter.language), letter.data)


def start_batch(
    user,
    code: str,
    persons,
    *,
    asked: dict | None = None,
    channel: str = Channel.PRINT,
    request=None,
) -> LetterBatch:
    """Letters of type `code` for `persons` (of the user's municipality), made
    in the background (tasks.run_batch); the batch shows the progress."""
    municipality = user.organisation
    require_can_send_letters(user, municipality)
    _letter_type(code)
    _channel(channel)
    ids = [p.pk for p in persons if p.municipality_id == municipality.pk]
    if not ids:
        raise ValidationError(_("Choose at least one person."))
    ensure_template(user, municipality, code, request=request)
    with transaction.atomic():
        batch = LetterBatch.objects.create(
            municipality=municipality,
            letter_type=code,
            channel=channel,
            asked={
                k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in (asked or {}).items()
            },
            person_ids=ids,
            count=len(ids),
            created_by=user,
        )
        audit.record(
            user,
            AuditAction.CREATE,
            batch,
            changes={
                "letter_type": code,
                "channel": channel,
                "persons": len(ids),
                "asked": batch.asked,
            },
            request=request,
            shown=audit.shown_field([("registry.Person", pk) for pk in ids]),
        )
    from .tasks import run_batch

    run_batch.enqueue(batch.pk)  # test settings run it at once
    batch.refresh_from_db()
    return batch


def cancel_batch(user, batch: LetterBatch, *, request=None) -> LetterBatch:
    """Stop a batch that is still being made: the letter being made is
    finished, no further one is started; the files hold the letters made."""
    require_can_send_letters(user, batch.municipality)
    if batch.is_finished:
        raise ValidationError(_("This batch is finished already."))
    with transaction.atomic():
        LetterBatch.objects.filter(pk=batch.pk).update(cancel_requested=True)
        audit.record(
            user, AuditAction.UPDATE, batch, changes={"cancel_requested": True}, request=request
        )
    batch.refresh_from_db()
    return batch


def batch_file(user, batch: LetterBatch, kind: str, *, request=None):
    """The batch's print run ("pdf") or its letters one by one ("zip"), an
    open file (audited export of the persons in it)."""
    require_can_send_letters(user, batch.municipality)
    field = batch.run_file if kind == "pdf" else batch.zip_file
    if not field:
        raise ValidationError(_("This batch has no file (yet)."))
    audit.record(
        user,
        AuditAction.EXPORT,
        batch,
        changes={"format": kind, "letters": batch.letters.count()},
        request=request,
        shown=audit.shown_field(
            [("registry.Person", pk) for pk in batch.letters.values_list("person_id", flat=True)]
        ),
    )
    return field.open("rb")
