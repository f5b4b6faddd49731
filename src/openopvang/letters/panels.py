"""The person page's letters section (registry/panels.py): the letters made
for the person, newest first, with a link to make one."""

from __future__ import annotations

from openopvang.registry.panels import register_person_panel

from . import selectors
from .permissions import can_send_letters


@register_person_panel
def letters_panel(request, person, day) -> dict | None:
    user = getattr(request, "user", None)
    if not can_send_letters(user, getattr(user, "organisation", None)):
        return None
    return {
        "template": "letters/_person_letters.html",
        "context": {"person": person, "letters": list(selectors.person_letters(user, person)[:10])},
    }
