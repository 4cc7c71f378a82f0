"""The community's offer to other apps' pages (core.related): threads of a topic's or a
platform's category for people who may read them, and the month's forum highlights."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from socialrx.community.models import Post
from socialrx.community.related import by_taxonomy, new_between
from socialrx.taxonomy.models import Platform, Topic
from tests.community.factories import make_category, make_thread, member_org
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def crisis_forum():
    topic = Topic.objects.get(slug="crisis-response")
    members = make_category(name="Crisis response", topic=topic)
    guests = make_category(name="Facebook", platform=Platform.objects.get(code="facebook"),
                           open_to_guests=True)  # fmt: skip
    make_category(name="Recruitment", topic=Topic.objects.get(slug="recruitment"))
    return topic, members, guests


def test_members_see_the_threads_of_the_topic_and_platform_categories(crisis_forum):
    topic, members, guests = crisis_forum
    _, _, member = member_org()
    make_thread(category=members, title="Outage updates", author=member)
    make_thread(category=guests, title="Page roles", author=member)
    facebook = Platform.objects.get(code="facebook")

    items = by_taxonomy(member, topic_ids={topic.pk}, platform_ids={facebook.pk})

    assert sorted(item.title for item in items) == ["Outage updates", "Page roles"]
    assert {item.kind for item in items} == {"Discussion"}


def test_a_signed_in_guest_sees_only_the_categories_open_to_guests(crisis_forum):
    topic, members, guests = crisis_forum
    make_thread(category=members, title="Outage updates")
    make_thread(category=guests, title="Page roles")
    guest = UserFactory()
    facebook = Platform.objects.get(code="facebook")

    items = by_taxonomy(guest, topic_ids={topic.pk}, platform_ids={facebook.pk})

    assert [item.title for item in items] == ["Page roles"]
    assert by_taxonomy(AnonymousUser(), topic_ids={topic.pk}, platform_ids={facebook.pk}) == []


def test_highlights_rank_threads_by_new_posts_in_the_period(crisis_forum):
    _, members, _ = crisis_forum
    busy = make_thread(category=members, title="Busy", replies=[(None, "a"), (None, "b")])
    quiet = make_thread(category=members, title="Quiet")
    old = make_thread(category=members, title="Old")
    Post.objects.filter(thread=old).update(created_at=timezone.now() - timedelta(days=60))
    hidden = make_thread(category=members, title="Hidden", is_hidden=True)
    assert hidden.post_count == 1

    now = timezone.now()
    (section,) = new_between(now - timedelta(days=30), now + timedelta(minutes=1), 8)

    assert section.title == "Forum highlights"
    assert [(item.title, item.summary) for item in section.items] == [
        ("Busy", "3 new posts in Crisis response"),
        ("Quiet", "1 new post in Crisis response"),
    ]
    assert quiet.pk != busy.pk
