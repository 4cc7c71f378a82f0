"""The podcast's RSS feed, built with feedgen and its podcast (iTunes) extension: the channel
tags Apple Podcasts, Spotify and the other apps require (title, link, description, language,
author, owner, artwork, category, explicit) and, per episode, its GUID, date, show notes,
enclosure (absolute URL, length in bytes, type), duration, season, number, type and explicit
flag. Every address is absolute: podcast apps read the feed away from the site."""

from __future__ import annotations

from datetime import UTC, datetime, time

from django.conf import settings
from django.utils.html import escape
from feedgen.feed import FeedGenerator

from .site_links import absolute, absolute_page, artwork_url, file_path, resource_path

LANGUAGE = "en-us"


def duration_text(seconds: int | None) -> str:
    """ "H:MM:SS", or "M:SS" under an hour (what podcast apps show); "" when unknown."""
    if not seconds:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _published(episode) -> datetime:
    """The episode's date: its resource's publication day (noon UTC, so the day is the same
    in every American time zone), or when its audio was uploaded."""
    day = episode.resource.published_on
    if day is None:
        return episode.audio.created_at
    return datetime.combine(day, time(12), tzinfo=UTC)


def _channel(updated: datetime | None) -> FeedGenerator:
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.title(settings.LIBRARY_PODCAST_TITLE)
    # The channel's <link> is the last link given (feedgen): the feed's own address first.
    feed.link(href=absolute_page("library:podcast_feed"), rel="self")
    feed.link(href=absolute_page("library:podcast"), rel="alternate")
    feed.description(settings.LIBRARY_PODCAST_DESCRIPTION)
    feed.language(LANGUAGE)
    feed.image(
        url=artwork_url(),
        title=settings.LIBRARY_PODCAST_TITLE,
        link=absolute_page("library:podcast"),
    )
    if updated is not None:
        feed.lastBuildDate(updated)
    feed.generator("SocialRx (python-feedgen)", uri=absolute("/"))
    podcast = feed.podcast
    podcast.itunes_author(settings.LIBRARY_PODCAST_AUTHOR)
    podcast.itunes_owner(
        name=settings.LIBRARY_PODCAST_OWNER_NAME, email=settings.LIBRARY_PODCAST_OWNER_EMAIL
    )
    podcast.itunes_image(artwork_url())
    category, subcategory = settings.LIBRARY_PODCAST_CATEGORY
    podcast.itunes_category({"cat": category, "sub": subcategory})
    podcast.itunes_explicit("yes" if settings.LIBRARY_PODCAST_EXPLICIT else "no")
    podcast.itunes_summary(settings.LIBRARY_PODCAST_DESCRIPTION)
    podcast.itunes_type("episodic")
    return feed


def _add(feed: FeedGenerator, episode) -> None:
    resource, audio = episode.resource, episode.audio
    entry = feed.add_entry(order="append")
    entry.title(resource.title)
    entry.link(href=absolute(resource_path(resource)))
    entry.guid(episode.guid, permalink=False)
    entry.pubDate(_published(episode))
    # The show notes as HTML in CDATA (the <description> podcast apps show).
    entry.content(resource.body_html or f"<p>{escape(resource.summary)}</p>", type="CDATA")
    entry.enclosure(absolute(file_path(audio)), str(audio.size_bytes), audio.content_type)
    itunes = entry.podcast
    itunes.itunes_title(resource.title)
    itunes.itunes_summary(resource.summary)
    duration = duration_text(episode.duration_seconds or audio.duration_seconds)
    if duration:
        itunes.itunes_duration(duration)
    itunes.itunes_season(episode.season)
    itunes.itunes_episode(episode.number)
    itunes.itunes_episode_type("full")
    itunes.itunes_explicit("yes" if episode.explicit else "no")


def podcast_rss(episodes, *, updated: datetime | None) -> bytes:
    """The feed's XML (UTF-8) for `episodes` (newest first)."""
    feed = _channel(updated)
    for episode in episodes:
        _add(feed, episode)
    return feed.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
