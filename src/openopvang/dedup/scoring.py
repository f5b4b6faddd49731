"""How alike two person records are: a Fellegi–Sunter-like score (ADR 0015).

Pure Python, no Django. Each field that agrees adds the log2 of how much more
often it agrees for the same person than for two different ones; a field that
disagrees subtracts. Names weigh by their frequency in the data: two records
that share "Kovalenko" prove less than two that share "Zhuravskyi".

Two rules stand above the score, because the fields are not independent where
it matters most:
- the birth date must be the same or have day and month swapped (namesakes
  born on other days are other persons);
- the given names must match in some form (twins share family name and birth
  date, and differ exactly there), and so must the family names (a common
  given name and a birth date are shared by many).
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from openopvang.core.names import Level, Token, compare, tokens

# A pair at or above this score is a probable duplicate.
THRESHOLD = 9.0

BIRTH_DATE_SAME = 10.0
BIRTH_DATE_SWAPPED = 6.0
SEX_SAME = 1.0
SEX_OTHER = -8.0
NATIONALITY_SAME = 0.5
NATIONALITY_OTHER = -2.0
HOUSEHOLD_SAME = 3.0
NAME_MISSING = -8.0
# Subtracted from a name's agreement weight for a weaker kind of agreement.
LEVEL_DISCOUNT = {Level.SAME: 0.0, Level.VARIANT: 0.5, Level.FORM: 1.5, Level.TYPO: 3.0}
NAME_WEIGHT_MIN, NAME_WEIGHT_MAX = 1.0, 12.0
M_NAME = 0.9  # how often the same person's name agrees
SWAP_PENALTY = 1.0


@dataclass(frozen=True)
class Record:
    """One person as the duplicate finder sees them."""

    id: str
    family: tuple[Token, ...]
    given: tuple[Token, ...]
    birth_date: datetime.date | None
    sex: str = ""
    nationality: str = ""
    municipality: str = ""
    household: str = ""

    @classmethod
    def build(
        cls,
        id: str,
        *,
        family_name: str,
        given_names: str,
        family_name_cyrillic: str = "",
        given_names_cyrillic: str = "",
        birth_date: datetime.date | None,
        sex: str = "",
        nationality: str = "",
        municipality: str = "",
        household: str = "",
    ) -> Record:
        return cls(
            id=str(id),
            family=tokens(family_name, family_name_cyrillic),
            given=tokens(given_names, given_names_cyrillic),
            birth_date=birth_date,
            # "X" (the registry's other/unknown) and "O" say nothing: not a mismatch.
            sex="" if (sex or "").upper()[:1] in ("", "X", "O") else sex.upper()[:1],
            nationality=(nationality or "").upper(),
            municipality=str(municipality or ""),
            household=str(household or ""),
        )


@dataclass
class Frequencies:
    """How often each name word occurs, for frequency-adjusted weights."""

    family: Counter = field(default_factory=Counter)
    given: Counter = field(default_factory=Counter)
    total: int = 0

    @classmethod
    def of(cls, records: Iterable[Record]) -> Frequencies:
        found = cls()
        for record in records:
            found.total += 1
            found.family.update({t.sound for t in record.family})
            found.given.update({t.sound for t in record.given})
        return found

    def weight(self, counter: Counter, token: Token) -> float:
        total = max(self.total, 1)
        # A name not (yet) counted is taken as seen once among a thousand.
        share = max(counter.get(token.sound, 0), 1) / max(total, 1000)
        return min(max(math.log2(M_NAME / share), NAME_WEIGHT_MIN), NAME_WEIGHT_MAX)


@dataclass(frozen=True)
class Reason:
    """One piece of evidence: a code with the values it compares."""

    code: str
    a: str = ""
    b: str = ""


@dataclass(frozen=True)
class Match:
    a: Record
    b: Record
    score: float
    reasons: tuple[Reason, ...]

    @property
    def ids(self) -> tuple[str, str]:
        return (self.a.id, self.b.id)


LEVEL_CODE = {
    Level.SAME: "same",
    Level.VARIANT: "variant",
    Level.FORM: "form",
    Level.TYPO: "typo",
}


def _best(
    left: tuple[Token, ...], right: tuple[Token, ...]
) -> tuple[Level, Token | None, Token | None]:
    best: tuple[Level, Token | None, Token | None] = (Level.NONE, None, None)
    for a in left:
        for b in right:
            level = compare(a, b)
            if level > best[0]:
                best = (level, a, b)
                if level == Level.SAME:
                    return best
    return best


def _names(a_family, a_given, b_family, b_given, freq: Frequencies):
    family = _best(a_family, b_family)
    given = _best(a_given, b_given)
    score = 0.0
    for (level, ta, _tb), counter in ((family, freq.family), (given, freq.given)):
        if level == Level.NONE or ta is None:
            score += NAME_MISSING
        else:
            score += max(freq.weight(counter, ta) - LEVEL_DISCOUNT[level], NAME_WEIGHT_MIN)
    return score, family, given


def _birth(a: datetime.date | None, b: datetime.date | None) -> tuple[float, str] | None:
    if a is None or b is None:
        return None
    if a == b:
        return BIRTH_DATE_SAME, "birth_date_same"
    if a.year == b.year and a.month == b.day and a.day == b.month:
        return BIRTH_DATE_SWAPPED, "birth_date_swapped"
    return None


def score(a: Record, b: Record, freq: Frequencies) -> Match | None:
    """The match of two records, or None when a rule keeps them apart."""
    birth = _birth(a.birth_date, b.birth_date)
    if birth is None:
        return None  # namesakes born on another day are other persons
    straight = _names(a.family, a.given, b.family, b.given, freq)
    swapped = _names(a.family, a.given, b.given, b.family, freq)
    is_swapped = swapped[0] - SWAP_PENALTY > straight[0]
    names_score, family, given = swapped if is_swapped else straight
    if is_swapped:
        names_score -= SWAP_PENALTY
    if given[0] == Level.NONE:
        return None  # twins: same family and birth date, another given name
    other_sex = bool(a.sex and b.sex and "O" not in (a.sex, b.sex) and a.sex != b.sex)
    if other_sex and given[0] < Level.VARIANT:
        return None  # twins of other sex: Oleksandr and Oleksandra
    if family[0] == Level.NONE:
        return None  # names alone cannot decide: one given name in common is not enough
    total = birth[0] + names_score
    reasons = [Reason(birth[1])]
    if is_swapped:
        reasons.append(Reason("names_swapped"))
    for part, (level, ta, tb) in (("family", family), ("given", given)):
        if level == Level.NONE or ta is None or tb is None:
            reasons.append(Reason(f"{part}_other"))
        else:
            reasons.append(Reason(f"{part}_{LEVEL_CODE[level]}", ta.text, tb.text))
    if len(a.given) != len(b.given):
        reasons.append(Reason("given_extra"))
    if a.sex and b.sex and "O" not in (a.sex, b.sex):
        total += SEX_SAME if a.sex == b.sex else SEX_OTHER
        if a.sex != b.sex:
            reasons.append(Reason("sex_other"))
    if a.nationality and b.nationality:
        total += NATIONALITY_SAME if a.nationality == b.nationality else NATIONALITY_OTHER
        if a.nationality != b.nationality:
            reasons.append(Reason("nationality_other"))
    if a.household and a.household == b.household:
        total += HOUSEHOLD_SAME
        reasons.append(Reason("household_same"))
    return Match(a, b, round(total, 2), tuple(reasons))


def is_probable(match: Match | None, threshold: float = THRESHOLD) -> bool:
    return match is not None and match.score >= threshold
