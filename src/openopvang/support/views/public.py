"""The public page of services for displaced persons, in their language."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation

from openopvang.accounts.models import Organisation

from .. import selectors


def public_services(request, code):
    """Services the municipality has ordered today, in Dutch, English,
    Ukrainian or Russian (the language core.languages chose: ``?lang=``, the
    switcher's cookie or the browser's). No login, no personal data."""
    municipality = get_object_or_404(Organisation.objects.municipalities(), code=code.upper())
    language = translation.get_language()
    today = timezone.localdate()
    rows = selectors.public_services(municipality, today, language)
    return render(
        request,
        "support/public_services.html",
        {"municipality": municipality, "rows": rows, "language": language, "today": today},
    )
