"""The library's reading pages: the catalogue and search, one resource, the reader's history."""

from django.urls import path

from socialrx.core.pagecache import visitor_page_cache

from ..freshness import catalogue_version
from ..views import catalog

urlpatterns = [
    # Visitors' copies (each query string its own) come from the page cache (freshness.py).
    path("library/", visitor_page_cache(catalog.home, version=catalogue_version), name="home"),
    path("library/r/<slug:slug>/", catalog.resource, name="resource"),
    path("library/history/", catalog.history, name="history"),
]
