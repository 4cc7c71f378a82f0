"""Absolute addresses for what is read away from the site: the podcast feed (podcast apps
fetch its enclosures and artwork), the monthly digest and staff's contact emails. Every such
link the podcast, news, digest and site pages send out is built here, on `settings.SITE_URL`."""

from __future__ import annotations

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from .selectors.files import file_url


def absolute(path_or_url: str) -> str:
    """`path_or_url` ("/news/…") on the site's public address; an absolute URL unchanged."""
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return settings.SITE_URL.rstrip("/") + "/" + path_or_url.lstrip("/")


def absolute_page(route: str, *args) -> str:
    return absolute(reverse(route, args=args))


def artwork_url() -> str:
    """The podcast's artwork (1400 × 1400 PNG), absolute: podcast directories fetch it."""
    return absolute(static("library/podcast-artwork.png"))


def resource_path(resource) -> str:
    return reverse("library:resource", args=[resource.slug])


def file_path(resource_file) -> str:
    """Where a file is fetched (the download view checks who may have it)."""
    return file_url(resource_file)
