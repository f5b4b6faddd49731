"""How long each kind of record is kept after a person leaves reception, and
on what legal basis. The national defaults below apply unless a municipality
sets its own period (models.RetentionSetting), which may be longer or
shorter but never shorter than the legal minimum.

A person has left reception on the last day of their last placement, once no
placement is open and no case is open; a person who was never placed counts
from the day they were registered. Retention periods run from that day."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import RecordKind, RetentionSetting


@dataclass(frozen=True)
class Retention:
    months: int
    minimum_months: int
    legal_basis: str  # a short legal reference, shown translated
    why: str


DEFAULTS: dict[str, Retention] = {
    # Names, BSN, contact details, IBAN and notes: needed while the person is
    # in reception and for questions and objections shortly after (an
    # objection under the Awb within six weeks of a decision; the last
    # allowance decisions and corrections follow the departure by months).
    RecordKind.PERSONAL_DETAILS: Retention(
        months=24,
        minimum_months=6,
        legal_basis=_("GDPR art. 5(1)(e) storage limitation; Awb objection terms"),
        why=_("Reception, allowances and follow-up questions after departure."),
    ),
    # Case notes and decision reasons: the case file of decisions taken
    # under the Awb, kept as long as the personal details.
    RecordKind.CASEWORK: Retention(
        months=24,
        minimum_months=6,
        legal_basis=_("GDPR art. 5(1)(e); Awb objection and appeal terms"),
        why=_("Accounting for decisions on the person's situation."),
    ),
    # Letter snapshots (address, name, amounts as written).
    RecordKind.LETTERS: Retention(
        months=24,
        minimum_months=6,
        legal_basis=_("GDPR art. 5(1)(e); Awb objection terms"),
        why=_("Showing what the person was told, and when."),
    ),
    # Payment items (payee, IBAN), payment lines and declarations: the fiscal
    # and administrative retention of seven years (AWR art. 52, Gemeentewet
    # art. 212 financial accountability, BW 2:10). The amounts stay for good
    # (aggregates in declarations); after seven years the names and IBANs in
    # them are replaced by pseudonyms.
    RecordKind.FINANCIAL: Retention(
        months=84,
        minimum_months=84,
        legal_basis=_("AWR art. 52 and Gemeentewet art. 212: seven years"),
        why=_("Accountability for money paid and declared."),
    ),
}


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def periods_for(municipality) -> dict[str, int]:
    """Months per kind for a municipality: its own setting, else the default."""
    own = dict(
        RetentionSetting.objects.filter(municipality=municipality).values_list("kind", "months")
    )
    return {kind: own.get(kind, rule.months) for kind, rule in DEFAULTS.items()}


def left_reception_on(person, today: datetime.date) -> datetime.date | None:
    """The day the person left reception, or None while they are in it (an
    open or future placement, or an open case)."""
    placements = list(person.placements.values_list("start_date", "end_date"))
    if any(end is None or end >= today for _start, end in placements):
        return None
    if person.cases.filter(closed_on__isnull=True).exists():
        return None
    if placements:
        return max(end for _start, end in placements)
    return person.created_at.date()


def due_kinds(person, today: datetime.date, periods: dict[str, int], done: set[str]) -> list[str]:
    left = left_reception_on(person, today)
    if left is None:
        return []
    return [
        kind for kind in DEFAULTS if kind not in done and add_months(left, periods[kind]) <= today
    ]
