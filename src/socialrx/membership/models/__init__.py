from .charges import ChargeKind, MembershipCharge
from .included_hours import IncludedHoursUse
from .memberships import (
    GRACE_DAYS,
    ApplicationStatus,
    Membership,
    MembershipApplication,
    MembershipPeriod,
    MembershipStatus,
    PeriodSource,
    RenewalReminder,
)
from .plans import SIZE_UNITS, Plan, PlanAudience, ResourceTier

__all__ = [
    "GRACE_DAYS",
    "SIZE_UNITS",
    "ApplicationStatus",
    "ChargeKind",
    "IncludedHoursUse",
    "Membership",
    "MembershipApplication",
    "MembershipCharge",
    "MembershipPeriod",
    "MembershipStatus",
    "PeriodSource",
    "Plan",
    "PlanAudience",
    "RenewalReminder",
    "ResourceTier",
]
