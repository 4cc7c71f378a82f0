"""Reads of members' contributions: one contribution for a person who may read it (the same
404 for "missing" and "not yours"), a person's and their organizations' contributions, staff's
review queue with its counts, and the dashboard panels' figures. Each in a fixed number of
queries whatever the number of contributions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed, org_roles
from socialrx.membership.selectors import member_organization_ids
from socialrx.organizations.models import Organization

from ..models import Resource, ResourceReview, ResourceStatus, ResultFigure

QUEUE_LIMIT = 100
RECENT_DECISIONS = 10
NOT_FOUND_MESSAGE = "Contribution not found."


def contributions() -> QuerySet[Resource]:
    """Resources credited to a member organization (staff's own resources are not here)."""
    return Resource.objects.filter(contributed_by_organization__isnull=False)


def _with_everything(queryset: QuerySet[Resource]) -> QuerySet[Resource]:
    """What a contribution's page reads: its organization, author, case study and figures,
    taxonomy, files and the staff's decisions (seven queries, constant)."""
    return queryset.select_related(
        "contributed_by_organization", "author", "case_study"
    ).prefetch_related(
        "topics",
        "platforms",
        "audiences",
        "files",
        Prefetch("case_study__figures", queryset=ResultFigure.objects.order_by("position", "id")),
        Prefetch("reviews", queryset=ResourceReview.objects.select_related("reviewer")),
    )


def contribution_for(user, public_id, perm: str = "library.read_resource") -> Resource:
    """The contribution if `user` has `perm` on it (reading by default: its author, the
    credited organization's people, staff); `NotFound` otherwise."""
    resource = _with_everything(contributions().filter(public_id=public_id)).first()
    if resource is None or not allowed(user, perm, resource):
        raise NotFound(NOT_FOUND_MESSAGE)
    return resource


def contribution_for_review(public_id) -> Resource:
    """Any contribution, for staff (who are checked by the view and the services)."""
    resource = _with_everything(contributions().filter(public_id=public_id)).first()
    if resource is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    return resource


def contributions_of(user) -> list[Resource]:
    """The person's own contributions and those credited to their organizations, the most
    recently changed first, each with its staff decisions (two queries)."""
    if not getattr(user, "is_authenticated", False):
        return []
    mine = Q(author_id=user.pk) | Q(contributed_by_organization_id__in=list(org_roles(user)))
    return list(
        contributions()
        .filter(mine)
        .select_related("contributed_by_organization", "author")
        .prefetch_related(
            Prefetch("reviews", queryset=ResourceReview.objects.select_related("reviewer"))
        )
        .order_by("-updated_at", "-id")
    )


def member_organizations(user) -> QuerySet[Organization]:
    """The organizations a person may credit: theirs that are members of the center today."""
    return Organization.objects.filter(pk__in=member_organization_ids(user)).order_by("name")


@dataclass(frozen=True)
class ReviewQueue:
    waiting: list[Resource]  # submitted, oldest first (at most QUEUE_LIMIT)
    counts: dict[str, int]  # status -> number of contributions
    recent: list[ResourceReview]  # the latest decisions

    @property
    def waiting_count(self) -> int:
        return self.counts.get(ResourceStatus.SUBMITTED, 0)

    @property
    def waiting_more(self) -> int:
        return self.waiting_count - len(self.waiting)


def status_counts() -> dict[str, int]:
    """{status: number of contributions} for every status (one query)."""
    found = dict(
        contributions()
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {status: found.get(status, 0) for status in ResourceStatus.values}


def review_queue() -> ReviewQueue:
    """Staff's queue: submitted contributions, the longest waiting first (three queries)."""
    waiting = list(
        contributions()
        .filter(status=ResourceStatus.SUBMITTED)
        .select_related("contributed_by_organization", "author")
        .order_by("updated_at", "id")[:QUEUE_LIMIT]
    )
    recent = list(
        ResourceReview.objects.filter(resource__contributed_by_organization__isnull=False)
        .select_related("resource", "resource__contributed_by_organization", "reviewer")
        .order_by("-created_at", "-id")[:RECENT_DECISIONS]
    )
    return ReviewQueue(waiting=waiting, counts=status_counts(), recent=recent)


@dataclass(frozen=True)
class Waiting:
    count: int
    oldest: Resource | None

    @property
    def oldest_since(self) -> datetime | None:
        return self.oldest.updated_at if self.oldest is not None else None


def waiting_for_review() -> Waiting:
    """How many contributions wait for staff, and the one waiting longest (two queries)."""
    submitted = contributions().filter(status=ResourceStatus.SUBMITTED)
    oldest = (
        submitted.select_related("contributed_by_organization").order_by("updated_at", "id").first()
    )
    return Waiting(count=submitted.count(), oldest=oldest)


def needing_attention(user) -> list[Resource]:
    """The person's contributions they can act on: drafts and those sent back (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        contributions()
        .filter(
            author_id=user.pk,
            status__in=[ResourceStatus.DRAFT, ResourceStatus.CHANGES_REQUESTED],
        )
        .select_related("contributed_by_organization")
        .order_by("-updated_at", "-id")[:5]
    )
