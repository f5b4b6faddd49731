"""Sections other apps add to the person page and to the dashboard, without
registry importing them.

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


# The dashboard's "to do" cards: ``function(request, today) -> {"template": ...,
# "context": {...}, "order": int} | None``, None when the card does not apply
# to the user (another role or kind of organisation). Lower order comes first.
DashboardPanel = Callable[..., dict | None]
DASHBOARD_PANELS: list[DashboardPanel] = []


def register_dashboard_panel(function: DashboardPanel) -> DashboardPanel:
    if function not in DASHBOARD_PANELS:
        DASHBOARD_PANELS.append(function)
    return function


def dashboard_panels(request, today: datetime.date) -> list[dict]:
    panels = [panel for function in DASHBOARD_PANELS if (panel := function(request, today))]
    return sorted(panels, key=lambda panel: panel.get("order", 50))
