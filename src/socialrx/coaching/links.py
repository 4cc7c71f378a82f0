"""Absolute addresses of the site's pages, for what is read away from the site: emails,
calendar files and feeds. Every link coaching sends out is built here, on `settings.SITE_URL`."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse


def absolute(path: str) -> str:
    """`path` ("/coaching/…") on the site's public address."""
    return settings.SITE_URL.rstrip("/") + path


def absolute_page(route: str, *args, fallback: str = "/") -> str:
    """The absolute address of `route`'s page; of `fallback` (a path) when the area serving
    the route is not installed."""
    try:
        path = reverse(route, args=args)
    except NoReverseMatch:
        path = fallback
    return absolute(path)
