"""Disclosure control: hand-computed cases and a property test that no
hidden count can be worked out from the published sums."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openopvang.reports import disclosure
from openopvang.reports.disclosure import (
    HIDDEN,
    SMALL,
    WITHHELD,
    Sum,
    exposed,
    protect,
    table_sums,
)


def _table(cells: dict[tuple, int], rows, columns):
    """cells (row, column) → the full table with its totals ("T")."""
    values = dict(cells)
    for r in rows:
        values[(r, "T")] = sum(cells[(r, c)] for c in columns)
    for c in [*columns, "T"]:
        values[("T", c)] = sum(values[(r, c)] for r in rows)
    return values, table_sums(rows, columns, total_row="T", total_column="T")


def test_three_persons_show_as_small_and_the_row_total_does_not_reveal_them():
    # Row a: GOO 3, POO 20, total 23. Hiding only the 3 would give it away
    # (23 - 20), so the 20 is hidden too; column totals then need a second
    # hidden cell in each column: b's cells, the smallest shown.
    values, sums = _table(
        {("a", "goo"): 3, ("a", "poo"): 20, ("b", "goo"): 7, ("b", "poo"): 9},
        ["a", "b"],
        ["goo", "poo"],
    )
    published = protect(values, sums)
    assert published[("a", "goo")] == SMALL
    assert published[("a", "poo")] == HIDDEN
    assert published[("b", "goo")] == HIDDEN and published[("b", "poo")] == HIDDEN
    assert published[("a", "T")] == 23 and published[("T", "T")] == 39
    assert exposed(published, sums) == set()


def test_nothing_small_nothing_hidden():
    values, sums = _table(
        {("a", "x"): 5, ("a", "y"): 0, ("b", "x"): 12, ("b", "y"): 6}, ["a", "b"], ["x", "y"]
    )
    assert protect(values, sums) == values


def test_zero_is_shown():
    values, sums = _table({("a", "x"): 0, ("a", "y"): 8}, ["a"], ["x", "y"])
    assert protect(values, sums)[("a", "x")] == 0


def test_two_ones_in_a_row_are_not_enough():
    # Total 2 with two "<5" cells: each must be 1, so the total is hidden too.
    values = {"t": 2, "p": 1, "q": 1}
    sums = [Sum("t", ("p", "q"))]
    published = protect(values, sums)
    assert published["p"] == SMALL and published["q"] == SMALL
    assert isinstance(published["t"], str)
    assert exposed(published, sums) == set()


def test_a_reader_works_out_a_lone_hidden_cell():
    published = {"t": 23, "p": SMALL, "q": 20}
    assert exposed(published, [Sum("t", ("p", "q"))]) == {"p"}


counts = st.integers(min_value=0, max_value=30)


# Both ways of protecting a table meet the same attacker model: the national
# reception view and the national casework figures use protect_lines.
@pytest.mark.parametrize("protect", [disclosure.protect, disclosure.protect_lines])
@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=1, max_value=3),
    st.data(),
)
def test_no_hidden_count_can_be_recovered(protect, row_count, column_count, data):
    rows = [f"r{i}" for i in range(row_count)]
    columns = [f"c{j}" for j in range(column_count)]
    cells = {(r, c): data.draw(counts) for r in rows for c in columns}
    values, sums = _table(cells, rows, columns)
    published = protect(values, sums)
    for key, value in values.items():
        if published[key] == WITHHELD:
            continue  # nothing is said of it
        if 0 < value < 5:
            assert published[key] == SMALL  # every small count is hidden
        elif not isinstance(published[key], str):
            assert published[key] == value  # what is shown is true
        else:
            assert published[key] == HIDDEN and value >= 5
    assert exposed(published, sums) == set()


def test_a_small_total_over_small_cells_is_withheld():
    """Found by the property test: four persons, one in each of four rows of
    one column. Every count is "<5", yet the column total "<5" (at most 4)
    over four cells of at least 1 gives each away as 1; the group is withheld."""
    rows = ["r0", "r1", "r2", "r3"]
    values, sums = _table({(r, "c0"): 1 for r in rows}, rows, ["c0"])
    published = protect(values, sums)
    assert exposed(published, sums) == set()
    assert WITHHELD in published.values()
