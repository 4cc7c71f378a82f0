"""What events offers other apps' pages through core.related (declared on the AppConfig):
conferences and webinars sharing topics and platforms with a course or a resource, and for
the monthly digest the events still open for registration when it leaves.

Only events anyone may read and still attend: published (neither drafts nor cancelled ones)
and not over. One query each, whatever the data."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, F, IntegerField, Q, QuerySet, Value
from django.urls import reverse
from django.utils import timezone

from socialrx.core.related import DigestSection, RelatedItem, RelatedProvider

from .models import Event, EventStatus

SOURCE = "events"


def _not_over(now: datetime) -> QuerySet[Event]:
    return Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gt=now).only(
        "slug", "title", "kind", "summary", "starts_at"
    )


def _item(event: Event, score: int = 0) -> RelatedItem:
    return RelatedItem(
        kind=event.get_kind_display(),
        title=event.title,
        url=reverse("events:event", args=[event.slug]),
        summary=event.summary,
        when=event.starts_at,
        score=score,
        source=SOURCE,
    )


def _shared(relation: str, ids: frozenset[int]):
    if not ids:
        return Value(0, output_field=IntegerField())
    # Distinct: the topics' and the platforms' joins multiply each other's rows.
    return Count(relation, filter=Q(**{f"{relation}__in": ids}), distinct=True)


def by_taxonomy(user, *, topic_ids=frozenset(), platform_ids=frozenset(), limit=6):
    """Events not over yet sharing the most topics and platforms, best first, then soonest."""
    topic_ids, platform_ids = frozenset(topic_ids), frozenset(platform_ids)
    if not (topic_ids or platform_ids) or limit <= 0:
        return []
    events = (
        _not_over(timezone.now())
        .annotate(
            shared_topics=_shared("topics", topic_ids),
            shared_platforms=_shared("platforms", platform_ids),
        )
        .annotate(score=F("shared_topics") + F("shared_platforms"))
        .filter(score__gt=0)
        .order_by("-score", "starts_at", "title", "pk")[:limit]
    )
    return [_item(event, event.score) for event in events]


def new_between(since: datetime, until: datetime, limit: int = 8) -> list[DigestSection]:
    """The events a member can still register for when the digest leaves (`until`): starting
    after it, registration open or opening, soonest first. An event has no publication date,
    so the digest announces what is coming rather than what was added in the period."""
    events = (
        _not_over(until)
        .filter(starts_at__gte=until, registration_closes_at__gt=until)
        .order_by("starts_at", "title", "pk")[:limit]
    )
    items = tuple(_item(event) for event in events)
    return [DigestSection("Upcoming events", items, order=40)] if items else []


PROVIDER = RelatedProvider(by_taxonomy=by_taxonomy, new_between=new_between)
