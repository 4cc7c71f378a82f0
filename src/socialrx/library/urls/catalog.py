"""The library's reading pages: the catalogue and search, one resource, the reader's history."""

from django.urls import path

from ..views import catalog

urlpatterns = [
    path("library/", catalog.home, name="home"),
    path("library/r/<slug:slug>/", catalog.resource, name="resource"),
    path("library/history/", catalog.history, name="history"),
]
