"""Connects the catalogue's page-cache version (freshness.py) to every write that changes what
visitors see in the catalogue or the news: connected by the AppConfig's ready()."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .freshness import catalogue_changed
from .models import NewsPost, PodcastEpisode, Resource, ResourceFile

UID = "library.catalogue_changed"


def connect() -> None:
    for model in (Resource, ResourceFile, PodcastEpisode, NewsPost):
        post_save.connect(catalogue_changed, sender=model, dispatch_uid=f"{UID}.save.{model}")
        post_delete.connect(catalogue_changed, sender=model, dispatch_uid=f"{UID}.del.{model}")
    for links in (Resource.topics.through, Resource.platforms.through, Resource.audiences.through):
        m2m_changed.connect(catalogue_changed, sender=links, dispatch_uid=f"{UID}.m2m.{links}")
