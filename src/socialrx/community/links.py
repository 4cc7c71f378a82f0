"""Where a forum thread or post is, as a path on the site and as an absolute address for
emails (`settings.SITE_URL`). The forum's own pages are named by the forums area; when a name
is missing (an area not installed) the community's home is the fallback."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse

FALLBACK = "/community/"


def absolute(path: str) -> str:
    """`path` ("/community/…") on the site's public address."""
    return settings.SITE_URL.rstrip("/") + path


def _first(routes) -> str:
    for name, args in routes:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return FALLBACK


def thread_path(thread) -> str:
    return _first([("community:thread", [thread.public_id])])


def post_path(post) -> str:
    """The post in its thread: its permalink when the forums area has one (it opens the right
    page), else the thread's page with the post's anchor."""
    path = _first([("community:post", [post.pk])])
    if path != FALLBACK:
        return path
    return f"{thread_path(post.thread)}#post-{post.number}"


def page(route: str, *args) -> str:
    """The absolute address of one of the community's own pages."""
    return absolute(reverse(route, args=args))
