"""The community's scale data (`socialrx seed-scale`) at size S: categories, threads and posts
between members, follows, notifications, open flags and the directory, consistent as the
services would leave them, marked as generated, refused next to real data and replaced by the
same rows."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Max
from django.urls import resolve
from django.utils import timezone

from socialrx.community import bench
from socialrx.community.models import (
    Category,
    DirectoryProfile,
    Flag,
    Follow,
    Notification,
    OrganizationEntry,
    Post,
    Thread,
)
from socialrx.community.selectors.directory import listed_people
from socialrx.membership.selectors import memberships_with_benefits
from socialrx.organizations.models import Seat
from tests.community.factories import make_category

# Seeding at size S, app by app: data-heavy, so CI runs it on the PostgreSQL pass only
# (tests/core/test_seed_scale.py covers the loader's SQLite paths on both).
pytestmark = [pytest.mark.integration, pytest.mark.slow]


def seed_scale(**options) -> str:
    out = StringIO()
    call_command("seed_scale", stdout=out, **options)
    return out.getvalue()


def test_size_s_writes_the_forums_as_the_services_would(db):
    printed = seed_scale(size="S")

    assert Category.objects.count() == 13
    assert Thread.objects.count() == 40
    assert Post.objects.count() == 800
    assert Flag.objects.filter(outcome="open").count() == 10
    assert "community      13 forum categories, 40 threads, 800 posts" in printed
    everything_is_marked_as_generated()
    posts_are_numbered_and_counted()
    people_are_members_and_hear_of_replies()
    the_bench_pages_are_found_in_the_data()


def everything_is_marked_as_generated() -> None:
    assert not Category.objects.exclude(slug__startswith="scale-").exists()
    assert not Thread.objects.filter(is_generated=False).exists()
    assert not Post.objects.exclude(body__contains="Generated for the benchmarks").exists()
    assert not DirectoryProfile.objects.exclude(
        user__email__endswith="@scale.socialrx.example"
    ).exists()


def posts_are_numbered_and_counted() -> None:
    now = timezone.now()
    threads = Thread.objects.annotate(written=Count("posts"), last=Max("posts__created_at"))
    for thread in threads:
        numbers = list(thread.posts.order_by("number").values_list("number", flat=True))
        assert numbers == list(range(1, thread.written + 1))
        assert (thread.post_count, thread.last_post_number) == (thread.written, thread.written)
        assert thread.last_post_at == thread.last < now
        if thread.accepted_post_id:
            answer = thread.accepted_post
            assert (thread.kind, answer.thread_id) == ("question", thread.pk)
            assert answer.number > 1
    for category in Category.objects.all():
        threads = Thread.objects.filter(category=category)
        assert category.thread_count == threads.count()
        assert category.post_count == Post.objects.filter(thread__category=category).count()
    # A few long threads: the longest runs to several pages.
    assert Thread.objects.order_by("-post_count").first().post_count > 60


def people_are_members_and_hear_of_replies() -> None:
    members = set(
        Seat.objects.filter(
            organization_id__in=memberships_with_benefits().values("organization_id")
        ).values_list("user_id", flat=True)
    )
    assert set(Post.objects.values_list("author_id", flat=True)) <= members
    for notification in Notification.objects.select_related("thread", "post"):
        assert notification.user_id == notification.thread.author_id != notification.actor_id
        assert notification.post.thread_id == notification.thread_id
    assert Follow.objects.filter(thread__isnull=False).count() == 40  # each author, once
    for flag in Flag.objects.select_related("post"):
        assert flag.flagged_by_id != flag.post.author_id and flag.flagged_by_id in members
    assert listed_people().count() == DirectoryProfile.objects.count() > 0
    assert OrganizationEntry.objects.filter(is_listed=True).exists()


def the_bench_pages_are_found_in_the_data() -> None:
    pages = {page.name: page.url() for page in bench.PAGES}

    assert {name: resolve(url).url_name for name, url in pages.items()} == {
        "Forums (signed-in member)": "home",
        "Forum category (signed-in member)": "category",
        "Forum thread (signed-in member)": "thread",
        "Member directory (signed-in member)": "directory",
    }
    longest = Thread.objects.order_by("-post_count", "pk").first()
    assert pages["Forum thread (signed-in member)"] == f"/community/t/{longest.public_id}/"


def test_a_real_category_refuses_the_load_and_replace_loads_the_same_rows(db):
    seed_scale(size="S")

    def rows():
        return {
            "threads": list(Thread.objects.order_by("pk").values_list("public_id", "title")),
            "posts": list(Post.objects.order_by("pk").values_list("thread_id", "number")),
            "accepted": list(Thread.objects.order_by("pk").values_list("accepted_post_id")),
        }

    first = rows()
    real = make_category(slug="real-category", name="A real category")
    with pytest.raises(CommandError, match="community: 1 forum categories"):
        seed_scale(size="S", replace=True)
    assert Category.objects.count() == 14  # nothing was cleared

    real.delete()
    seed_scale(size="S", replace=True)
    assert rows() == first
