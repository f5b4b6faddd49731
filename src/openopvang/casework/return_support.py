"""Return support on the case page: who travels (the person's household on the
day), which departure is planned, and what IOM and DT&V can give each of them,
computed by the engine (rules/engine/return_support.py) and put into words in
the user's language."""

import datetime
from dataclasses import dataclass

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from openopvang.core import formatting
from openopvang.parameters.services import current_parameters
from openopvang.registry.models import HouseholdMembership
from openopvang.rules.engine import return_support as engine

from .models import Case, Departure, DepartureStatus

SCHEMES = (
    (
        engine.IOM,
        gettext_lazy("IOM reintegration support"),
        gettext_lazy("IOM Nederland (International Organization for Migration)"),
    ),
    (
        engine.DTV,
        gettext_lazy("DT&V return contribution"),
        gettext_lazy("Dienst Terugkeer en Vertrek (DT&V)"),
    ),
)


@dataclass(frozen=True)
class SupportRow:
    person: object
    scheme: str
    amount: str
    explanation: str
    applies: bool


def travellers(case: Case, day: datetime.date) -> list:
    """The members of the person's household on `day`, or the person alone."""
    membership = (
        HouseholdMembership.objects.filter(person_id=case.person_id)
        .active_on(day)
        .select_related("household")
        .first()
    )
    if membership is None:
        return [case.person]
    members = (
        HouseholdMembership.objects.filter(household_id=membership.household_id)
        .active_on(day)
        .select_related("person")
        .order_by("person__family_name", "person__given_names", "person_id")
    )
    return [m.person for m in members]


def _explain(line: engine.SupportLine, language: str) -> str:
    money = formatting.money
    if line.scheme == engine.IOM:
        age = _("minor") if line.minor else _("adult")
        return _("Up to %(amount)s as %(age)s, of which at most %(cash)s in cash.") % {
            "amount": money(line.amount, language),
            "age": age,
            "cash": money(line.cash_at_most, language),
        }
    if line.status == engine.NOT_REGISTERED:
        return _("Not registered with DT&V: the DT&V contribution depends on the registration day.")
    if line.status == engine.OUTSIDE_WINDOW:
        return _("No DT&V scheme covered the day of registration.")
    depart_by = formatting.long_date(line.depart_by, language)
    if line.status == engine.DEPARTED_TOO_LATE:
        return _(
            "The departure is after %(date)s, the last day of the scheme: no contribution."
        ) % {"date": depart_by}
    return _("%(amount)s per person if the person departs no later than %(date)s.") % {
        "amount": money(line.amount, language),
        "date": depart_by,
    }


def current_departure(case: Case) -> Departure | None:
    """The planned departure, else the one that happened."""
    departures = case.departures.exclude(status=DepartureStatus.CANCELLED)
    return departures.order_by("-planned_on", "-id").first()


def support_for(case: Case, day: datetime.date) -> dict:
    """{departure, schemes: [{label, contact, total, rows}]} for the case page."""
    language = get_language()
    departure = current_departure(case)
    people = {str(person.pk): person for person in travellers(case, day)}
    result = engine.return_support(
        [engine.Traveller(pk, person.birth_date) for pk, person in people.items()],
        on=day,
        params=current_parameters(),
        dtv_registered_on=departure.dtv_registered_on if departure else None,
        departure_on=(departure.departed_on or departure.planned_on) if departure else None,
    )
    rows = [
        SupportRow(
            person=people[line.person_id],
            scheme=line.scheme,
            amount=formatting.money(line.amount, language),
            explanation=_explain(line, language),
            applies=line.status == engine.APPLIES,
        )
        for line in result.lines
    ]
    return {
        "departure": departure,
        "schemes": [
            {
                "label": label,
                "contact": contact,
                "total": formatting.money(result.total(code), language),
                "rows": [row for row in rows if row.scheme == code],
            }
            for code, label, contact in SCHEMES
        ],
    }
