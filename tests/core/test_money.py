"""Money shown to people: exact amounts, and the short labels of a chart."""

import pytest

from socialrx.core.money import format_cents, format_cents_short


@pytest.mark.parametrize(
    ("cents", "expected"),
    [
        (0, "$0"),
        (85_000, "$850"),
        (99_999, "$999"),
        (450_000, "$4.5k"),
        (1_800_000, "$18k"),
        (3_645_000, "$36.5k"),
        (12_500_000, "$125k"),
        (120_000_000, "$1.2M"),
        (-450_000, "-$4.5k"),
    ],
)
def test_a_chart_label_is_short(cents, expected):
    assert format_cents_short(cents) == expected


def test_an_exact_amount_keeps_its_cents():
    assert format_cents(1_234_567) == "$12,345.67"
    assert format_cents(-5) == "-$0.05"
    assert format_cents(100, "EUR") == "1.00 EUR"
