"""The staff's queues (claims, corrections, imports) and a person's own claims."""

from __future__ import annotations

from django.db.models import QuerySet

from socialrx.organizations.models import Organization
from socialrx.organizations.selectors import organizations_administered_by

from ..models import (
    Claim,
    ClaimStatus,
    Correction,
    CorrectionStatus,
    ImportJob,
    ImportPhase,
    ImportRowError,
)


def claims_for_review(status: str = ClaimStatus.PENDING) -> QuerySet[Claim]:
    return (
        Claim.objects.filter(status=status)
        .select_related("entity", "claimant", "organization", "decided_by")
        .order_by("created_at" if status == ClaimStatus.PENDING else "-decided_at")
    )


def corrections_for_review(status: str = CorrectionStatus.PENDING) -> QuerySet[Correction]:
    return (
        Correction.objects.filter(status=status)
        .select_related("entity", "account", "submitted_by", "reviewed_by")
        .order_by("created_at" if status == CorrectionStatus.PENDING else "-reviewed_at")
    )


def pending_counts() -> dict[str, int]:
    return {
        "claims": Claim.objects.filter(status=ClaimStatus.PENDING).count(),
        "corrections": Correction.objects.filter(status=CorrectionStatus.PENDING).count(),
    }


def claims_of(user) -> QuerySet[Claim]:
    return Claim.objects.filter(claimant=user).select_related("entity").order_by("-created_at")


def organizations_for_claim(user) -> list[Organization]:
    """The organizations a person may name in a claim: those they administer."""
    return list(organizations_administered_by(user))


def import_jobs() -> QuerySet[ImportJob]:
    return ImportJob.objects.select_related("created_by").order_by("-created_at")


def import_job(public_id) -> ImportJob | None:
    return ImportJob.objects.select_related("created_by").filter(public_id=public_id).first()


def row_errors(job: ImportJob, phase: str = ImportPhase.PREVIEW) -> QuerySet[ImportRowError]:
    return job.row_errors.filter(phase=phase).order_by("row_number", "id")
