"""A case study's results in numbers, as readers see them: the change from before to after in
percent and the numbers written the American way. Pure functions (no database), used by the
results table, the composed Markdown body and the search text."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"  # the minus sign, not a hyphen: screen readers say "minus"


def percent_change(before: Decimal | None, after: Decimal) -> Decimal | None:
    """(after − before) / |before| in percent, to the nearest whole percent (halves away from
    zero); None when there is no "before" or it is zero (a change from nothing has no
    percentage)."""
    if before is None or before == 0:
        return None
    change = (Decimal(after) - Decimal(before)) / abs(Decimal(before)) * 100
    return change.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def format_change(before: Decimal | None, after: Decimal) -> str:
    """ "+350%", "−25%", "0%", or "" when there is no percentage to give."""
    change = percent_change(before, after)
    if change is None:
        return ""
    if change > 0:
        return f"+{change:,}%"
    if change < 0:
        return f"{MINUS}{-change:,}%"
    return "0%"


def format_number(value: Decimal | None) -> str:
    """1200.00 → "1,200"; 3.50 → "3.5"; −12 → "−12"; None → "" (no trailing zeros)."""
    if value is None:
        return ""
    value = Decimal(value)
    whole = value == value.to_integral_value()
    text = f"{abs(value):,.0f}" if whole else f"{abs(value):,.2f}".rstrip("0")
    return f"{MINUS}{text}" if value < 0 else text


def with_unit(value: Decimal | None, unit: str = "") -> str:
    """The number with its unit: "12%", "$1,500", "3.5 hours"; "" when there is no number."""
    if value is None:
        return ""
    number = format_number(value)
    if unit == "%":
        return f"{number}%"
    if unit == "$":
        return f"${number}" if not number.startswith(MINUS) else f"{MINUS}${number[1:]}"
    return f"{number} {unit}" if unit else number


def describe(measure: str, before, after, unit: str = "", period: str = "") -> str:
    """One line for search: "Page followers: 1,200 → 5,400 (+350%), 12 months"; a figure
    without "before" reads "Page followers: 5,400"."""
    after_text = with_unit(after, unit)
    if before is None:
        line = f"{measure}: {after_text}"
    else:
        line = f"{measure}: {with_unit(before, unit)} → {after_text}"
        change = format_change(before, after)
        if change:
            line += f" ({change})"
    if period:
        line += f", {period}"
    return line
