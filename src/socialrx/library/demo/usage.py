"""How the demo library was used: daily views and downloads of every published resource over
the last 60 days (a fixed random stream, so every demo shows the same counts for the same
day; public resources read more, a few favourites much more), each resource's running total,
and James Okafor's own reading history and last visit (so the library shows him "new since
your last visit" and his history page has rows).

Made only for resources without any daily row, and for a reader without history: a second
run makes nothing."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db.models import Sum
from django.utils import timezone

from socialrx.core.calendar import center_today

from ..models import Access, DailyUse, LibraryVisit, ReaderHistory, Resource, UseKind

DAYS = 60
FAVOURITES = {
    "social-media-policy-template",
    "before-you-post-checklist",
    "answering-negative-reviews",
    "podcast-why-hospitals-hesitate",
}
# (slug, days ago last opened, downloads) of the demo member's own history.
HISTORY = (
    ("social-media-policy-template", 9, 2),
    ("physician-professional-accounts", 9, 0),
    ("before-you-post-checklist", 12, 1),
    ("podcast-why-hospitals-hesitate", 23, 0),
    ("answering-negative-reviews", 23, 0),
    ("riverside-nurse-recruitment", 30, 0),
)
# The demo member's previous visit to the library, and the one before it.
LAST_VISIT_DAYS_AGO, VISIT_BEFORE_DAYS_AGO = 9, 23


def seed_daily_uses(resources: list[Resource]) -> int:
    """Daily rows of the resources that have none yet; returns how many were written."""
    published = [r for r in resources if r.published_on is not None]
    counted = set(
        DailyUse.objects.filter(resource__in=published).values_list("resource_id", flat=True)
    )
    today = center_today()
    with_files = set(
        Resource.objects.filter(pk__in=[r.pk for r in published], files__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
    )
    rows = []
    for resource in published:
        if resource.pk in counted:
            continue
        rng = random.Random(f"socialrx-demo-library:{resource.slug}")
        level = rng.uniform(0.4, 2.5) * (2 if resource.access == Access.PUBLIC else 1)
        level *= 4 if resource.slug in FAVOURITES else 1
        first = max(resource.published_on, today - timedelta(days=DAYS - 1))
        for offset in range((today - first).days + 1):
            day = first + timedelta(days=offset)
            weekday = 0.5 if day.weekday() >= 5 else 1.0
            views = max(0, round(rng.gauss(level * weekday, level / 2)))
            views = max(views, 1) if day == first else views  # every resource counted once
            if views:
                rows.append(DailyUse(resource=resource, day=day, kind=UseKind.VIEW, count=views))
            downloads = rng.randint(0, views // 2) if resource.pk in with_files else 0
            if downloads:
                rows.append(
                    DailyUse(resource=resource, day=day, kind=UseKind.DOWNLOAD, count=downloads)
                )
    DailyUse.objects.bulk_create(rows)
    totals = (
        DailyUse.objects.filter(resource__in=[r for r in published if r.pk not in counted])
        .values("resource_id")
        .annotate(total=Sum("count"))
    )
    for row in totals:
        Resource.objects.filter(pk=row["resource_id"]).update(use_count=row["total"])
    return len(rows)


def seed_reader_history(member) -> None:
    """The member's own history and last visits, once."""
    if ReaderHistory.objects.filter(user=member).exists():
        return
    by_slug = Resource.objects.in_bulk([slug for slug, _, _ in HISTORY], field_name="slug")
    for slug, days_ago, downloads in HISTORY:
        resource = by_slug.get(slug)
        if resource is None:
            continue
        opened = _at(days_ago)
        history = ReaderHistory.objects.create(
            user=member, resource=resource, last_opened_at=opened, downloads=downloads
        )
        first = _at(days_ago + 7 if days_ago < 20 else days_ago)
        ReaderHistory.objects.filter(pk=history.pk).update(first_opened_at=first)
    LibraryVisit.objects.get_or_create(
        user=member,
        defaults={
            "last_seen_at": _at(LAST_VISIT_DAYS_AGO),
            "previous_seen_at": _at(VISIT_BEFORE_DAYS_AGO),
        },
    )


def _at(days_ago: int) -> datetime:
    day = center_today() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


__all__ = ["seed_daily_uses", "seed_reader_history"]
