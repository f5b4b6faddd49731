"""Letters reads, scoped to the caller's organisation."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from .models import LetterBatch, LetterTemplate, SentLetter, TemplateText, TemplateVersion
from .types import LetterType, all_types


@dataclass
class TypeRow:
    type: LetterType
    template: LetterTemplate | None
    current: TemplateVersion | None


def templates_overview(user) -> list[TypeRow]:
    """Every letter type, with the municipality's template and its current version."""
    found = {t.letter_type: t for t in LetterTemplate.objects.for_user(user)}
    rows = []
    for kind in all_types():
        template = found.get(kind.code)
        rows.append(TypeRow(kind, template, template.current if template else None))
    return rows


def templates(user):
    return LetterTemplate.objects.for_user(user)


def template_of_type(user, code: str) -> LetterTemplate | None:
    return templates(user).filter(letter_type=code).first()


def versions(user, template: LetterTemplate):
    return (
        TemplateVersion.objects.for_user(user)
        .filter(template=template)
        .select_related("created_by")
        .prefetch_related(Prefetch("texts", TemplateText.objects.order_by("id")))
        .order_by("-number")
    )


def current_version(user, template: LetterTemplate) -> TemplateVersion | None:
    return versions(user, template).first()


def person_letters(user, person):
    return (
        SentLetter.objects.for_user(user)
        .filter(person=person)
        .select_related("version", "sent_by")
        .order_by("-sent_at", "-id")
    )


def sent_letters(user):
    return SentLetter.objects.for_user(user).select_related("person", "version", "sent_by")


def batches(user):
    return LetterBatch.objects.for_user(user).select_related("created_by")
