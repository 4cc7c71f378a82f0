from .availability import AvailabilityException, AvailabilityWindow, Weekday
from .coaches import CoachProfile
from .engagements import (
    Engagement,
    EngagementKind,
    EngagementStatus,
    HourPackage,
    HoursUse,
    PackageStatus,
    UseReason,
)
from .intakes import Goal, Intake, IntakeStatus, PolicyStatus
from .sessions import (
    LIVE_STATUSES,
    ActionItem,
    CoachingSession,
    NoteVisibility,
    SessionNote,
    SessionStatus,
)

__all__ = [
    "LIVE_STATUSES",
    "ActionItem",
    "AvailabilityException",
    "AvailabilityWindow",
    "CoachProfile",
    "CoachingSession",
    "Engagement",
    "EngagementKind",
    "EngagementStatus",
    "Goal",
    "HourPackage",
    "HoursUse",
    "Intake",
    "IntakeStatus",
    "NoteVisibility",
    "PackageStatus",
    "PolicyStatus",
    "SessionNote",
    "SessionStatus",
    "UseReason",
    "Weekday",
]
