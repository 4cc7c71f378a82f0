"""The forums' index: categories grouped (General, By platform, By topic, By organization
type) with their description, counts, last activity and an "Unread posts" marker exactly when
one of their visible threads has posts the reader has not read; a guest sees the categories
open to guests and how many more members see; a visitor is sent to sign in. The latest
threads are listed. Queries do not grow with the number of categories and threads."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from socialrx.community.models import CategoryGrouping, Thread, ThreadRead
from tests.community.factories import make_category, make_thread
from tests.community.forums_support import forum_people

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/community/"


@pytest.fixture
def people(db):
    return forum_people()


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_url_is_community():
    assert reverse("community:home") == URL


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/login/?next=/community/"


def test_a_member_sees_every_category_grouped_in_order(client, people):
    make_category(name="Hospitals", grouping=CategoryGrouping.ORGANIZATION_TYPE)
    make_category(name="Facebook", grouping=CategoryGrouping.PLATFORM)
    make_category(name="Crisis response", grouping=CategoryGrouping.TOPIC)
    make_category(name="Welcome", open_to_guests=True)
    client.force_login(people.member)

    response = client.get(URL)

    groups = [
        (group.label, [c.name for c in group.categories])
        for group in response.context["index"].groups
    ]
    assert groups == [
        ("General", ["Welcome"]),
        ("By platform", ["Facebook"]),
        ("By topic", ["Crisis response"]),
        ("By organization type", ["Hospitals"]),
    ]
    html = _html(response)
    assert "Members see" not in html
    assert '<span class="badge">Open to guests</span>' in html


def test_a_category_shows_description_counts_and_last_activity(client, people):
    category = make_category(name="Crisis response")
    make_thread(category=category, author=people.other, replies=[(people.other, "One.")])
    make_thread(category=category, author=people.other)
    category.refresh_from_db()
    category.last_post_at = datetime(2027, 2, 3, 18, 0, tzinfo=UTC)
    category.save(update_fields=["last_post_at"])
    client.force_login(people.member)

    html = _html(client.get(URL))

    assert "<p>Sharing what worked.</p>" in html
    assert '2 threads · 3 posts · Last activity <time datetime="2027-02-03T12:00:00-06:00">' in html
    assert "Feb 3, 2027</time>" in html


def test_a_guest_sees_the_open_categories_and_how_many_more_members_see(client, people):
    make_category(name="Welcome", open_to_guests=True)
    make_category(name="Ask the network")
    make_category(name="Facebook", grouping=CategoryGrouping.PLATFORM)
    client.force_login(people.guest)

    response = client.get(URL)

    names = [c.name for group in response.context["index"].groups for c in group.categories]
    assert names == ["Welcome"]
    html = _html(response)
    assert "Members see 2 more categories." in html
    assert "Ask the network" not in html
    assert f'<a href="{reverse("membership:member_benefits")}">Become a member</a>' in html


def _unread_names(response) -> list[str]:
    return [
        c.name
        for group in response.context["index"].groups
        for c in group.categories
        if c.has_unread
    ]


def test_the_unread_marker_follows_what_the_reader_read(client, people):
    read_all = make_category(name="Read to the end")
    behind = make_category(name="One reply behind")
    never = make_category(name="Never opened")
    make_category(name="Empty")
    hidden_only = make_category(name="Only a hidden thread")
    done = make_thread(category=read_all, author=people.other, replies=[(people.other, "2")])
    late = make_thread(category=behind, author=people.other, replies=[(people.other, "2")])
    make_thread(category=never, author=people.other)
    make_thread(category=hidden_only, author=people.other, is_hidden=True)
    ThreadRead.objects.create(user=people.member, thread=done, last_read_number=2)
    ThreadRead.objects.create(user=people.member, thread=late, last_read_number=1)
    # Someone else's reading changes nothing for this reader.
    ThreadRead.objects.create(user=people.other, thread=late, last_read_number=2)
    client.force_login(people.member)

    response = client.get(URL)

    assert _unread_names(response) == ["Never opened", "One reply behind"]
    assert '<span class="badge badge-brand">Unread posts</span>' in _html(response)


def test_recent_threads_are_the_latest_active_visible_ones(client, people):
    category = make_category()
    older = make_thread(category=category, author=people.other, title="Older thread")
    newer = make_thread(category=category, author=people.other, title="Newer thread")
    make_thread(category=category, author=people.other, title="Hidden thread", is_hidden=True)
    Thread.objects.filter(pk=older.pk).update(last_post_at=datetime(2027, 1, 1, tzinfo=UTC))
    Thread.objects.filter(pk=newer.pk).update(last_post_at=datetime(2027, 1, 2, tzinfo=UTC))
    closed = make_category(name="Members only")
    members = make_thread(category=closed, author=people.other, title="Members-only thread")
    Thread.objects.filter(pk=members.pk).update(last_post_at=datetime(2027, 1, 3, tzinfo=UTC))
    client.force_login(people.member)

    recent = client.get(URL).context["index"].recent

    assert [t.title for t in recent] == ["Members-only thread", "Newer thread", "Older thread"]


def _world(size: int, people):
    for number in range(size):
        category = make_category(
            name=f"Category {number}", open_to_guests=number == 0, grouping="topic"
        )
        for _ in range(size):
            make_thread(category=category, author=people.other, replies=[(people.member, "R")])


@pytest.mark.parametrize("size", [1, 4])
def test_the_page_reads_the_same_number_of_queries_at_two_sizes(
    client, people, size, django_assert_num_queries
):
    _world(size, people)
    client.force_login(people.member)
    client.get(URL)  # the session's first request settles what it caches

    with django_assert_num_queries(6):
        response = client.get(URL)

    assert len(response.context["index"].recent) == min(size * size, 8)
