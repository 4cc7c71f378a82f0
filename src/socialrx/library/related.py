"""What the library offers other apps' pages through core.related (declared on the AppConfig):
resources sharing topics and platforms with a course, an event or another resource; the
resources published in a period (the monthly digest); organizations' published case studies.

Related items and case studies are only those the person may open (visitors: public ones), as
core.related asks; the digest, sent to members, lists every new resource (a premium one opens
to a teaser for members whose plan leaves premium out). One query each, besides the reader's
tiers (cached per request)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from socialrx.core.related import DigestSection, RelatedItem, RelatedProvider
from socialrx.membership.selectors import resource_tiers_of

from .models import Resource, ResourceKind, ResourceStatus

SOURCE = "library"
TopicLink = Resource.topics.through
PlatformLink = Resource.platforms.through


def _item(resource: Resource, score: int = 0) -> RelatedItem:
    return RelatedItem(
        kind=resource.get_kind_display(),
        title=resource.title,
        url=reverse("library:resource", args=[resource.slug]),
        summary=resource.summary,
        when=resource.published_on,
        score=score,
        source=SOURCE,
    )


def _shared(link, column: str, ids: frozenset[int]) -> Coalesce:
    counted = (
        link.objects.filter(resource_id=OuterRef("pk"), **{f"{column}__in": ids})
        .values("resource_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _readable(user):
    return Resource.objects.filter(
        status=ResourceStatus.PUBLISHED, access__in=resource_tiers_of(user)
    ).only("slug", "title", "kind", "summary", "published_on", "access")


def by_taxonomy(user, *, topic_ids=frozenset(), platform_ids=frozenset(), limit=6):
    topic_ids, platform_ids = frozenset(topic_ids), frozenset(platform_ids)
    if not topic_ids and not platform_ids:
        return []
    resources = (
        _readable(user)
        .filter(
            Q(pk__in=TopicLink.objects.filter(topic_id__in=topic_ids).values("resource_id"))
            | Q(
                pk__in=PlatformLink.objects.filter(platform_id__in=platform_ids).values(
                    "resource_id"
                )
            )
        )
        .annotate(
            score=_shared(TopicLink, "topic_id", topic_ids)
            + _shared(PlatformLink, "platform_id", platform_ids)
        )
        .order_by("-score", "-published_on", "title", "pk")[:limit]
    )
    return [_item(resource, resource.score) for resource in resources]


def new_between(since: datetime, until: datetime, limit: int = 8) -> list[DigestSection]:
    """Resources published from `since`'s day up to the day before `until`'s (center days)."""
    zone = timezone.get_default_timezone()
    first = timezone.localtime(since, zone).date()
    end = timezone.localtime(until, zone).date()
    resources = (
        Resource.objects.filter(
            status=ResourceStatus.PUBLISHED, published_on__gte=first, published_on__lt=end
        )
        .only("slug", "title", "kind", "summary", "published_on", "access")
        .order_by("-published_on", "-id")[:limit]
    )
    items = tuple(_item(resource) for resource in resources)
    return [DigestSection("New in the library", items, order=10)] if items else []


def for_organizations(user, organization_ids) -> dict[int, list[RelatedItem]]:
    """Each organization's published case studies the person may open, newest first."""
    ids = list(organization_ids)
    if not ids:
        return {}
    found: dict[int, list[RelatedItem]] = {}
    resources = (
        _readable(user)
        .filter(kind=ResourceKind.CASE_STUDY, case_study__organization_id__in=ids)
        .annotate(case_organization_id=F("case_study__organization_id"))
        .order_by("-published_on", "-id")
    )
    for resource in resources:
        found.setdefault(resource.case_organization_id, []).append(_item(resource))
    return found


PROVIDER = RelatedProvider(
    by_taxonomy=by_taxonomy, new_between=new_between, for_organizations=for_organizations
)
