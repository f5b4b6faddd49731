"""Letters use cases: `verb_entity(user, …, *, request=None)`, the
permission check first, one transaction with the audit event inside.

- `save_template`: a new version of a municipality's template with a text per
  language; every text's placeholders are checked (TemplateText.clean) and
  the errors of all languages are raised together, keyed `subject_<lang>` and
  `body_<lang>` as the editor's fields are.
- `make_letter`: one letter for one person (a SentLetter with its snapshot,
  audited) and its PDF.
- `preview_letter`: the same PDF without keeping it (an audited read).
- `start_batch`: letters for many persons, in the background (tasks.py)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction

from . import documents
from .models import (
    Channel,
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


def _prepare(user, person, code: str, language: str | None, asked: dict, day, request):
    letter_type = _letter_type(code)
    version = ensure_template(user, person.municipality, code, request=request)
    language = language if language and version.text_for(language) else None
    language = language or documents.letter_language(person, version)
    text = version.text_for(language)
    data = documents.letter_data(user, person, letter_type, language, day, asked)
    return letter_type, version, text, data


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
    day = day or timezone.localdate()
    letter_type, version, text, data = _prepare(
        user, person, code, language, asked or {}, day, request
    )
    with transaction.atomic():
        letter = SentLetter.objects.create(
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
    return letter, (documents.render_pdf(letter_type, text, data) if render else None)


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
    user, code: str, persons, *, asked: dict | None = None, request=None
) -> LetterBatch:
    """Letters of type `code` for `persons` (of the user's municipality), made
    in the background (tasks.run_batch); the batch shows the progress."""
    municipality = user.organisation
    require_can_send_letters(user, municipality)
    _letter_type(code)
    ids = [p.pk for p in persons if p.municipality_id == municipality.pk]
    if not ids:
        raise ValidationError(_("Choose at least one person."))
    ensure_template(user, municipality, code, request=request)
    with transaction.atomic():
        batch = LetterBatch.objects.create(
            municipality=municipality,
            letter_type=code,
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
            changes={"letter_type": code, "persons": len(ids), "asked": batch.asked},
            request=request,
            shown=audit.shown_field([("registry.Person", pk) for pk in ids]),
        )
    from .tasks import run_batch

    run_batch.enqueue(batch.pk)  # test settings run it at once
    batch.refresh_from_db()
    return batch


def batch_pdf(user, batch: LetterBatch, *, request=None) -> bytes:
    require_can_send_letters(user, batch.municipality)
    if not batch.pdf:
        raise ValidationError(_("This batch has no PDF (yet)."))
    audit.record(
        user,
        AuditAction.EXPORT,
        batch,
        changes={"format": "pdf", "letters": batch.done - len(batch.errors)},
        request=request,
        shown=audit.shown_field(
            [("registry.Person", pk) for pk in batch.letters.values_list("person_id", flat=True)]
        ),
    )
    return bytes(batch.pdf)
