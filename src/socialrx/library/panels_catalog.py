"""The dashboard's "New in the library" panel (declared in menus.py) for people who read
member resources: the newest published resources, those since the person last opened the
library marked "New". Two queries whatever the library's size, besides the reader's tiers."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from socialrx.membership.selectors import may_read_member_content

from .models import LibraryVisit
from .selectors import catalog

SHOWN = 5


def new_in_library(request) -> dict | None:
    """None (the panel stays out) for visitors, people of no member organization, and while
    the library has no published resource."""
    user = request.user
    if not getattr(user, "is_authenticated", False) or not may_read_member_content(user):
        return None
    items = catalog.newest(limit=SHOWN)
    if not items:
        return None
    last_seen = (
        LibraryVisit.objects.filter(user=user).values_list("last_seen_at", flat=True).first()
    )
    seen_day = (
        timezone.localtime(last_seen, timezone.get_default_timezone()).date() if last_seen else None
    )
    return {
        "items": [
            (
                item,
                seen_day is not None
                and item.published_on is not None
                and item.published_on > seen_day,
            )
            for item in items
        ],
        "library_url": reverse("library:home"),
    }
