"""The geometry of an assessment's charts, drawn as SVG by the templates (no script, no inline
style, prints in the PDF): horizontal bars of the dimensions' scores on a 0-100 track with the
maturity levels' thresholds marked, and the history's lines (core.charts)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from socialrx.core import charts

from .assessment_questions import DIMENSIONS
from .scoring import LEVELS, Scores

# Wide (screens of 40rem and more, and the PDF): the labels left of the bars. Narrow (phones):
# a viewBox about as wide as the phone's column, each label above its bar, so that 14-unit
# labels are drawn at 12 px or more down to a 320 px screen.
WIDTH = 640
LABEL_WIDTH = 132
VALUE_WIDTH = 44
ROW_HEIGHT = 34
BAR_HEIGHT = 18
TOP, BOTTOM = 8, 28
TRACK_LEFT = LABEL_WIDTH
TRACK_RIGHT = WIDTH - VALUE_WIDTH
TRACK = TRACK_RIGHT - TRACK_LEFT

NARROW_WIDTH = 300
NARROW_VALUE_WIDTH = 34
NARROW_ROW_HEIGHT = 46
NARROW_LABEL_HEIGHT = 20  # the label's line above the bar
NARROW_TRACK_LEFT = 4
NARROW_TRACK_RIGHT = NARROW_WIDTH - NARROW_VALUE_WIDTH


@dataclass(frozen=True)
class Bar:
    label: str
    score: int
    level: str
    y: float
    width: float
    text_y: float  # the score's baseline, beside the bar
    label_x: float
    label_y: float
    label_anchor: str  # "end" left of the bar, "start" above it


@dataclass(frozen=True)
class Threshold:
    x: float
    label: str


@dataclass(frozen=True)
class ScoreBars:
    width: int
    height: int
    track_left: int
    track_right: int
    plot_bottom: int
    bar_height: int
    bars: list[Bar]
    thresholds: list[Threshold]
    threshold_size: int = 12  # the thresholds' font size


def _bar_width(score: int, track: int) -> float:
    return round(track * charts.bar_width(score, 100) / 100, 1)


def _thresholds(left: int, right: int) -> list[Threshold]:
    def x(score: float) -> float:
        return round(left + (right - left) * score / 100, 1)

    marks = [Threshold(x(level.floor), str(level.floor)) for level in LEVELS]
    marks.append(Threshold(x(100), "100"))
    return marks


def score_bars(scores: Scores) -> ScoreBars:
    """The wide layout: each dimension's name left of its bar."""
    bars = []
    for index, dimension in enumerate(scores.dimensions):
        y = TOP + index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        text_y = y + BAR_HEIGHT / 2 + 4
        bars.append(
            Bar(
                label=dimension.label,
                score=dimension.score,
                level=dimension.level.name,
                y=y,
                width=_bar_width(dimension.score, TRACK),
                text_y=text_y,
                label_x=TRACK_LEFT - 10,
                label_y=text_y,
                label_anchor="end",
            )
        )
    bottom = TOP + len(bars) * ROW_HEIGHT
    return ScoreBars(
        WIDTH,
        bottom + BOTTOM,
        TRACK_LEFT,
        TRACK_RIGHT,
        bottom,
        BAR_HEIGHT,
        bars,
        _thresholds(TRACK_LEFT, TRACK_RIGHT),
    )


def narrow_score_bars(scores: Scores) -> ScoreBars:
    """The phones' layout: each dimension's name above its bar, the track the full width."""
    track = NARROW_TRACK_RIGHT - NARROW_TRACK_LEFT
    bars = []
    for index, dimension in enumerate(scores.dimensions):
        top = TOP + index * NARROW_ROW_HEIGHT
        y = top + NARROW_LABEL_HEIGHT
        bars.append(
            Bar(
                label=dimension.label,
                score=dimension.score,
                level=dimension.level.name,
                y=y,
                width=_bar_width(dimension.score, track),
                text_y=y + BAR_HEIGHT / 2 + 5,
                label_x=NARROW_TRACK_LEFT,
                label_y=top + 14,
                label_anchor="start",
            )
        )
    bottom = TOP + len(bars) * NARROW_ROW_HEIGHT
    return ScoreBars(
        NARROW_WIDTH,
        bottom + BOTTOM,
        NARROW_TRACK_LEFT,
        NARROW_TRACK_RIGHT,
        bottom,
        BAR_HEIGHT,
        bars,
        _thresholds(NARROW_TRACK_LEFT, NARROW_TRACK_RIGHT),
        threshold_size=14,
    )


def history_lines(takes) -> charts.LineChart | None:
    """One line per dimension over the takes (oldest first); None before a second take."""
    if len(takes) < 2:
        return None
    days = [timezone.localtime(take.taken_at).date() for take in takes]
    series = [
        (
            d.label,
            [(day, getattr(take, f"{d.key}_score")) for day, take in zip(days, takes, strict=True)],
        )
        for d in DIMENSIONS
    ]
    return charts.line_chart(series)
