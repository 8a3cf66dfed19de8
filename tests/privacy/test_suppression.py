"""Small counts never appear, and no total lets a reader work a hidden count back out."""

from itertools import product

from privacy.suppression import suppress_series, suppress_statistic, suppress_table


def _recoverable(table) -> list:
    """Hidden cells a reader could compute: a row or column with exactly one unknown."""
    found = []
    lines = [([(r, c) for c in table.columns], table.row_totals[r]) for r in table.rows]
    lines += [([(r, c) for r in table.rows], table.column_totals[c]) for c in table.columns]
    for cells, total in lines:
        hidden = [key for key in cells if table.cells[key] is None]
        if total is not None and len(hidden) == 1:
            found.append(hidden[0])
    return found


def test_a_single_small_cell_is_hidden_with_a_complementary_cell():
    table = suppress_series(
        {"race": 40, "religion": 3, "disability": 25}, labels=["race", "religion", "disability"]
    )

    assert table.cell("all", "religion") is None  # 3 < 10
    assert table.cell("all", "disability") is None  # else 68 - 40 - 25 = 3
    assert table.cell("all", "race") == 40
    assert table.total == 68
    assert _recoverable(table) == []


def test_hidden_cells_that_add_up_to_a_small_number_take_another_cell_with_them():
    table = suppress_series({"a": 2, "b": 1, "c": 50, "d": 30}, labels=["a", "b", "c", "d"])

    # a + b = 3 could be read from the total; the smallest shown cell joins them.
    assert [table.cell("all", x) for x in "abcd"] == [None, None, 50, None]
    assert table.total == 83


def test_zero_is_shown_and_large_counts_are_untouched():
    table = suppress_series({"a": 0, "b": 12, "c": 30}, labels=["a", "b", "c"])

    assert [table.cell("all", x) for x in "abc"] == [0, 12, 30]
    assert table.total == 42


def test_a_small_total_is_hidden_too():
    table = suppress_series({"a": 4, "b": 3}, labels=["a", "b"])

    assert table.cell("all", "a") is None
    assert table.cell("all", "b") is None
    assert table.total is None


def test_a_threshold_set_by_the_district_is_used():
    assert suppress_series({"a": 4, "b": 30}, labels=["a", "b"], threshold=3).cell("all", "a") == 4
    assert (
        suppress_series({"a": 4, "b": 30}, labels=["a", "b"], threshold=5).cell("all", "a") is None
    )


def test_a_two_way_table_never_leaves_a_hidden_cell_recoverable_from_totals():
    # Schools x bases, crafted so a naive one-pass suppression leaks through column totals.
    counts = {
        ("cedar", "race"): 4,
        ("cedar", "sex"): 20,
        ("cedar", "religion"): 15,
        ("lake", "race"): 30,
        ("lake", "sex"): 12,
        ("lake", "religion"): 11,
        ("hill", "race"): 25,
        ("hill", "sex"): 18,
        ("hill", "religion"): 16,
    }
    table = suppress_table(
        counts, rows=["cedar", "lake", "hill"], columns=["race", "sex", "religion"]
    )

    assert table.cell("cedar", "race") is None
    assert _recoverable(table) == []
    for key in product(table.rows, table.columns):
        value = table.cells[key]
        assert value is None or value == 0 or value >= 10
    shown_totals = [v for v in [*table.row_totals.values(), *table.column_totals.values()] if v]
    assert all(v >= 10 for v in shown_totals)


def test_every_crafted_small_table_is_safe():
    for a, b, c, d in product([0, 1, 5, 9, 10, 40], repeat=4):
        table = suppress_table(
            {("x", "p"): a, ("x", "q"): b, ("y", "p"): c, ("y", "q"): d},
            rows=["x", "y"],
            columns=["p", "q"],
        )
        assert _recoverable(table) == [], (a, b, c, d)
        for value in [*table.cells.values(), *table.row_totals.values(), table.total]:
            assert value is None or value == 0 or value >= 10, (a, b, c, d)


def test_a_median_over_too_few_cases_is_hidden():
    assert suppress_statistic(2.5, population=9) is None
    assert suppress_statistic(2.5, population=10) == 2.5
