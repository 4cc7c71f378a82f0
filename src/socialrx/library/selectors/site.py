"""Reads of the site's own pages and the contact form's messages."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet

from socialrx.core.errors import NotFound

from ..models import ContactMessage, SitePage, SitePageKey
from ..site_pages import starting_text

# The page cache's version of the site pages (core.pagecache): moved when staff save a page.
VERSION_KEY = "library:site-pages:version"


def site_page(key: str) -> SitePage:
    """The page `key` (one query); a page not in the database shows its starting text."""
    if key not in SitePageKey.values:
        raise NotFound("There is no such page.")
    page = SitePage.objects.filter(key=key).first()
    if page is None:
        title, body, body_html = starting_text(key)
        page = SitePage(key=key, title=title, body=body, body_html=body_html)
    return page


def pages_version(request=None, *args, **kwargs) -> str:
    """The version the cached copies of the site pages are kept under (no query)."""
    return str(cache.get_or_set(VERSION_KEY, 1, None))


OPEN, HANDLED, ALL = "open", "handled", "all"
MESSAGE_FILTERS = ((OPEN, "Waiting"), (HANDLED, "Handled"), (ALL, "All"))


def contact_messages(state: str = OPEN) -> QuerySet[ContactMessage]:
    """Contact messages for staff, newest first: waiting for an answer, handled, or all."""
    messages = ContactMessage.objects.select_related("handled_by", "sender").order_by(
        "-created_at", "-id"
    )
    if state == OPEN:
        return messages.filter(handled_at__isnull=True)
    if state == HANDLED:
        return messages.filter(handled_at__isnull=False)
    return messages


def waiting_count() -> int:
    return ContactMessage.objects.filter(handled_at__isnull=True).count()
