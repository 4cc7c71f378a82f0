"""Staff's decisions on submitted contributions (`library.manage`).

- Only a submitted contribution is decided, once per submission: the row is locked first, so
  two staff deciding at the same moment make one decision and the other is told
  `AlreadyDecided` (409).
- Approve publishes it: status published, published and reviewed today, the access staff
  chose (public, members or premium members), a slug from its final title.
- Request changes sends it back to its contributor (a note saying what to change is
  required); they edit it and submit again.
- Reject closes it (a reason is required).
- Every decision is a `ResourceReview` row (the contributor reads the history), an audit
  event (`library.contribution.approved|changes_requested|rejected`) and an email to the
  author and the credited organization's admins with staff's note."""

from __future__ import annotations

from django.db import transaction

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require
from socialrx.core.related import organization_items_changed

from ..models import Access, Resource, ResourceKind, ResourceReview, ResourceStatus
from . import contribution_emails
from .contributions import unique_slug

NOTE_LIMIT = 5_000
Decision = ResourceReview.Decision

STATUS_AFTER = {
    Decision.APPROVED: ResourceStatus.PUBLISHED,
    Decision.CHANGES_REQUESTED: ResourceStatus.CHANGES_REQUESTED,
    Decision.REJECTED: ResourceStatus.REJECTED,
}
NOTE_NEEDED = {
    Decision.CHANGES_REQUESTED: "Say what the contributor should change.",
    Decision.REJECTED: "Give the reason for rejecting it: the contributor reads it.",
}


class AlreadyDecided(Conflict):
    def __init__(self, resource: Resource):
        super().__init__(
            f"This contribution is not waiting for review (it is "
            f"{resource.get_status_display().lower()}): it was decided already or was sent "
            "back to its contributor.",
            code="already_decided",
        )


def _locked_submitted(actor, resource: Resource) -> Resource:
    require(actor, "library.manage")
    resource = (
        Resource.objects.select_for_update(of=("self",))
        .select_related("contributed_by_organization", "author")
        .get(pk=resource.pk)
    )
    if resource.contributed_by_organization_id is None:
        raise DomainError("Only members' contributions are reviewed here.")
    if resource.status != ResourceStatus.SUBMITTED:
        raise AlreadyDecided(resource)
    return resource


def _check_note(decision: str, note: str) -> str:
    note = note.strip()
    if not note and decision in NOTE_NEEDED:
        raise DomainError(NOTE_NEEDED[decision], field="note")
    if len(note) > NOTE_LIMIT:
        raise DomainError(f"Keep the note under {NOTE_LIMIT:,} characters.", field="note")
    return note


def _decide(actor, resource: Resource, decision: str, note: str, access: str | None):
    resource = _locked_submitted(actor, resource)
    note = _check_note(decision, note)
    before = {"status": resource.status, "access": resource.access}
    fields = ["status", "updated_at"]
    resource.status = STATUS_AFTER[decision]
    if decision == Decision.APPROVED:
        if access not in Access.values:
            raise DomainError("Choose who may read it.", field="access")
        today = center_today()
        resource.access = access
        resource.published_on = today
        resource.reviewed_on = today
        resource.slug = unique_slug(resource.title, exclude_pk=resource.pk)
        fields += ["access", "published_on", "reviewed_on", "slug"]
    resource.save(update_fields=fields)
    review = ResourceReview.objects.create(
        resource=resource, decision=decision, note=note, reviewer=actor
    )
    after = {"status": resource.status, "access": resource.access, "note": note}
    if decision == Decision.APPROVED:
        after["published_on"] = resource.published_on
    audit.record(
        actor=actor,
        action=f"library.contribution.{decision}",
        target=resource,
        before=before,
        after=after,
    )
    contribution_emails.tell_contributor_decided(resource, review, actor)
    return resource


@transaction.atomic(durable=True)
def approve_contribution(*, actor, resource: Resource, access: str, note: str = "") -> Resource:
    """Publish the submitted contribution today with the access staff chose. A case study
    appears on its organization's registry listing and directory entry: their cached pages
    are drawn again once this commits."""
    published = _decide(actor, resource, Decision.APPROVED, note, access)
    if published.kind == ResourceKind.CASE_STUDY:
        organization_items_changed()
    return published


@transaction.atomic(durable=True)
def request_changes(*, actor, resource: Resource, note: str) -> Resource:
    """Send the submitted contribution back to its contributor with what to change."""
    return _decide(actor, resource, Decision.CHANGES_REQUESTED, note, None)


@transaction.atomic(durable=True)
def reject_contribution(*, actor, resource: Resource, note: str) -> Resource:
    """Refuse the submitted contribution, with the reason."""
    return _decide(actor, resource, Decision.REJECTED, note, None)


DECIDE = {
    Decision.APPROVED: approve_contribution,
    Decision.CHANGES_REQUESTED: request_changes,
    Decision.REJECTED: reject_contribution,
}

__all__ = [
    "DECIDE",
    "NOTE_LIMIT",
    "AlreadyDecided",
    "approve_contribution",
    "reject_contribution",
    "request_changes",
]
