"""The staffing estimate: hours a week by platform from the posting cadence and assumptions
the organization sees and may change, and what that is in full-time people.

For each platform with posts (posts a week: a day's count × 7, a week's as is, a month's
× 12 / 52):
    making     = posts × minutes to make one post
    approving  = posts × approval minutes per post
    answering  = posts × comments needing an answer per post × minutes per answer
    monitoring = monitoring minutes per day × days a week watched
Hours are those minutes / 60; the week adds the planning and reporting hours once. FTE = the
week's hours / the hours of one full-time person. Exact fractions until the end, then hours
rounded half up to a tenth and FTE to a hundredth.

A staffing is stored as a plain dict (`Assessment.staffing`):
    {"platforms": {"facebook": {"count": 5, "period": "week", "draft_minutes": 30}, …},
     "approval_minutes": 10, "comments_per_post": 4, …}"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from socialrx.core.errors import DomainError

from .assessment_answers import check_cadence
from .assessment_questions import PLATFORM_CODES, PLATFORM_LABELS


@dataclass(frozen=True)
class Assumption:
    key: str
    label: str
    default: int
    minimum: int
    maximum: int
    unit: str
    help: str


# Every assumption, shown beside the estimate and editable there. Bounds keep a typo (an extra
# zero or two) from producing a staffing plan nobody could believe.
ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption(
        "approval_minutes",
        "Approval per post",
        10,
        0,
        240,
        "minutes",
        "Time someone else spends reviewing and approving each post.",
    ),
    Assumption(
        "comments_per_post",
        "Comments needing an answer per post",
        4,
        0,
        500,
        "comments",
        "Questions and complaints that need a reply, not every like or emoji.",
    ),
    Assumption(
        "response_minutes",
        "Minutes per answer",
        3,
        0,
        60,
        "minutes",
        "Reading, checking with a colleague if needed, and replying (often privately).",
    ),
    Assumption(
        "monitoring_minutes",
        "Monitoring per platform per day",
        15,
        0,
        240,
        "minutes",
        "Watching messages, mentions and reviews on each platform you use.",
    ),
    Assumption(
        "monitoring_days",
        "Days a week someone watches",
        7,
        0,
        7,
        "days",
        "Patients write on weekends too; 5 means office days only.",
    ),
    Assumption(
        "planning_hours",
        "Planning and reporting",
        3,
        0,
        40,
        "hours a week",
        "The calendar, meetings with the departments and the monthly report.",
    ),
    Assumption(
        "fte_hours",
        "Hours of one full-time person",
        40,
        10,
        60,
        "hours a week",
        "What one full-time equivalent (FTE) works in a week here.",
    ),
)
ASSUMPTION_KEYS = tuple(a.key for a in ASSUMPTIONS)
BY_KEY = {a.key: a for a in ASSUMPTIONS}

# Minutes to write or make one post: a video takes longer than a short text post.
DRAFT_MINUTES = {
    "facebook": 30,
    "x": 15,
    "youtube": 180,
    "instagram": 45,
    "linkedin": 30,
    "tiktok": 90,
    "threads": 15,
    "bluesky": 15,
    "mastodon": 15,
}
DRAFT_BOUNDS = (1, 480)  # at least a minute, at most a working day for one post
WEEKS_IN_MONTH = Fraction(52, 12)


def posts_per_week(count: int, period: str) -> Fraction:
    if period == "day":
        return Fraction(count * 7)
    if period == "month":
        return Fraction(count) / WEEKS_IN_MONTH
    return Fraction(count)


def tenths(value: Fraction) -> Decimal:
    return _rounded(value, Decimal("0.1"))


def hundredths(value: Fraction) -> Decimal:
    return _rounded(value, Decimal("0.01"))


def _rounded(value: Fraction, step: Decimal) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(step, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PlatformHours:
    code: str
    label: str
    count: int
    period: str
    draft_minutes: int
    posts_per_week: Decimal
    making: Decimal
    approving: Decimal
    answering: Decimal
    monitoring: Decimal
    hours: Decimal

    @property
    def cadence(self) -> str:
        return f"{self.count:,} a {self.period}"


@dataclass(frozen=True)
class Estimate:
    platforms: tuple[PlatformHours, ...]
    assumptions: dict[str, int]
    planning_hours: Decimal
    total_hours: Decimal
    fte: Decimal
    fte_hours: int

    @property
    def assumption_rows(self) -> list[tuple[Assumption, int]]:
        return [(a, self.assumptions[a.key]) for a in ASSUMPTIONS]

    def gap(self, current_hours: int | None) -> Decimal | None:
        """Hours a week the plan needs beyond what the team has now (negative: to spare)."""
        if current_hours is None:
            return None
        return self.total_hours - Decimal(current_hours)


def estimate(staffing: dict) -> Estimate:
    """The estimate of a checked staffing (`check_staffing`)."""
    values = {key: staffing[key] for key in ASSUMPTION_KEYS}
    rows, total = [], Fraction(0)
    for code in PLATFORM_CODES:
        entry = staffing["platforms"].get(code)
        if not entry or entry["count"] == 0:
            continue
        posts = posts_per_week(entry["count"], entry["period"])
        making = posts * entry["draft_minutes"]
        approving = posts * values["approval_minutes"]
        answering = posts * values["comments_per_post"] * values["response_minutes"]
        monitoring = Fraction(values["monitoring_minutes"] * values["monitoring_days"])
        minutes = making + approving + answering + monitoring
        total += minutes / 60
        rows.append(
            PlatformHours(
                code=code,
                label=PLATFORM_LABELS[code],
                count=entry["count"],
                period=entry["period"],
                draft_minutes=entry["draft_minutes"],
                posts_per_week=tenths(posts),
                making=tenths(making / 60),
                approving=tenths(approving / 60),
                answering=tenths(answering / 60),
                monitoring=tenths(monitoring / 60),
                hours=tenths(minutes / 60),
            )
        )
    total += values["planning_hours"]
    return Estimate(
        platforms=tuple(rows),
        assumptions=values,
        planning_hours=tenths(Fraction(values["planning_hours"])),
        total_hours=tenths(total),
        fte=hundredths(total / values["fte_hours"]),
        fte_hours=values["fte_hours"],
    )


# --- what a staffing may hold ----------------------------------------------------------------


class StaffingRefused(DomainError):
    """`errors` maps each refused input ("approval_minutes", "facebook.count") to why."""

    def __init__(self, errors: dict[str, str]):
        first = next(iter(errors.values()))
        super().__init__(first, field=next(iter(errors)), code="bad_staffing")
        self.errors = errors


def _whole(value, low: int, high: int) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and low <= value <= high


def assumption_error(key: str, value) -> str | None:
    a = BY_KEY[key]
    if _whole(value, a.minimum, a.maximum):
        return None
    return f"{a.label}: give a whole number from {a.minimum} to {a.maximum:,} ({a.unit})."


def draft_minutes_error(code: str, value) -> str | None:
    if _whole(value, *DRAFT_BOUNDS):
        return None
    return (
        f"{PLATFORM_LABELS[code]}: minutes to make one post are a whole number from "
        f"{DRAFT_BOUNDS[0]} to {DRAFT_BOUNDS[1]} (a working day)."
    )


def check_staffing(staffing) -> dict:
    """A staffing with every value within its bounds (missing assumptions and draft minutes
    take their defaults); raises StaffingRefused naming each refused value."""
    if not isinstance(staffing, dict) or not isinstance(staffing.get("platforms"), dict):
        raise StaffingRefused({"platforms": "Give the platforms with their posting cadence."})
    errors: dict[str, str] = {}
    checked: dict = {"platforms": {}}
    for code, entry in staffing["platforms"].items():
        if code not in PLATFORM_CODES:
            errors[code] = f"“{str(code)[:40]}” is not one of the listed platforms."
            continue
        refusal = check_cadence(code, entry)
        if refusal:
            errors[f"{code}.count"] = refusal
            continue
        minutes = entry.get("draft_minutes", DRAFT_MINUTES[code])
        refusal = draft_minutes_error(code, minutes)
        if refusal:
            errors[f"{code}.draft_minutes"] = refusal
            continue
        checked["platforms"][code] = {
            "count": entry["count"],
            "period": entry["period"],
            "draft_minutes": minutes,
        }
    for a in ASSUMPTIONS:
        value = staffing.get(a.key, a.default)
        refusal = assumption_error(a.key, value)
        if refusal:
            errors[a.key] = refusal
        checked[a.key] = value
    if errors:
        raise StaffingRefused(errors)
    checked["platforms"] = {
        code: checked["platforms"][code] for code in PLATFORM_CODES if code in checked["platforms"]
    }
    return checked


def staffing_from_cadence(cadence: dict) -> dict:
    """The starting staffing of a new assessment: the platforms' cadence as answered, each
    platform's usual minutes per post and the default assumptions."""
    platforms = {
        code: {**entry, "draft_minutes": DRAFT_MINUTES[code]}
        for code, entry in cadence.items()
        if entry["count"] > 0
    }
    return check_staffing({"platforms": platforms, **{a.key: a.default for a in ASSUMPTIONS}})
