"""Which records are compared at all, so a national run scales (ADR 0015).

A pair can only be a duplicate when the birth dates agree or have day and
month swapped (scoring's first rule), so records are blocked on the birth
year with the unordered (day, month): 120,000 persons give blocks of a few
records each. A block that is still large (a registry that enters unknown
dates as 1 January) is split further by the sound of the first letters of the
family and of the given names, in two passes, so a swap of the names or a typo
in one of them still meets in the other pass.

Pure Python, no Django."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from openopvang.dedup.scoring import THRESHOLD, Frequencies, Match, Record, score

LARGE_BLOCK = 400


def birth_key(record: Record) -> tuple | None:
    day = record.birth_date
    if day is None:
        return None
    return (day.year, *sorted((day.month, day.day)))


def _first(tokens) -> str:
    return min((t.sound[:1] for t in tokens if t.sound), default="")


def candidate_pairs(records: list[Record]) -> Iterator[tuple[Record, Record]]:
    blocks: dict[tuple, list[Record]] = defaultdict(list)
    for record in records:
        key = birth_key(record)
        if key is not None:
            blocks[key].append(record)
    for block in blocks.values():
        if len(block) <= LARGE_BLOCK:
            yield from _all_pairs(block)
            continue
        seen: set[tuple[str, str]] = set()
        for letters in (lambda r: _first(r.family + r.given), lambda r: _first(r.given)):
            sub: dict[str, list[Record]] = defaultdict(list)
            for record in block:
                sub[letters(record)].append(record)
            for part in sub.values():
                for a, b in _all_pairs(part):
                    if (a.id, b.id) not in seen:
                        seen.add((a.id, b.id))
                        yield a, b


def _all_pairs(block: list[Record]) -> Iterator[tuple[Record, Record]]:
    for i, a in enumerate(block):
        for b in block[i + 1 :]:
            yield (a, b) if a.id <= b.id else (b, a)


def find_pairs(
    records: Iterable[Record],
    *,
    threshold: float = THRESHOLD,
    frequencies: Frequencies | None = None,
) -> list[Match]:
    """Every probable duplicate pair, best first."""
    records = list(records)
    freq = frequencies or Frequencies.of(records)
    found = []
    for a, b in candidate_pairs(records):
        match = score(a, b, freq)
        if match is not None and match.score >= threshold:
            found.append(match)
    found.sort(key=lambda m: (-m.score, m.a.id, m.b.id))
    return found


def matches_for(
    new: Record,
    existing: Iterable[Record],
    *,
    threshold: float = THRESHOLD,
    frequencies: Frequencies | None = None,
) -> list[Match]:
    """The probable duplicates of one new record among existing ones; each
    match has the existing record as `a` (its spelling first in the reasons)."""
    key = birth_key(new)
    candidates = [r for r in existing if r.id != new.id and birth_key(r) == key]
    freq = frequencies or Frequencies.of([new, *candidates])
    found = [
        m
        for m in (score(r, new, freq) for r in candidates)
        if m is not None and m.score >= threshold
    ]
    found.sort(key=lambda m: -m.score)
    return found
