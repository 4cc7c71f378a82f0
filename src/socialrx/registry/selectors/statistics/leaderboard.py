"""The most-followed listed accounts on a platform."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import OuterRef, Subquery

from ...models import Account, Snapshot


def leaderboard(
    *, platform: str, kind: str = "", state: str = "", limit: int = 25, today: date | None = None
):
    """The most-followed listed accounts on a platform, with their count a year earlier: one
    query, read from the (platform, followers) index from the top down."""
    today = today or date.today()
    year_ago = (
        Snapshot.objects.filter(account=OuterRef("pk"), taken_on__lte=today - timedelta(days=365))
        .order_by("-taken_on")
        .values("followers")[:1]
    )
    accounts = Account.objects.filter(
        platform=platform, removed_on__isnull=True, followers__isnull=False
    )
    if kind:
        accounts = accounts.filter(entity__kind=kind)
    if state:
        accounts = accounts.filter(entity__state=state)
    return list(
        accounts.select_related("entity")
        .annotate(followers_year_ago=Subquery(year_ago))
        .order_by("-followers", "entity__name")[:limit]
    )
