"""Small-cell suppression, against tables worked by hand: no count under the minimum, and none
that can be recomputed from a row or column total."""

import pytest

from socialrx.privacy.cells import CMS_MINIMUM_CELL_SIZE, Suppressed, suppress_small_cells

pytestmark = pytest.mark.unit


def shown(values):
    return [str(v) for v in values]


def grid(table):
    return [shown(row) for row in table.cells]


def test_the_default_minimum_is_the_cms_cell_size_of_11():
    assert CMS_MINIMUM_CELL_SIZE == 11
    table = suppress_small_cells([[10, 11], [11, 12]])
    # 10 is hidden; then its row (21 - 11), its column (21 - 11) and the last cell follow.
    assert grid(table) == [["*", "*"], ["*", "*"]]


def test_a_table_without_small_counts_is_shown_whole_with_its_totals():
    table = suppress_small_cells([[12, 20], [30, 45]])
    assert grid(table) == [["12", "20"], ["30", "45"]]
    assert table.row_totals == (32, 75)
    assert table.column_totals == (42, 65)
    assert table.grand_total == 107
    assert table.suppressed_count == 0


def test_a_small_count_and_the_cells_that_would_give_it_away_are_hidden():
    # 4 is under 11. Alone in its row it would be 59 - 25 - 30: 25 (the row's smallest) goes
    # too. Column 1 would then give 4 as 22 - 18: 18 goes. Column 0 would give 25 as 65 - 40:
    # 40 goes. Every row and column now hides two counts or none.
    table = suppress_small_cells([[25, 4, 30], [40, 18, 52]])
    assert grid(table) == [["*", "*", "30"], ["*", "*", "52"]]
    assert table.row_totals == (59, 110)
    assert table.column_totals == (65, 22, 82)
    assert table.grand_total == 169
    flags = [[c.primary if isinstance(c, Suppressed) else None for c in row] for row in table.cells]
    assert flags == [[False, True, None], [False, False, None]]


def test_a_wider_table_worked_by_hand():
    # Small: 3, 7 (row 0) and 9 (row 2). Row 0 already hides two. Row 2 hides 45 (its smallest
    # cell in a column with a lone hidden count: 7's). Column 1 hides 30 (3 was alone there),
    # column 2 hides 18 (9 was alone, and 18's row now needs a second one). Done.
    counts = [[12, 3, 40, 7], [25, 30, 18, 22], [50, 60, 9, 45]]
    table = suppress_small_cells(counts)
    assert grid(table) == [
        ["12", "*", "40", "*"],
        ["25", "*", "*", "22"],
        ["50", "60", "*", "*"],
    ]
    assert table.row_totals == (62, 95, 164)
    assert table.column_totals == (87, 93, 67, 74)
    assert table.suppressed_count == 6
    assert counts == [[12, 3, 40, 7], [25, 30, 18, 22], [50, 60, 9, 45]]  # a new table


def test_a_small_total_is_hidden_and_protected_like_a_cell():
    # Row 0 adds up to 5: its total and both cells are small. The columns then hide 40 and 50;
    # the row totals hide 90 too, else 5 = 95 - 90.
    table = suppress_small_cells([[3, 2], [40, 50]])
    assert grid(table) == [["*", "*"], ["*", "*"]]
    assert shown(table.row_totals) == ["*", "*"]
    assert table.column_totals == (43, 52)
    assert table.grand_total == 95


def test_zero_is_shown_unless_asked_otherwise():
    assert grid(suppress_small_cells([[0, 15], [20, 30]])) == [["0", "15"], ["20", "30"]]
    table = suppress_small_cells([[0, 15], [20, 30]], suppress_zero=True)
    assert grid(table) == [["*", "*"], ["*", "*"]]
    assert table.row_totals == (15, 50)


def test_a_single_row_published_with_its_total_only():
    table = suppress_small_cells([[5, 30, 40]], column_totals=False)
    assert grid(table) == [["*", "*", "40"]]
    assert table.row_totals == (75,)
    assert table.column_totals is None
    assert table.grand_total == 75


def test_without_published_totals_only_the_small_counts_are_hidden():
    table = suppress_small_cells([[5, 30], [8, 90]], row_totals=False, column_totals=False)
    assert grid(table) == [["*", "30"], ["*", "90"]]
    assert table.row_totals is None and table.column_totals is None and table.grand_total is None


def test_another_minimum():
    table = suppress_small_cells([[4, 10], [10, 10]], minimum=5)
    assert grid(table) == [["*", "*"], ["*", "*"]]
    assert grid(suppress_small_cells([[5, 10], [10, 10]], minimum=5)) == [["5", "10"], ["10", "10"]]


def test_every_hidden_count_renders_the_same_and_the_table_explains_it():
    table = suppress_small_cells([[25, 4, 30], [40, 18, 52]])
    assert {str(c) for row in table.cells for c in row if isinstance(c, Suppressed)} == {"*"}
    assert table.note == (
        "* Not shown: a count under 11, or a count hidden so that one cannot be worked out "
        "from the totals."
    )


@pytest.mark.parametrize(
    ("counts", "minimum", "message"),
    [
        ([], 11, "empty"),
        ([[]], 11, "empty"),
        ([[1, 2], [3]], 11, "same number of columns"),
        ([[1, -2]], 11, "row 1, column 2"),
        ([[1, 2.5]], 11, "row 1, column 2"),
        ([[True, 2]], 11, "row 1, column 1"),
        ([["3", 2]], 11, "row 1, column 1"),
        ([[1, 2]], 0, "at least 1"),
    ],
)
def test_a_table_that_is_not_one_of_counts_is_refused(counts, minimum, message):
    with pytest.raises(ValueError, match=message):
        suppress_small_cells(counts, minimum=minimum)
