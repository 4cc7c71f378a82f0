"""Members' contributions to the library (`library.contribute` to start one,
`library.edit_contribution` to save or submit it).

- A contribution is a `Resource` credited to one of the contributor's member organizations
  (`contributed_by_organization`), written by them (`author`), in status draft. Its kind is any
  but the center's own recordings (podcast episodes, webinar recordings); case studies come
  through their structured form (services.case_studies), which uses the writers here.
- The contributor suggests the access (public or members); staff choose it when they approve.
- A draft, and a contribution staff sent back with changes requested, is saved as often as
  needed by its author or the credited organization's admins; draft saves are not audited (the
  submission's audit row records the contribution as it was sent).
- Submitting sends it to staff, once: the row is locked first, so a double click submits once
  and the second answers `AlreadySubmitted` (409), as does any save until staff send it back.
  A submission is audited (`library.contribution.submitted`) and emailed to center staff.
- Staff's decisions are in services.contribution_reviews."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.markdown import render
from socialrx.core.permissions import require
from socialrx.membership.selectors import member_organization_ids
from socialrx.organizations.models import Organization

from ..models import Access, Resource, ResourceKind, ResourceStatus
from . import contribution_emails
from .authoring import search_text_of

# What members may contribute: everything but the center's own recordings. Case studies are
# contributed through their own structured form.
CONTRIBUTED_KINDS = tuple(
    kind
    for kind in ResourceKind
    if kind
    not in {ResourceKind.PODCAST_EPISODE, ResourceKind.WEBINAR_RECORDING, ResourceKind.CASE_STUDY}
)
SUGGESTED_ACCESS = (Access.PUBLIC, Access.MEMBER)
OPEN_STATUSES = frozenset({ResourceStatus.DRAFT, ResourceStatus.CHANGES_REQUESTED})
TITLE_LIMIT = 200
SUMMARY_LIMIT = 400
BODY_LIMIT = 60_000
MINUTES_RANGE = (1, 600)
WRITTEN_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "body_html",
    "minutes",
    "access",
    "contributed_by_organization",
)


@dataclass(frozen=True)
class ContributionDraft:
    """What the contributor writes (the form's cleaned answers)."""

    kind: str
    title: str
    summary: str
    organization: Organization
    access: str = Access.MEMBER
    body: str = ""
    topics: Sequence = field(default=())
    platforms: Sequence = field(default=())
    audiences: Sequence = field(default=())
    minutes: int | None = None


class AlreadySubmitted(Conflict):
    def __init__(self, status: str = ResourceStatus.SUBMITTED):
        if status == ResourceStatus.SUBMITTED:
            message = (
                "This contribution was already submitted: staff are reviewing it, and it can "
                "no longer be changed until they decide."
            )
        else:
            message = (
                "Staff have already decided on this contribution: it can no longer be changed."
            )
        super().__init__(message, code="already_submitted")


def check_draft(actor, draft: ContributionDraft, *, kinds=CONTRIBUTED_KINDS) -> None:
    """The rules the form shows beside its fields, checked again here."""
    if draft.kind not in kinds:
        raise DomainError("Choose one of the kinds of resource members contribute.", field="kind")
    if draft.organization is None or draft.organization.pk not in member_organization_ids(actor):
        raise DomainError(
            "Credit one of your organizations that is a member of the center.",
            field="organization",
        )
    if draft.access not in SUGGESTED_ACCESS:
        raise DomainError("Suggest public or members only.", field="access")
    for name, limit in (("title", TITLE_LIMIT), ("summary", SUMMARY_LIMIT)):
        value = getattr(draft, name).strip()
        if not value:
            raise DomainError(f"Write the {name}.", field=name)
        if len(value) > limit:
            raise DomainError(f"Keep the {name} under {limit:,} characters.", field=name)
    if len(draft.body) > BODY_LIMIT:
        raise DomainError(f"Keep the text under {BODY_LIMIT:,} characters.", field="body")
    if draft.minutes is not None and not MINUTES_RANGE[0] <= draft.minutes <= MINUTES_RANGE[1]:
        raise DomainError("Give a time from 1 to 600 minutes.", field="minutes")


def search_text(resource: Resource, extra: Sequence[str] = ()) -> str:
    """The words the search finds it by (the staff's authoring keeps the same), plus `extra`
    (a case study's results in numbers)."""
    return " ".join((search_text_of(resource), *extra)).strip()


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:100].strip("-") or "resource"
    taken = Resource.objects.filter(slug=base).exclude(pk=exclude_pk).exists()
    return f"{base[:90]}-{uuid.uuid4().hex[:8]}" if taken else base


def save_with_slug(resource: Resource) -> None:
    """Insert `resource` under a free slug; a concurrent insert of the same title falls back
    to a suffixed one instead of failing the contributor."""
    resource.slug = unique_slug(resource.title)
    try:
        with transaction.atomic():
            resource.save()
    except IntegrityError:
        resource.slug = f"{resource.slug[:90]}-{uuid.uuid4().hex[:8]}"
        resource.save()


def write(resource: Resource, draft: ContributionDraft) -> None:
    """Copy the draft onto the resource (new or locked), with its rendered body and search
    text. Call inside a transaction."""
    resource.kind = draft.kind
    resource.title = draft.title.strip()
    resource.summary = " ".join(draft.summary.split())
    resource.body = draft.body.strip()
    resource.body_html = render(resource.body)
    resource.minutes = draft.minutes
    resource.access = draft.access
    resource.contributed_by_organization = draft.organization
    if resource.pk is None:
        save_with_slug(resource)
    else:
        resource.save(update_fields=[*WRITTEN_FIELDS, "updated_at"])
    resource.topics.set(list(draft.topics))
    resource.platforms.set(list(draft.platforms))
    resource.audiences.set(list(draft.audiences))
    resource.search_text = search_text(resource)
    resource.save(update_fields=["search_text", "updated_at"])


def new_contribution(actor, draft: ContributionDraft) -> Resource:
    """The draft resource, written and audited (inside the caller's transaction)."""
    resource = Resource(author=actor, status=ResourceStatus.DRAFT)
    write(resource, draft)
    audit.record(
        actor=actor,
        action="library.contribution.started",
        target=resource,
        after={"kind": resource.kind, "organization": draft.organization.name},
    )
    return resource


def locked_open(actor, resource: Resource) -> Resource:
    """The contribution locked for writing; refused unless it is a draft or was sent back
    (409, said before the permission, which holds only for open contributions: the person who
    sent it learns it was sent, not that they may not edit)."""
    resource = (
        Resource.objects.select_for_update(of=("self",))
        .select_related("contributed_by_organization", "author")
        .get(pk=resource.pk)
    )
    if resource.status not in OPEN_STATUSES:
        raise AlreadySubmitted(resource.status)
    require(actor, "library.edit_contribution", resource)
    return resource


def _attach(actor, resource: Resource, upload) -> None:
    """The contribution's one file: a new upload replaces the one it had."""
    if upload is None:
        return
    from .files import add_file, remove_file  # noqa: PLC0415 - the files area, only when a file comes

    for old in list(resource.files.filter(version__isnull=True)):
        remove_file(user=actor, attached=old)
    add_file(user=actor, resource=resource, uploaded=upload)


@transaction.atomic(durable=True)
def start_contribution(*, actor, draft: ContributionDraft, upload=None) -> Resource:
    """A new draft contribution (with its one file, if any) credited to `draft.organization`."""
    require(actor, "library.contribute")
    check_draft(actor, draft)
    resource = new_contribution(actor, draft)
    _attach(actor, resource, upload)
    return resource


@transaction.atomic(durable=True)
def save_contribution(*, actor, resource: Resource, draft: ContributionDraft, upload=None):
    """Save the draft's answers; refused (409) once submitted until staff send it back."""
    resource = locked_open(actor, resource)
    if resource.kind == ResourceKind.CASE_STUDY:
        raise DomainError("A case study is saved through its own form.", field="kind")
    check_draft(actor, draft)
    write(resource, draft)
    _attach(actor, resource, upload)
    return resource


def missing_for_review(resource: Resource) -> str:
    """Why the contribution cannot be sent yet ("" when it can)."""
    if not resource.body.strip() and not resource.files.exists():
        return "Write the text or attach a file before submitting."
    if not resource.topics.exists():
        return "Choose at least one topic before submitting."
    return ""


@transaction.atomic(durable=True)
def submit_contribution(*, actor, resource: Resource) -> Resource:
    """Send the contribution to staff for review, once (a second submission is refused with
    `AlreadySubmitted`; nothing changes)."""
    resource = locked_open(actor, resource)
    missing = missing_for_review(resource)
    if missing:
        raise DomainError(missing)
    before = resource.status
    resource.status = ResourceStatus.SUBMITTED
    # `updated_at` becomes the moment of submission: the review queue's "waiting since" (a
    # submitted contribution is locked, so nothing else moves it until staff decide).
    resource.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="library.contribution.submitted",
        target=resource,
        before={"status": before},
        after={
            "status": resource.status,
            "kind": resource.kind,
            "title": resource.title,
            "organization": resource.contributed_by_organization.name,
            "access": resource.access,
        },
    )
    contribution_emails.tell_staff_submitted(resource, actor)
    return resource


__all__ = [
    "BODY_LIMIT",
    "CONTRIBUTED_KINDS",
    "MINUTES_RANGE",
    "OPEN_STATUSES",
    "SUGGESTED_ACCESS",
    "SUMMARY_LIMIT",
    "TITLE_LIMIT",
    "AlreadySubmitted",
    "ContributionDraft",
    "check_draft",
    "missing_for_review",
    "save_contribution",
    "start_contribution",
    "submit_contribution",
]
