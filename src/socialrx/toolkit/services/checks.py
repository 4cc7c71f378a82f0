"""Saving a check to an organization's history, and deleting one.

Checking a draft writes nothing (checking.run_check); only saving does, when a person of a
member organization chooses to (toolkit.save_check). The draft is checked again here, never
taken from the browser's results, so the history holds what the checker really found. The
audit rows say who saved or deleted which check and what was found, never the draft's words."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.permissions import allowed, require
from socialrx.organizations.models import Organization

from ..checking import FULL_LIMIT, IMAGE_LIMIT, CheckResult, run_check
from ..models import SavedCheck


def _counts(saved: SavedCheck) -> dict:
    kinds = {item["kind"] for item in (*saved.findings, *saved.risks)}
    return {
        "organization": saved.organization.name,
        "identifiers": saved.identifier_count,
        "risks": saved.risk_count,
        "high": saved.high_count,
        "kinds": sorted(kinds),
    }


def check_lengths(text: str, image_description: str) -> None:
    """A draft to save has words and fits the checker's limits (DomainError otherwise)."""
    if not text.strip():
        raise DomainError("Paste or type a draft to check.", field="text", code="empty")
    if len(text) > FULL_LIMIT:
        raise DomainError(
            f"A draft can be up to {FULL_LIMIT:,} characters; this one has {len(text):,}.",
            field="text",
            code="too_long",
        )
    if len(image_description) > IMAGE_LIMIT:
        raise DomainError(
            f"An image description can be up to {IMAGE_LIMIT:,} characters; this one has "
            f"{len(image_description):,}.",
            field="image_description",
            code="too_long",
        )


def save_check(
    *, actor, organization: Organization, text: str, image_description: str = ""
) -> SavedCheck:
    """Check the draft and keep it, with what was found, in the organization's history."""
    require(actor, "toolkit.save_check", organization)
    check_lengths(text, image_description)
    # Checked before the transaction: the detector takes a moment and needs no row locked.
    result: CheckResult = run_check(text, image_description)
    with transaction.atomic():
        require(actor, "toolkit.save_check", organization)
        saved = SavedCheck.objects.create(
            organization=organization,
            saved_by=actor,
            draft=text,
            image_description=image_description,
            findings=result.findings,
            risks=result.risks,
            identifier_count=result.identifier_count,
            risk_count=result.risk_count,
            high_count=result.high_count,
        )
        audit.record(actor=actor, action="toolkit.check.saved", target=saved, after=_counts(saved))
    return saved


def delete_check(*, actor, saved: SavedCheck) -> None:
    """Remove a saved check from its organization's history (its saver or an org admin)."""
    with transaction.atomic():
        require(actor, "toolkit.view_check", saved)
        if not allowed(actor, "toolkit.delete_check", saved):
            raise PermissionDenied(
                "Only the person who saved this check, or an admin of the "
                "organization, may delete it."
            )
        before = _counts(saved) | {
            "saved_by": getattr(saved.saved_by, "email", ""),
            "saved_at": saved.saved_at.isoformat(),
        }
        audit.record(actor=actor, action="toolkit.check.deleted", target=saved, before=before)
        saved.delete()
