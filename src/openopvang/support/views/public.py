"""The public page of services for displaced persons, in their language."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation

from openopvang.accounts.models import Organisation

from .. import selectors
from ..models import Language

PUBLIC_LANGUAGES = [code for code, _name in Language.choices]


def public_services(request, code):
    """Services the municipality has ordered today, in Dutch, English or
    Ukrainian. No login, no personal data."""
    municipality = get_object_or_404(Organisation.objects.municipalities(), code=code.upper())
    language = request.GET.get("lang") or translation.get_language() or "nl"
    language = language[:2] if language[:2] in PUBLIC_LANGUAGES else "nl"
    today = timezone.localdate()
    with translation.override(language):
        rows = selectors.public_services(municipality, today, language)
        response = render(
            request,
            "support/public_services.html",
            {
                "municipality": municipality,
                "rows": rows,
                "language": language,
                "languages": Language.choices,
                "today": today,
            },
        )
    response["Content-Language"] = language
    return response
