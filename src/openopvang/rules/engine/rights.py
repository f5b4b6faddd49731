"""The right to municipal reception and leefgeld, as dated rules data, and the
periods without that right that a person's case gives (pure Python, no Django).

A scenario person may carry ``no_reception_right`` periods
(docs/rules-scenarios.md): days on which the municipality owes the person no
reception and therefore no leefgeld (:mod:`.leefgeld` pays none on those days
and says why). Casework derives the periods from the case with
:func:`no_right_periods`; a hand-written scenario may state them directly.

The rule per situation (``RIGHT_RULES``), after DOMAIN.md §4 and the ministry's
note on third-country nationals, and as ``casework/rights.py`` shows it on the
case page:

============================ ============================================ =========================
situation                    right to municipal reception and leefgeld    source
============================ ============================================ =========================
protected                    yes                                          Besluit opvang ontheemden
                                                                          Oekraïne; Richtlijn
                                                                          2001/55/EG
asylum_pending               yes, until COA has a place (the case closes  Vw 2000; Rva 2005;
                             "transferred to COA")                        RvS 17 januari 2024
asylum_granted               yes, until housed as a status holder (the    Vw 2000; Rva 2005
                             case closes "housed")
rejected_appeal              yes, while the appeal has suspensive effect  Vw 2000 art. 82
rejected_no_appeal           until the departure term ends                Vw 2000 art. 62; VNG
withdrawn                    until the departure term ends                Vw 2000 art. 62; VNG
other_permit                 yes (assessed per case by the municipality)  Vw 2000 (regular permit)
no_right                     until the departure term ends                Vw 2000 art. 62; RvS 17
                                                                          januari 2024; VNG
============================ ============================================ =========================

Conventions:

- **Departure term.** Under a rule ``UNTIL_DEPARTURE_TERM`` the right ends
  with the last day of the departure term (the legal deadline, after the
  Algemene termijnenwet; ``casework/terms.py``): no right **from the day after
  the deadline**. While a suspension stops the clock there is no deadline, so
  no period. When a later situation replaces the one that set the term, the
  period ends the day before the later situation starts (that situation's own
  rule then applies).
- **Closed case.** A case's ``closed_on`` is its last day (inclusive, like a
  placement's ``to``): from the next day the person is no longer in municipal
  reception — transferred to COA, housed as a status holder, departed, left
  with unknown destination or deceased. If the person gets a new case later,
  the period ends the day before that case opens.
- Periods of one person never overlap; where two would, the earlier one ends
  the day before the later one starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .dates import DateRange

ONE_DAY = timedelta(days=1)

# Why a period has no right (the scenario's ``no_reception_right[].reason``).
DEPARTURE_TERM_ENDED = "departure_term_ended"
CASE_CLOSED = "case_closed"
OTHER = "other"
REASONS = (DEPARTURE_TERM_ENDED, CASE_CLOSED, OTHER)

# What a situation gives.
KEEPS = "keeps"  # the right lasts while the situation does
UNTIL_DEPARTURE_TERM = "until_departure_term"


@dataclass(frozen=True)
class RightRule:
    situation: str
    leefgeld: str  # KEEPS or UNTIL_DEPARTURE_TERM
    valid_from: date  # for situations starting from this day
    valid_to: date | None
    source: str

    def applies_to(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


_ALWAYS = date(2000, 1, 1)
_RETURN = "Vw 2000 art. 62 lid 1 (vertrektermijn); VNG-advies beëindiging opvang"

RIGHT_RULES: tuple[RightRule, ...] = (
    RightRule(
        "protected",
        KEEPS,
        _ALWAYS,
        None,
        "Besluit opvang ontheemden Oekraïne; Richtlijn 2001/55/EG",
    ),
    RightRule(
        "asylum_pending",
        KEEPS,
        _ALWAYS,
        None,
        "Vw 2000; Rva 2005; RvS 17 januari 2024 (gemeentelijke opvang tot COA plaats heeft)",
    ),
    RightRule("asylum_granted", KEEPS, _ALWAYS, None, "Vw 2000; Rva 2005 (tot huisvesting)"),
    RightRule("rejected_appeal", KEEPS, _ALWAYS, None, "Vw 2000 art. 82 (schorsende werking)"),
    RightRule("rejected_no_appeal", UNTIL_DEPARTURE_TERM, _ALWAYS, None, _RETURN),
    RightRule("withdrawn", UNTIL_DEPARTURE_TERM, _ALWAYS, None, _RETURN),
    RightRule("other_permit", KEEPS, _ALWAYS, None, "Vw 2000 (reguliere verblijfsvergunning)"),
    RightRule("no_right", UNTIL_DEPARTURE_TERM, _ALWAYS, None, _RETURN + "; RvS 17 januari 2024"),
)


def rule_for(situation: str, day: date) -> RightRule | None:
    """The rule of `situation` for a situation starting on `day`; None if unknown."""
    for rule in RIGHT_RULES:
        if rule.situation == situation and rule.applies_to(day):
            return rule
    return None


@dataclass(frozen=True)
class NoRight:
    """Days without a right to municipal reception and leefgeld, and why."""

    range: DateRange
    reason: str  # one of REASONS
    situation: str = ""  # departure_term_ended: the situation that set the term
    deadline: date | None = None  # departure_term_ended: the last day of the term
    closure: str = ""  # case_closed: the closure reason
    note: str = ""  # other: free text

    def text(self) -> str:
        """The reason in English (the engine's explanation; renderers use :meth:`why`)."""
        start = self.range.start.isoformat()
        if self.reason == DEPARTURE_TERM_ENDED:
            deadline = self.deadline.isoformat() if self.deadline else "?"
            why = f"departure term ended on {deadline} ({self.situation})"
        elif self.reason == CASE_CLOSED:
            why = f"case closed: {self.closure}"
        else:
            why = self.note or "other"
        return f"no right to reception from {start}: {why}"

    def why(self) -> tuple:
        """The reason as a code, ``("no_right", ((key, value), ...))``."""
        params: list[tuple[str, str]] = [
            ("from", self.range.start.isoformat()),
            ("reason", self.reason),
        ]
        if self.situation:
            params.append(("situation", self.situation))
        if self.deadline:
            params.append(("deadline", self.deadline.isoformat()))
        if self.closure:
            params.append(("closure", self.closure))
        if self.note:
            params.append(("note", self.note))
        return ("no_right", tuple(params))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "from": self.range.start.isoformat(),
            "to": self.range.end.isoformat() if self.range.end else None,
            "reason": self.reason,
        }
        if self.situation:
            out["situation"] = self.situation
        if self.deadline:
            out["deadline"] = self.deadline.isoformat()
        if self.closure:
            out["closure"] = self.closure
        if self.note:
            out["note"] = self.note
        return out


# -- from a case to periods -------------------------------------------------------------


@dataclass(frozen=True)
class DepartureTerm:
    """A departure deadline of a case: the situation that set it, its last day
    (None while the clock is stopped) and the day a later situation replaced it."""

    situation: str
    situation_start: date
    deadline: date | None
    replaced_on: date | None = None


@dataclass(frozen=True)
class CaseFacts:
    opened_on: date
    closed_on: date | None = None
    closure: str = ""
    departures: tuple[DepartureTerm, ...] = ()


def no_right_periods(cases: list[CaseFacts] | tuple[CaseFacts, ...]) -> list[NoRight]:
    """The periods without a right of one person, from the person's cases
    (any order), sorted and without overlaps (see the module docstring)."""
    ordered = sorted(cases, key=lambda c: c.opened_on)
    found: list[NoRight] = []
    for index, case in enumerate(ordered):
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        # The last day this case has a say: the day before the next case opens.
        limit = following.opened_on - ONE_DAY if following else None
        # A departure period ends when the case closes (the closure period follows).
        case_end = case.closed_on if case.closed_on is not None else limit
        for term in case.departures:
            rule = rule_for(term.situation, term.situation_start)
            if rule is None or rule.leefgeld != UNTIL_DEPARTURE_TERM or term.deadline is None:
                continue
            start = term.deadline + ONE_DAY
            ends: list[date] = [d for d in (case_end,) if d is not None]
            if term.replaced_on is not None:
                ends.append(term.replaced_on - ONE_DAY)
            end = min(ends) if ends else None
            if end is not None and end < start:
                continue
            found.append(
                NoRight(
                    DateRange(start, end),
                    DEPARTURE_TERM_ENDED,
                    situation=term.situation,
                    deadline=term.deadline,
                )
            )
        if case.closed_on is not None:
            start = case.closed_on + ONE_DAY
            if limit is None or limit >= start:
                found.append(
                    NoRight(DateRange(start, limit), CASE_CLOSED, closure=case.closure or "closed")
                )
    return _without_overlaps(found)


def _without_overlaps(periods: list[NoRight]) -> list[NoRight]:
    periods = sorted(periods, key=lambda p: p.range.start)
    out: list[NoRight] = []
    for period in periods:
        if out:
            last = out[-1]
            if last.range.end is None or last.range.end >= period.range.start:
                cut = period.range.start - ONE_DAY
                if cut < last.range.start:
                    out.pop()
                else:
                    out[-1] = NoRight(
                        DateRange(last.range.start, cut),
                        last.reason,
                        last.situation,
                        last.deadline,
                        last.closure,
                        last.note,
                    )
        out.append(period)
    return out
