"""Events' provider for core.related: published events not over yet, scored by the topics and
platforms they share, in one query whatever the data; the digest's upcoming events."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from socialrx.core.related import RelatedItem
from socialrx.events import related
from socialrx.events.models import EventKind, EventStatus
from socialrx.taxonomy.models import Platform, Topic
from tests.events.factories import make_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def tag(event, topics=(), platforms=()):
    event.topics.set(Topic.objects.filter(slug__in=topics))
    event.platforms.set(Platform.objects.filter(code__in=platforms))
    return event


@pytest.fixture
def ids():
    """Crisis response and HIPAA, on Facebook and Instagram."""
    return {
        "topic_ids": set(
            Topic.objects.filter(slug__in=["crisis-response", "hipaa-privacy"]).values_list(
                "pk", flat=True
            )
        ),
        "platform_ids": set(
            Platform.objects.filter(code__in=["facebook", "instagram"]).values_list("pk", flat=True)
        ),
    }


def test_events_sharing_the_most_come_first_then_the_soonest(ids):
    summit = tag(
        make_event(title="Crisis summit", starts_in_days=60),
        ["crisis-response", "hipaa-privacy"],
        ["facebook"],
    )
    tag(
        make_event(title="HIPAA webinar", kind=EventKind.WEBINAR, starts_in_days=10, days=1),
        ["hipaa-privacy"],
    )
    tag(make_event(title="Instagram clinic", starts_in_days=5), [], ["instagram"])
    tag(make_event(title="Recruiting day"), ["recruitment"], ["linkedin"])  # nothing shared
    tag(make_event(title="Draft", status=EventStatus.DRAFT), ["crisis-response"])
    tag(make_event(title="Called off", status=EventStatus.CANCELLED), ["crisis-response"])
    tag(make_event(title="Last month", starts_in_days=-30), ["crisis-response"])

    items = related.by_taxonomy(None, limit=6, **ids)

    assert [(item.kind, item.title, item.score) for item in items] == [
        ("Conference", "Crisis summit", 3),
        ("Conference", "Instagram clinic", 1),
        ("Webinar", "HIPAA webinar", 1),
    ]
    assert items[0] == RelatedItem(
        kind="Conference",
        title="Crisis summit",
        url=f"/events/{summit.slug}/",
        summary="Crisis summit: two days on social media in health care.",
        when=summit.starts_at,
        score=3,
        source="events",
    )


def test_an_event_running_now_is_still_offered(ids):
    tag(make_event(title="Today", starts_in_days=-1, days=3), ["crisis-response"])
    assert [item.title for item in related.by_taxonomy(None, limit=6, **ids)] == ["Today"]


def test_the_limit_holds(ids):
    for n in range(4):
        tag(make_event(title=f"Event {n}", starts_in_days=10 + n), ["crisis-response"])
    assert [item.title for item in related.by_taxonomy(None, limit=2, **ids)] == [
        "Event 0",
        "Event 1",
    ]


def test_nothing_asked_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert related.by_taxonomy(None, topic_ids=(), platform_ids=()) == []


@pytest.mark.parametrize("count", [1, 5])
def test_one_query_whatever_the_events(ids, count, django_assert_num_queries):
    for n in range(count):
        tag(
            make_event(title=f"Event {n}"),
            ["crisis-response", "hipaa-privacy"],
            ["facebook", "instagram"],
        )

    with django_assert_num_queries(1):
        items = related.by_taxonomy(None, limit=6, **ids)

    assert [item.score for item in items] == [4] * count


# --- the digest -------------------------------------------------------------------------------


def test_the_digest_lists_the_events_still_open_for_registration(django_assert_num_queries):
    now = timezone.now()
    since, until = now - timedelta(days=30), now
    later = make_event(title="Autumn conference", starts_in_days=90)
    soon = make_event(title="Spring webinar", kind=EventKind.WEBINAR, starts_in_days=14, days=1)
    make_event(title="Closed", starts_in_days=20, registration_closes_at=now - timedelta(hours=1))
    make_event(title="A draft", status=EventStatus.DRAFT)
    make_event(title="Called off", status=EventStatus.CANCELLED)
    make_event(title="Running now", starts_in_days=-1, days=3)

    with django_assert_num_queries(1):
        sections = related.new_between(since, until, 8)

    assert [(s.title, s.order, [i.title for i in s.items]) for s in sections] == [
        ("Upcoming events", 40, ["Spring webinar", "Autumn conference"]),
    ]
    assert [item.url for item in sections[0].items] == [
        f"/events/{soon.slug}/",
        f"/events/{later.slug}/",
    ]


def test_a_digest_without_events_has_no_section():
    assert related.new_between(timezone.now() - timedelta(days=30), timezone.now(), 8) == []
