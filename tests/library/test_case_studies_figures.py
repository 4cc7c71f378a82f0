"""The results table's arithmetic and wording, on hand-written figures: the change in percent
(1,200 → 5,400 is +350%), numbers the American way, units, and the one-line description the
search reads."""

from __future__ import annotations

from decimal import Decimal

import pytest

from socialrx.library.figures import (
    describe,
    format_change,
    format_number,
    percent_change,
    with_unit,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("1200", "5400", Decimal("350")),  # (5,400 − 1,200) / 1,200 = 3.5
        ("400", "300", Decimal("-25")),  # (300 − 400) / 400 = −0.25
        ("3", "4", Decimal("33")),  # 33.33…% rounds down
        ("8", "9", Decimal("13")),  # 12.5% rounds half away from zero
        ("50", "50", Decimal("0")),
        ("-20", "-10", Decimal("50")),  # from −20 to −10 is up by half of |−20|
        (None, "92", None),  # no "before": no percentage
        ("0", "15", None),  # a change from nothing has no percentage
    ],
)
def test_percent_change(before, after, expected):
    assert percent_change(None if before is None else Decimal(before), Decimal(after)) == expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("1200", "5400", "+350%"),
        ("400", "300", "\u221225%"),
        ("1", "12345", "+1,234,400%"),
        ("50", "50", "0%"),
        (None, "92", ""),
    ],
)
def test_format_change(before, after, expected):
    assert format_change(None if before is None else Decimal(before), Decimal(after)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1200.00", "1,200"),
        ("3.50", "3.5"),
        ("0.25", "0.25"),
        ("-12", "\u221212"),
        ("1234567.89", "1,234,567.89"),
        ("0", "0"),
    ],
)
def test_format_number(value, expected):
    assert format_number(Decimal(value)) == expected


def test_units_are_written_where_readers_expect_them():
    assert with_unit(Decimal("12"), "%") == "12%"
    assert with_unit(Decimal("1500"), "$") == "$1,500"
    assert with_unit(Decimal("3.5"), "hours") == "3.5 hours"
    assert with_unit(None, "%") == ""


def test_describe_gives_one_line_per_figure():
    assert (
        describe("Page followers", Decimal("1200"), Decimal("5400"), "", "12 months")
        == "Page followers: 1,200 → 5,400 (+350%), 12 months"
    )
    assert describe("Answered within a day", None, Decimal("92"), "%") == (
        "Answered within a day: 92%"
    )
