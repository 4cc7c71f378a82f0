from .accounts import Account, AccountStatus, Snapshot
from .aliases import EntityAlias
from .claims import (
    Claim,
    ClaimMethod,
    ClaimStatus,
    CorrectableField,
    Correction,
    CorrectionKind,
    CorrectionStatus,
)
from .entities import KIND_SLUGS, SLUG_KINDS, Entity, EntityKind, OrganizationCategory
from .experience import (
    HcahpsAverage,
    HcahpsHospitalResult,
    HcahpsMeasure,
    HvbpDimension,
    HvbpDimensionScore,
    HvbpResult,
)
from .imports import ImportJob, ImportKind, ImportPhase, ImportRowError, ImportStatus

__all__ = [
    "KIND_SLUGS",
    "SLUG_KINDS",
    "Account",
    "AccountStatus",
    "Claim",
    "ClaimMethod",
    "ClaimStatus",
    "CorrectableField",
    "Correction",
    "CorrectionKind",
    "CorrectionStatus",
    "Entity",
    "EntityAlias",
    "EntityKind",
    "HcahpsAverage",
    "HcahpsHospitalResult",
    "HcahpsMeasure",
    "HvbpDimension",
    "HvbpDimensionScore",
    "HvbpResult",
    "ImportJob",
    "ImportKind",
    "ImportPhase",
    "ImportRowError",
    "ImportStatus",
    "OrganizationCategory",
    "Snapshot",
]
