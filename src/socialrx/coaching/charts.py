"""The geometry of the utilisation chart, drawn as SVG by `coaching/panels/_utilisation_chart.html`
(the staff panel and the utilisation report): one bar a week, as tall as the hours the coaches
offered (coaching plus open), its lower part filled with the coaching hours and the
utilisation written above it. The numbers are also in a table beside the chart.

It follows `socialrx.core.charts` (same size, margins, palette and number formats), which draws
lines only."""

from __future__ import annotations

from dataclasses import dataclass

from socialrx.core import charts

from .selectors.reports import WeekFigures

COACHING_COLOUR = charts.PALETTE[0]
# Percent labels need some 60 units of width each: beyond this many weeks only the table has them.
MAX_LABELLED_BARS = 13
MAX_WEEK_LABELS = 9


@dataclass(frozen=True)
class Bar:
    week: WeekFigures
    x: float
    width: float
    offered_y: float  # top of the offered (outlined) bar
    offered_height: float
    coaching_y: float  # top of the coaching (filled) part
    coaching_height: float
    centre: float
    label: str  # the week's axis label ("Mar 4"), empty when thinned out
    percent_label: str  # "20 %" above the bar, empty when the bars are too many or nothing offered
    current: bool  # this week


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    bars: list[Bar]
    y_ticks: list[charts.Tick]
    colour: str = COACHING_COLOUR
    # app.css enlarges `chart-axis` labels on phones, for charts drawn at core.charts' width;
    # a narrow chart (the dashboard's) is drawn near its screen size and keeps its labels.
    axis_class: str = "chart-axis"


def _week_label(figures: WeekFigures) -> str:
    return f"{figures.week:%b} {figures.week.day}"


def _divisions(top_hours: float) -> int:
    """Into how many steps the hours axis is cut so every label is a whole or half hour
    (0, 2, 4… 10 h; 0, 0.5, 1 h)."""
    for divisions in (5, 4, 2):
        if (top_hours / divisions * 2).is_integer():
            return divisions
    return 1


def utilisation_chart(
    weeks: list[WeekFigures],
    *,
    this_week=None,
    width: int = charts.WIDTH,
    height: int = charts.HEIGHT,
) -> BarChart | None:
    """Bars of offered and coaching hours by week; None when no week offered any time."""
    peak_minutes = max((week.offered_minutes for week in weeks), default=0)
    if not peak_minutes:
        return None
    # Room above the tallest bar for its percent label.
    left, right = charts.MARGIN_LEFT, width - charts.MARGIN_RIGHT
    top, bottom = charts.MARGIN_TOP + 18, height - charts.MARGIN_BOTTOM
    top_hours = charts.nice_ceiling(peak_minutes / 60)

    def y_of_hours(hours: float) -> float:
        return round(bottom - (bottom - top) * hours / top_hours, 1)

    def y(minutes: int) -> float:
        return y_of_hours(minutes / 60)

    slot = (right - left) / len(weeks)
    bar_width = round(min(slot * 0.6, 48), 1)
    label_every = -(-len(weeks) // MAX_WEEK_LABELS)  # ceiling division
    bars = []
    for index, week in enumerate(weeks):
        centre = round(left + slot * (index + 0.5), 1)
        offered_top, coaching_top = y(week.offered_minutes), y(week.coaching_minutes)
        percent = week.percent
        bars.append(
            Bar(
                week=week,
                x=round(centre - bar_width / 2, 1),
                width=bar_width,
                offered_y=offered_top,
                offered_height=round(bottom - offered_top, 1),
                coaching_y=coaching_top,
                coaching_height=round(bottom - coaching_top, 1),
                centre=centre,
                label=_week_label(week) if index % label_every == 0 else "",
                percent_label=(
                    f"{percent} %"
                    if percent is not None and len(weeks) <= MAX_LABELLED_BARS
                    else ""
                ),
                current=week.week == this_week,
            )
        )
    divisions = _divisions(top_hours)
    y_ticks = [
        charts.Tick(y_of_hours(hours), f"{charts.compact_number(hours)} h")
        for hours in (top_hours * step / divisions for step in range(divisions + 1))
    ]
    axis_class = "chart-axis" if width >= charts.WIDTH else ""
    return BarChart(width, height, left, right, top, bottom, bars, y_ticks, axis_class=axis_class)
