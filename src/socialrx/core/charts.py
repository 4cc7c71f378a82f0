"""Geometry of charts drawn as inline SVG by the templates.

Server-drawn SVG needs no script and no inline style (the Content-Security-Policy allows
neither), prints, and scales. Each chart on a page stands beside a table of its numbers, so
the picture is never the only way to read them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

# Series colours: each has at least 3:1 contrast on white (WCAG 1.4.11), and each series also
# has its own dash pattern, so colour is not the only difference.
PALETTE = ("#0b5cab", "#b35900", "#0f7b6c", "#7a3eb1", "#b3261e", "#4a5565", "#1c6b3a", "#a3257a")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4", "3 2 1 2")

WIDTH, HEIGHT = 640, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 16, 12, 36


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Line:
    label: str
    points: str  # the SVG polyline's "x,y x,y …"
    color: str
    dash: str
    last_x: float
    last_y: float


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    lines: list[Line]
    x_ticks: list[Tick]
    y_ticks: list[Tick]


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value` (axis maxima people read)."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return candidate
    return 10 ** (exponent + 1)


def compact_number(value: float) -> str:
    """12,400 → "12.4k"; 3,100,000 → "3.1M" (axis labels)."""
    units = ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k"))
    for index, (threshold, suffix) in enumerate(units):
        if abs(value) >= threshold:
            text = f"{value / threshold:.1f}".rstrip("0").rstrip(".")
            if index and text.lstrip("-") == "1000":  # 999,960 is "1M", not "1000k"
                threshold, suffix = units[index - 1]
                text = f"{value / threshold:.1f}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def line_chart(
    series: list[tuple[str, list[tuple[date, float]]]],
    *,
    unit: str = "",
    width: int = WIDTH,
    height: int = HEIGHT,
) -> LineChart | None:
    """Lines over time on a shared date axis; None when there is nothing to draw. `unit` is
    appended to the value axis' labels ("%")."""
    points = [(day, value) for _, values in series for day, value in values]
    if not points:
        return None
    first, last = min(day for day, _ in points), max(day for day, _ in points)
    span = max((last - first).days, 1)
    top = nice_ceiling(max(value for _, value in points))
    left, right = MARGIN_LEFT, width - MARGIN_RIGHT
    upper, lower = MARGIN_TOP, height - MARGIN_BOTTOM

    def x(day: date) -> float:
        return round(left + (right - left) * (day - first).days / span, 1)

    def y(value: float) -> float:
        return round(lower - (lower - upper) * value / top, 1)

    lines = []
    for index, (label, values) in enumerate(series):
        if not values:
            continue
        coords = [(x(day), y(value)) for day, value in sorted(values)]
        lines.append(
            Line(
                label=label,
                points=" ".join(f"{cx},{cy}" for cx, cy in coords),
                color=PALETTE[index % len(PALETTE)],
                dash=DASHES[index % len(DASHES)],
                last_x=coords[-1][0],
                last_y=coords[-1][1],
            )
        )
    y_ticks = [Tick(y(top * step / 4), compact_number(top * step / 4) + unit) for step in range(5)]
    return LineChart(
        width, height, left, right, upper, lower, lines, _date_ticks(first, last, x), y_ticks
    )


def _date_ticks(first: date, last: date, x) -> list[Tick]:
    """Up to six evenly spaced dates, labelled by month and year."""
    span = (last - first).days
    if span == 0:
        return [Tick(x(first), first.strftime("%b %Y"))]
    count = min(6, max(2, span // 60 + 1))
    ticks, seen = [], set()
    for step in range(count):
        day = date.fromordinal(first.toordinal() + round(span * step / (count - 1)))
        label = day.strftime("%b %Y")
        if label not in seen:
            seen.add(label)
            ticks.append(Tick(x(day), label))
    return ticks


def bar_width(value: float, maximum: float) -> float:
    """A bar's length in percent of the track (a thin sliver for small non-zero values)."""
    if maximum <= 0 or value <= 0:
        return 0
    return round(max(100 * value / maximum, 0.5), 1)
