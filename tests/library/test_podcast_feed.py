"""The podcast's RSS feed: every tag podcast apps require, written out by hand and read back
with lxml, and the whole feed parsed cleanly by feedparser; only published, public episodes
with audio, newest first; served as RSS, cacheable (ETag, Last-Modified, 304), with the same
number of queries for 1 and 3 episodes."""

from __future__ import annotations

from datetime import date

import feedparser
import pytest
from lxml import etree

from socialrx.library.feeds import duration_text
from socialrx.library.services.podcast import save_episode
from tests.library.podcast_support import make_episode

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

FEED = "/podcast/feed.xml"
SITE = "https://socialrx.example.org"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


@pytest.fixture(autouse=True)
def channel(settings):
    settings.SITE_URL = SITE
    settings.LIBRARY_PODCAST_TITLE = "SocialRx Rounds"
    settings.LIBRARY_PODCAST_DESCRIPTION = "Social media in health care, effectively and safely."
    settings.LIBRARY_PODCAST_AUTHOR = "SocialRx Center for Social Media in Health Care"
    settings.LIBRARY_PODCAST_OWNER_NAME = "SocialRx podcast team"
    settings.LIBRARY_PODCAST_OWNER_EMAIL = "podcast@socialrx.example.org"
    settings.LIBRARY_PODCAST_CATEGORY = ("Health & Fitness", "Medicine")
    settings.LIBRARY_PODCAST_EXPLICIT = False


@pytest.fixture
def episodes():
    """Two listed episodes and three that must stay out of the feed."""
    third = make_episode(
        title="Rounds 3: measuring what matters",
        season=1,
        number=3,
        published_on=date(2026, 11, 4),
        seconds=754,
        explicit=True,
    )
    second = make_episode(
        title="Rounds 2: answering patients",
        season=1,
        number=2,
        published_on=date(2026, 10, 7),
        seconds=3725,
    )
    make_episode(title="Members only episode", number=4, access="member")
    make_episode(title="Draft episode", number=5, status="draft")
    make_episode(title="Episode without audio", number=6, audio=False)
    return third, second


def _xml(client):
    response = client.get(FEED)
    assert response.status_code == 200
    return response, etree.fromstring(response.content)


def test_the_channel_has_every_tag_podcast_apps_require(client, episodes):
    response, root = _xml(client)
    channel = root.find("channel")

    assert root.tag == "rss" and root.get("version") == "2.0"
    assert channel.findtext("title") == "SocialRx Rounds"
    assert channel.findtext("link") == "https://socialrx.example.org/podcast/"
    assert channel.findtext("description") == "Social media in health care, effectively and safely."
    assert channel.findtext("language") == "en-us"
    assert channel.find("{http://www.w3.org/2005/Atom}link").get("href") == (
        "https://socialrx.example.org/podcast/feed.xml"
    )
    assert channel.findtext(f"{ITUNES}author") == "SocialRx Center for Social Media in Health Care"
    owner = channel.find(f"{ITUNES}owner")
    assert owner.findtext(f"{ITUNES}name") == "SocialRx podcast team"
    assert owner.findtext(f"{ITUNES}email") == "podcast@socialrx.example.org"
    assert channel.find(f"{ITUNES}image").get("href") == (
        "https://socialrx.example.org/static/library/podcast-artwork.png"
    )
    category = channel.find(f"{ITUNES}category")
    assert category.get("text") == "Health & Fitness"
    assert category.find(f"{ITUNES}category").get("text") == "Medicine"
    assert channel.findtext(f"{ITUNES}explicit") == "no"
    assert channel.findtext(f"{ITUNES}type") == "episodic"
    assert channel.find("image").findtext("url") == (
        "https://socialrx.example.org/static/library/podcast-artwork.png"
    )


def test_each_episode_has_guid_date_notes_enclosure_and_itunes_tags(client, episodes):
    third, second = episodes
    response, root = _xml(client)
    items = root.find("channel").findall("item")

    assert [item.findtext("title") for item in items] == [
        "Rounds 3: measuring what matters",
        "Rounds 2: answering patients",
    ]
    item = items[0]
    guid = item.find("guid")
    assert guid.text == f"socialrx-podcast-s1e3-{third.resource.public_id}"
    assert guid.get("isPermaLink") == "false"
    assert item.findtext("link") == (
        f"https://socialrx.example.org/library/r/{third.resource.slug}/"
    )
    assert item.findtext("pubDate") == "Wed, 04 Nov 2026 12:00:00 +0000"
    assert item.findtext("description") == (
        "<h2>Show notes</h2>\n<ul>\n<li>The three objections</li>\n"
        "<li>A CMO on her board</li>\n</ul>\n"
    )
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == (
        f"https://socialrx.example.org/library/files/{third.audio.public_id}/s1e3.mp3"
    )
    assert enclosure.get("length") == "410"
    assert enclosure.get("type") == "audio/mpeg"
    assert item.findtext(f"{ITUNES}duration") == "12:34"
    assert item.findtext(f"{ITUNES}season") == "1"
    assert item.findtext(f"{ITUNES}episode") == "3"
    assert item.findtext(f"{ITUNES}episodeType") == "full"
    assert item.findtext(f"{ITUNES}explicit") == "yes"
    assert items[1].findtext(f"{ITUNES}duration") == "1:02:05"
    assert items[1].findtext(f"{ITUNES}explicit") == "no"
    assert items[1].findtext("pubDate") == "Wed, 07 Oct 2026 12:00:00 +0000"


def test_show_notes_are_cdata(client, episodes):
    response = client.get(FEED)

    assert b"<description><![CDATA[<h2>Show notes</h2>" in response.content


def test_feedparser_reads_the_feed_cleanly(client, episodes):
    third, _ = episodes
    parsed = feedparser.parse(client.get(FEED).content)

    assert parsed.bozo == 0
    assert parsed.version == "rss20"
    assert parsed.feed.title == "SocialRx Rounds"
    assert parsed.feed.language == "en-us"
    assert (
        parsed.feed.image.href == "https://socialrx.example.org/static/library/podcast-artwork.png"
    )
    assert parsed.feed.itunes_explicit is None  # feedparser: "yes" is True, "no" is None
    assert [entry.title for entry in parsed.entries] == [
        "Rounds 3: measuring what matters",
        "Rounds 2: answering patients",
    ]
    entry = parsed.entries[0]
    assert entry.id == f"socialrx-podcast-s1e3-{third.resource.public_id}"
    assert entry.enclosures[0].href == (
        f"https://socialrx.example.org/library/files/{third.audio.public_id}/s1e3.mp3"
    )
    assert entry.enclosures[0].length == "410"
    assert entry.enclosures[0].type == "audio/mpeg"
    assert entry.itunes_duration == "12:34"
    assert entry.itunes_season == "1"
    assert entry.itunes_episode == "3"
    assert entry.itunes_episodetype == "full"
    assert entry.itunes_explicit is True


def test_an_empty_feed_is_still_valid(client):
    parsed = feedparser.parse(client.get(FEED).content)

    assert parsed.bozo == 0
    assert parsed.feed.title == "SocialRx Rounds"
    assert parsed.entries == []


def test_served_as_rss_and_cacheable(client, episodes):
    response = client.get(FEED)

    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=900"
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
    assert response["Last-Modified"].endswith(" GMT")
    again = client.get(FEED, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(FEED, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_the_etag_changes_when_an_episode_changes(client, episodes, staff):
    third, _ = episodes
    before = client.get(FEED)["ETag"]

    save_episode(
        actor=staff,
        resource=third.resource,
        season=2,
        number=1,
        explicit=False,
        audio_id=third.audio_id,
    )

    after = client.get(FEED, HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200
    assert after["ETag"] != before
    assert b"<itunes:season>2</itunes:season>" in after.content


def test_the_etag_changes_with_the_channel_settings(client, episodes, settings):
    before = client.get(FEED)["ETag"]
    settings.LIBRARY_PODCAST_TITLE = "SocialRx Rounds, season two"

    assert client.get(FEED, HTTP_IF_NONE_MATCH=before).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_queries_do_not_grow_with_episodes(client, django_assert_num_queries, count):
    for number in range(1, count + 1):
        make_episode(title=f"Episode {number}", number=number)

    # The fingerprint (ETag and Last-Modified) and the episodes with their audio.
    with django_assert_num_queries(2):
        assert client.get(FEED).status_code == 200


@pytest.mark.parametrize(
    ("seconds", "text"), [(None, ""), (0, ""), (59, "0:59"), (754, "12:34"), (3725, "1:02:05")]
)
def test_duration_text(seconds, text):
    assert duration_text(seconds) == text
