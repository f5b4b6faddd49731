"""The subject access PDF and JSON, through core.documents."""

import json

from django.conf import settings

from openopvang.core.documents import pdf_from_template

from .subject import pdf_language


def subject_pdf(person, export: dict) -> bytes:
    offered = tuple(dict.fromkeys((*settings.STAFF_LANGUAGES, *settings.PUBLIC_LANGUAGES)))
    return pdf_from_template(
        "privacy/subject_access_pdf.html",
        {"person": person, "export": export},
        language=pdf_language(person, offered),
    )


def subject_json(export: dict) -> bytes:
    return json.dumps(export, ensure_ascii=False, indent=2).encode("utf-8")
