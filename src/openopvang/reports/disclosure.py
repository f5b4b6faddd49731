"""Statistical disclosure control for published counts of persons (a pure
module, no Django): counts of 1 to 4 are not shown ("<5", primary
suppression), and further cells are hidden ("x", secondary suppression) until
no published sum gives a hidden count away.

The table is a set of cells (any hashable key → count) and the sums that are
published between them: `Sum(total, parts)` says cell `total` is the sum of
cells `parts` (a row total, a safety region's total of its municipalities,
the country's total of its regions).

What a reader is assumed to know (the attacker model the tests check):

- every shown cell exactly; 0 is shown (it reveals no one);
- a "<5" cell holds 1 to 4;
- an "x" cell holds 5 or more: it was shown before it was chosen, and a
  zero is never chosen;
- every published sum, and this algorithm.

From these the reader narrows each hidden cell to an interval, sum by sum,
until nothing changes (`bounds`). A hidden cell is exposed when its interval
is one value. `protect` hides, one at a time, the smallest shown non-zero
part of the sums that expose a cell (a total only when no such part is
left), until no cell is exposed. Joint reasoning over several sums
at once, as linear programming could, is not modelled; the sums published
here form a hierarchy (rows, regions, country), where interval reasoning is
what a reader does by hand.

Zero is never suppressed: a count of 0 exposes no person. When hiding more
cells cannot help (all of a small group is already "<5"), the group is
withheld ("."): the reader learns nothing of those cells."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

THRESHOLD = 5
SMALL = "<5"
HIDDEN = "x"
# Not published at all: the reader learns nothing of the cell, not even that
# it is non-zero. Used when hiding more "x" cells cannot help, e.g. a total
# "<5" over four "<5" cells, which would give each away as 1.
WITHHELD = "."


@dataclass(frozen=True)
class Sum:
    total: Hashable
    parts: tuple[Hashable, ...]


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


def _interval(value: int, mark: str | None) -> tuple[float, float]:
    if mark == SMALL:
        return (1, THRESHOLD - 1)
    if mark == HIDDEN:
        return (THRESHOLD, math.inf)
    if mark == WITHHELD:
        return (0, math.inf)
    return (value, value)


def bounds(published: Mapping[Hashable, int | str], sums: Iterable[Sum]) -> dict:
    """What a reader can tell about every cell from the published table:
    cell → (lowest, highest) possible count, narrowed sum by sum until stable."""
    sums = list(sums)
    known = {
        key: _interval(0, value) if isinstance(value, str) else (value, value)
        for key, value in published.items()
    }
    changed = True
    rounds = 0
    while changed and rounds < 1000:
        changed, rounds = False, rounds + 1
        for s in sums:
            low_parts = sum(known[p][0] for p in s.parts)
            high_parts = sum(known[p][1] for p in s.parts)
            t_low, t_high = known[s.total]
            new_total = (max(t_low, low_parts), min(t_high, high_parts))
            if new_total != known[s.total]:
                known[s.total], changed = new_total, True
            t_low, t_high = known[s.total]
            for p in s.parts:
                p_low, p_high = known[p]
                others_low = low_parts - p_low
                others_high = high_parts - p_high
                low = max(p_low, t_low - others_high)
                high = min(p_high, t_high - others_low)
                if (low, high) != (p_low, p_high):
                    known[p], changed = (low, high), True
                    low_parts += low - p_low
                    high_parts += high - p_high
    return known


def exposed(published: Mapping[Hashable, int | str], sums: Iterable[Sum]) -> set:
    """The hidden cells whose count a reader can work out exactly."""
    known = bounds(published, sums)
    return {
        key
        for key, value in published.items()
        if isinstance(value, str) and known[key][0] == known[key][1]
    }


def publish(values: Mapping[Hashable, int], hidden: Mapping[Hashable, str]) -> dict:
    return {key: hidden.get(key, value) for key, value in values.items()}


def protect(values: Mapping[Hashable, int], sums: Iterable[Sum]) -> dict:
    """The table as published: each cell its count, "<5" or "x"."""
    sums = list(sums)
    hidden = {key: SMALL for key, value in values.items() if is_small(value)}
    while True:
        published = publish(values, hidden)
        at_risk = exposed(published, sums)
        if not at_risk:
            return published
        choice = _next_to_hide(values, hidden, sums, at_risk)
        if choice is not None:
            hidden[choice] = HIDDEN
            continue
        # Nothing left to hide: what gives the cells away is that a "<5" is at
        # least 1. Withhold the exposed cells and the sums around them.
        risky = [s for s in sums if s.total in at_risk or any(p in at_risk for p in s.parts)]
        more = {key for s in risky for key in (s.total, *s.parts)} | set(at_risk)
        new = {key for key in more if hidden.get(key) != WITHHELD}
        if not new:
            return published
        hidden.update(dict.fromkeys(new, WITHHELD))


def _next_to_hide(values, hidden, sums, at_risk):
    """The smallest shown non-zero part of a sum that holds an exposed cell;
    a total only when no such sum has a part left to hide (hiding a total
    loses more: it is the figure readers look for)."""
    risky = [s for s in sums if s.total in at_risk or any(p in at_risk for p in s.parts)]
    parts = [p for s in risky for p in s.parts if p not in hidden and values[p] > 0]
    if parts:
        return min(parts, key=lambda p: (values[p], str(p)))
    totals = [s.total for s in risky if s.total not in hidden and values[s.total] > 0]
    return min(totals, key=lambda t: (values[t], str(t))) if totals else None


def table_sums(
    rows: Iterable[Hashable],
    columns: Iterable[Hashable],
    *,
    total_row: Hashable,
    total_column: Hashable,
) -> list[Sum]:
    """The sums of a table with a total column and a total row: cells are
    keyed (row, column); (row, total_column) is the row's total,
    (total_row, column) the column's."""
    rows, columns = list(rows), list(columns)
    sums = [Sum((r, total_column), tuple((r, c) for c in columns)) for r in [*rows, total_row]]
    sums += [Sum((total_row, c), tuple((r, c) for r in rows)) for c in [*columns, total_column]]
    return sums


def protect_lines(values: Mapping[Hashable, int], sums: Iterable[Sum]) -> dict:
    """The table as published, like `protect`, for wide tables (hundreds of
    rows crossing a few columns, most counts small): each round finds every
    exposed cell at once and, in each sum that pins it down, hides the
    smallest shown non-zero part (else that sum's total); a sum with nothing
    left to hide is withheld ("."), only that sum, not the sums crossing it.
    The result meets the same attacker model (`exposed` is empty); a round
    costs one `bounds`, so the work grows with the rounds, not the cells."""
    sums = list(sums)
    hidden = {key: SMALL for key, value in values.items() if is_small(value)}
    by_cell: dict[Hashable, list[Sum]] = {}
    for s in sums:
        for key in (s.total, *s.parts):
            by_cell.setdefault(key, []).append(s)
    for _round in range(len(values) + 1):
        published = publish(values, hidden)
        known = bounds(published, sums)
        at_risk = {
            key
            for key, value in published.items()
            if isinstance(value, str) and known[key][0] == known[key][1]
        }
        if not at_risk:
            return published
        # What the published table says of each cell on its own: a sum that
        # gives a cell away from that alone is where hiding one more helps.
        marks = {
            key: _interval(0, value) if isinstance(value, str) else (value, value)
            for key, value in published.items()
        }
        totals: dict[int, tuple] = {}  # per sum: its parts' lowest and highest sum
        changes: dict[Hashable, str] = {}
        handled: set[int] = set()  # one cell more per sum and round
        joint = []  # given away only by several sums together
        for cell in sorted(at_risk, key=str):
            lines = [s for s in by_cell.get(cell, ()) if _pins(s, cell, marks, totals)]
            if not lines:
                joint.append(cell)
            for s in lines:
                if id(s) not in handled:
                    handled.add(id(s))
                    changes.update(_hide_in(s, values, hidden, changes))
        # Those often follow from the cells just hidden; else every sum around them.
        for cell in joint if not changes else ():
            for s in by_cell.get(cell, ()):
                if id(s) not in handled:
                    handled.add(id(s))
                    changes.update(_hide_in(s, values, hidden, changes))
        if not changes:
            return published
        hidden.update(changes)
    return publish(values, hidden)


def _pins(s: Sum, cell: Hashable, known: Mapping, totals: dict) -> bool:
    """Whether sum `s` alone, with what is known of its other cells, gives
    `cell` away (`totals` keeps each sum's part bounds for the round: the sum
    of the lows, of the finite highs, and how many highs are unbounded)."""
    if id(s) not in totals:
        highs = [known[p][1] for p in s.parts]
        finite = [h for h in highs if h != math.inf]
        totals[id(s)] = (sum(known[p][0] for p in s.parts), sum(finite), len(highs) - len(finite))
    parts_low, finite_high, unbounded = totals[id(s)]
    low, high = known[cell]
    if cell == s.total:
        parts_high = math.inf if unbounded else finite_high
        low, high = max(low, parts_low), min(high, parts_high)
    else:
        t_low, t_high = known[s.total]
        others_low = parts_low - low
        if high == math.inf:
            others_high = math.inf if unbounded > 1 else finite_high
        else:
            others_high = math.inf if unbounded else finite_high - high
        low = max(low, t_low - others_high)
        high = min(high, t_high - others_low)
    return low == high


def _hide_in(s: Sum, values, hidden, changes) -> dict:
    """What to hide in sum `s`: its smallest shown non-zero part, else its
    total, else (nothing left) the whole sum withheld."""

    if any(key in changes for key in (s.total, *s.parts)):
        return {}  # a cell of this sum is hidden in this round already

    def shown(key):
        return key not in hidden and values[key] > 0

    parts = [p for p in s.parts if shown(p)]
    if parts:
        return {min(parts, key=lambda p: (values[p], str(p))): HIDDEN}
    if shown(s.total):
        return {s.total: HIDDEN}
    return {
        key: WITHHELD
        for key in (s.total, *s.parts)
        if hidden.get(key, changes.get(key)) != WITHHELD and values[key] > 0
    }
