"""The reading side of the library: a page of search results made ready to show, one resource
with what its page needs, the month's most used resources, what is new since a person's last
visit, and a person's own reading history. Each takes a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from socialrx.core.calendar import center_today
from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed
from socialrx.membership.selectors import resource_tiers_of
from socialrx.taxonomy.models import Platform, Topic

from ..models import (
    Access,
    Audience,
    DailyUse,
    ReaderHistory,
    Resource,
    ResourceFile,
    ResourceKind,
    ResourceStatus,
)
from .highlight import snippet

BADGES = {Access.PUBLIC: "", Access.MEMBER: "Members", Access.PREMIUM: "Premium"}
VERBS = {
    ResourceKind.PODCAST_EPISODE: "listen",
    ResourceKind.VIDEO: "watch",
    ResourceKind.WEBINAR_RECORDING: "watch",
}


def time_label(resource: Resource) -> str:
    """ "12 min read", "35 min listen"; "" without a time."""
    if not resource.minutes:
        return ""
    return f"{resource.minutes} min {VERBS.get(resource.kind, 'read')}"


def resource_url(resource: Resource) -> str:
    return reverse("library:resource", args=[resource.slug])


@dataclass(frozen=True)
class ResultRow:
    resource: Resource
    url: str
    kind: str
    badge: str  # "", "Members", "Premium"
    may_open: bool
    time: str
    snippet: SafeString


def result_rows(resources, words: tuple[str, ...], tiers: frozenset[str]) -> list[ResultRow]:
    """The page's resources with their badge, whether the reader may open them and the
    highlighted passage (no query: every resource here is published)."""
    rows = []
    for resource in resources:
        may_open = resource.access in tiers
        rows.append(
            ResultRow(
                resource=resource,
                url=resource_url(resource),
                kind=resource.get_kind_display(),
                badge=BADGES.get(resource.access, ""),
                may_open=may_open,
                time=time_label(resource),
                snippet=snippet(resource.summary, resource.body_html, words, may_open=may_open),
            )
        )
    return rows


# --- one resource ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourcePage:
    resource: Resource
    may_open: bool  # False: the teaser of a published member or premium resource
    files: list[ResourceFile]
    topics: list[Topic]
    platforms: list[Platform]
    audiences: list[Audience]


def resource_page(user, slug: str) -> ResourcePage:
    """The resource `user` may open, or the teaser of a published one they may not (its
    title, summary and taxonomy: the library's pitch). A draft, submitted, rejected or
    withdrawn resource is NotFound except for staff and its contributors, like a missing one.
    Five queries (the resource, its current files, topics, platforms, audiences), besides
    the reader's tiers."""
    resource = (
        Resource.objects.select_related("contributed_by_organization")
        .prefetch_related(
            Prefetch(
                "files",
                queryset=ResourceFile.objects.filter(version__isnull=True),
                to_attr="current_files",
            ),
            Prefetch("topics", queryset=Topic.objects.order_by("position", "name")),
            Prefetch("platforms", queryset=Platform.objects.order_by("position", "name")),
            Prefetch("audiences", queryset=Audience.objects.order_by("position", "name")),
        )
        .filter(slug=slug)
        .first()
        if isinstance(slug, str) and len(slug) <= 120
        else None
    )
    if resource is None:
        raise NotFound("No such resource.")
    may_open = allowed(user, "library.read_resource", resource)
    if not may_open and resource.status != ResourceStatus.PUBLISHED:
        raise NotFound("No such resource.")
    return ResourcePage(
        resource=resource,
        may_open=may_open,
        files=list(resource.current_files) if may_open else [],
        topics=list(resource.topics.all()),
        platforms=list(resource.platforms.all()),
        audiences=list(resource.audiences.all()),
    )


# --- most used, new since the last visit -------------------------------------------------------


@dataclass(frozen=True)
class ListedResource:
    title: str
    url: str
    kind: str
    badge: str
    uses: int = 0
    published_on: date | None = None


def most_used_this_month(*, today: date | None = None, limit: int = 5) -> list[ListedResource]:
    """Published resources with the most views and downloads since the first of the current
    calendar month (the center's calendar), most first (one query)."""
    today = today or center_today()
    rows = (
        DailyUse.objects.filter(
            day__gte=today.replace(day=1),
            day__lte=today,
            resource__status=ResourceStatus.PUBLISHED,
        )
        .values(
            "resource_id", "resource__slug", "resource__title", "resource__kind", "resource__access"
        )
        .annotate(uses=Sum("count"))
        .order_by("-uses", "resource__title", "resource_id")[:limit]
    )
    kinds = dict(ResourceKind.choices)
    return [
        ListedResource(
            title=row["resource__title"],
            url=reverse("library:resource", args=[row["resource__slug"]]),
            kind=kinds.get(row["resource__kind"], ""),
            badge=BADGES.get(row["resource__access"], ""),
            uses=row["uses"],
        )
        for row in rows
    ]


def published_since(since: datetime, *, limit: int = 6) -> list[ListedResource]:
    """Published resources dated after `since` (or on its day and published after it), newest
    first (one query)."""
    day = timezone.localtime(since, timezone.get_default_timezone()).date()
    resources = (
        Resource.objects.filter(status=ResourceStatus.PUBLISHED)
        .filter(Q(published_on__gt=day) | Q(published_on=day, updated_at__gt=since))
        .only("slug", "title", "kind", "access", "published_on")
        .order_by("-published_on", "-id")[:limit]
    )
    return [_listed(resource) for resource in resources]


def newest(*, limit: int = 5) -> list[ListedResource]:
    resources = (
        Resource.objects.filter(status=ResourceStatus.PUBLISHED)
        .only("slug", "title", "kind", "access", "published_on")
        .order_by("-published_on", "-id")[:limit]
    )
    return [_listed(resource) for resource in resources]


def _listed(resource: Resource) -> ListedResource:
    return ListedResource(
        title=resource.title,
        url=resource_url(resource),
        kind=resource.get_kind_display(),
        badge=BADGES.get(resource.access, ""),
        published_on=resource.published_on,
    )


# --- the reader's own history ------------------------------------------------------------------


def reading_history(user) -> QuerySet[ReaderHistory]:
    """What `user` opened, the most recent first, with each resource (one query a page)."""
    return (
        ReaderHistory.objects.filter(user=user)
        .select_related("resource")
        .defer("resource__body", "resource__body_html", "resource__search_text")
        .order_by("-last_opened_at", "-id")
    )


def tiers_of(user) -> frozenset[str]:
    return resource_tiers_of(user)
