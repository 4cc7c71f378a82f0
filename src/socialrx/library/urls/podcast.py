"""The podcast's show page and RSS feed, and staff's episode page of a podcast resource."""

from django.urls import path

from ..views import podcast

urlpatterns = [
    path("podcast/", podcast.podcast, name="podcast"),
    path("podcast/feed.xml", podcast.podcast_feed, name="podcast_feed"),
    path(
        "staff/library/resources/<uuid:resource_id>/episode/",
        podcast.staff_episode,
        name="staff_episode",
    ),
]
