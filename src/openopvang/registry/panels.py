"""Sections other apps add to the person page, without registry importing them.

An app registers ``function(request, person, day) -> {"template": ..., "context":
{...}} | None`` with :func:`register_person_panel` (in its AppConfig.ready); the
person view computes the panels and the page includes each template with the
panel's context as ``panel``. The view computes; templates only show."""

from __future__ import annotations

import datetime
from collections.abc import Callable

PersonPanel = Callable[..., dict | None]
PERSON_PANELS: list[PersonPanel] = []


def register_person_panel(function: PersonPanel) -> PersonPanel:
    if function not in PERSON_PANELS:
        PERSON_PANELS.append(function)
    return function


def person_panels(request, person, day: datetime.date) -> list[dict]:
    out = []
    for function in PERSON_PANELS:
        panel = function(request, person, day)
        if panel:
            out.append(panel)
    return out
