"""The library's scale data (`socialrx seed-scale`) at size S: resources of every kind with
their taxonomy links, versions, podcast episodes and daily uses, and news, consistent as the
services would leave them, marked as generated, refused next to real data and replaced by the
same rows."""

from collections import Counter
from io import StringIO

import feedparser
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, Sum
from django.urls import resolve

from socialrx.library import bench
from socialrx.library.models import (
    DailyUse,
    NewsPost,
    PodcastEpisode,
    Resource,
    ResourceFile,
    ResourceVersion,
)
from tests.library.factories import make_resource

# Seeding at size S, app by app: data-heavy, so CI runs it on the PostgreSQL pass only
# (tests/core/test_seed_scale.py covers the loader's SQLite paths on both).
pytestmark = [pytest.mark.integration, pytest.mark.slow]


def seed_scale(**options) -> str:
    out = StringIO()
    call_command("seed_scale", stdout=out, **options)
    return out.getvalue()


def test_size_s_writes_resources_as_the_services_would(db, client):
    printed = seed_scale(size="S")

    assert Resource.objects.count() == 600
    # Of resources 11 to 600 (1 to 10 are the podcast's), every twentieth is a draft (30) and
    # the one after it a contribution waiting for review (29).
    assert Counter(Resource.objects.values_list("status", flat=True)) == {
        "published": 541,
        "draft": 30,
        "submitted": 29,
    }
    # Kinds in turn by number: 590 resources over six kinds, two kinds once more.
    assert Counter(Resource.objects.values_list("kind", flat=True)) == {
        "guide": 99,
        "policy_template": 98,
        "checklist": 98,
        "video": 98,
        "webinar_recording": 98,
        "slide_deck": 99,
        "podcast_episode": 10,
    }
    assert "library        600 resources, " in printed
    everything_is_marked_as_generated()
    links_uses_and_versions_are_whole()
    the_podcast_feed_lists_the_ten_episodes(client)
    the_search_finds_them(client)
    the_bench_pages_are_found_in_the_data()


def everything_is_marked_as_generated() -> None:
    assert not Resource.objects.exclude(slug__startswith="scale-").exists()
    assert not Resource.objects.filter(is_generated=False).exists()
    assert not NewsPost.objects.exclude(slug__startswith="scale-").exists()
    assert NewsPost.objects.filter(is_generated=True, published_at__isnull=False).count() == 10
    assert not Resource.objects.exclude(body__contains="Generated for the benchmarks").exists()


def links_uses_and_versions_are_whole() -> None:
    resources = Resource.objects.annotate(
        topic_count=Count("topics", distinct=True),
        platform_count=Count("platforms", distinct=True),
        audience_count=Count("audiences", distinct=True),
    )
    for resource in resources:
        assert 1 <= resource.topic_count <= 3 and 1 <= resource.audience_count <= 2
        assert 1 <= resource.platform_count <= 4
        assert resource.title in resource.search_text
        published = resource.status == "published"
        assert (resource.published_on is not None) == published
        used = DailyUse.objects.filter(resource=resource).aggregate(total=Sum("count"))
        assert resource.use_count == (used["total"] or 0)
        assert (resource.use_count > 0) == published
        versioned = published and resource.kind in ("policy_template", "checklist")
        assert resource.versions.count() == resource.current_version == int(versioned)
    contributed = Resource.objects.filter(contributed_by_organization__isnull=False)
    assert not contributed.exclude(
        contributed_by_organization__website__endswith=".scale.socialrx.example/"
    ).exists()
    assert contributed.filter(status="submitted").count() == 29
    # One version of each published template and checklist: 98 + 98, less the 10 checklists
    # among the drafts (numbers 20k, k = 1, 4, … 28) and the 9 templates among the waiting
    # contributions (numbers 20k + 1, k = 3, 6, … 27).
    assert ResourceVersion.objects.count() == 177


def the_podcast_feed_lists_the_ten_episodes(client) -> None:
    episodes = PodcastEpisode.objects.select_related("audio", "resource")
    assert episodes.count() == 10
    assert ResourceFile.objects.count() == 10
    for episode in episodes:
        assert episode.audio.resource == episode.resource
        assert episode.audio.file.size == episode.audio.size_bytes  # the one stored chime
    parsed = feedparser.parse(client.get("/podcast/feed.xml", secure=True).content)
    assert parsed.bozo == 0 and len(parsed.entries) == 10


def the_search_finds_them(client) -> None:
    """On PostgreSQL the trigger filled every search vector as the rows were copied in."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM library_resource WHERE search_vector IS NULL")
            assert cursor.fetchone() == (0,)
    response = client.get(bench.SEARCH, secure=True)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert response.context["page"].paginator.count > 100
    assert all("policy" in row.resource.search_text.lower() for row in rows), rows


def the_bench_pages_are_found_in_the_data() -> None:
    pages = {page.name: page.url() for page in bench.PAGES}

    assert all(pages.values()), pages
    assert {name: resolve(url.split("?")[0]).url_name for name, url in pages.items()} == {
        "Library home": "home",
        "Library search (q=social media policy)": "home",
        "Resource page (signed-in member)": "resource",
        "Podcast feed": "podcast_feed",
        "News": "news",
    }


def test_a_real_resource_refuses_the_load_and_replace_loads_the_same_rows(db):
    seed_scale(size="S")

    def rows():
        return {
            "resources": list(
                Resource.objects.order_by("pk").values_list("public_id", "slug", "use_count")
            ),
            "uses": list(DailyUse.objects.order_by("pk").values_list("day", "count")),
        }

    first = rows()
    real = make_resource(title="A real guide")
    with pytest.raises(CommandError, match="library: 1 resources"):
        seed_scale(size="S", replace=True)
    assert Resource.objects.count() == 601  # nothing was cleared

    real.delete()
    seed_scale(size="S", replace=True)
    assert rows() == first
