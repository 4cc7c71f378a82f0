"""Training's provider for core.related: published courses and boot camps not over yet, scored
by the topics and platforms they share, in two queries whatever the data; the digest's new
courses and boot camps open for registration."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from django.utils import timezone

from socialrx.core.related import RelatedItem
from socialrx.taxonomy.models import Platform, Topic
from socialrx.training import related
from socialrx.training.models import Certificate, CertificateKind, Course
from tests.factories import OrganizationFactory, SeatFactory, UserFactory
from tests.training.factories import make_boot_camp, make_course

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def topic(slug):
    return Topic.objects.get(slug=slug)


def platform(code):
    return Platform.objects.get(code=code)


def tag(item, topics=(), platforms=()):
    item.topics.set([topic(slug) for slug in topics])
    item.platforms.set([platform(code) for code in platforms])
    return item


@pytest.fixture
def ids():
    """The taxonomy a resource page asks about: crisis response and policy, on Facebook and X."""
    return {
        "topic_ids": {topic("crisis-response").pk, topic("policy-legal").pk},
        "platform_ids": {platform("facebook").pk, platform("x").pk},
    }


def test_courses_and_boot_camps_sharing_the_most_come_first(ids):
    three = tag(
        make_course(title="Crisis policy on Facebook"),
        ["crisis-response", "policy-legal"],
        ["facebook"],
    )
    tag(make_course(title="Crisis basics"), ["crisis-response"], ["youtube"])
    tag(make_course(title="Recruiting on LinkedIn"), ["recruitment"], ["linkedin"])  # none shared
    tag(make_course(title="Draft crisis course", published=False), ["crisis-response"])
    camp = tag(
        make_boot_camp(title="Crisis boot camp", starts_in_days=20),
        ["crisis-response", "policy-legal"],
        ["facebook", "x"],
    )
    tag(make_boot_camp(title="Draft camp", status="draft"), ["crisis-response"])
    tag(make_boot_camp(title="Cancelled camp", status="cancelled"), ["crisis-response"])

    items = related.by_taxonomy(None, limit=6, **ids)

    assert [(item.kind, item.title, item.score) for item in items] == [
        ("Course", "Crisis policy on Facebook", 3),
        ("Course", "Crisis basics", 1),
        ("Boot camp", "Crisis boot camp", 4),
    ]
    assert items[0] == RelatedItem(
        kind="Course",
        title="Crisis policy on Facebook",
        url="/training/courses/crisis-policy-on-facebook/",
        summary="Set up, staff and run a page patients trust.",
        when=three.first_published_at,
        score=3,
        source="training",
    )
    assert items[2].url == "/training/boot-camps/crisis-boot-camp/"
    assert items[2].when == camp.days.order_by("starts_at").first().starts_at


def test_a_boot_camp_that_is_over_is_not_offered(ids):
    tag(make_boot_camp(title="Last month", starts_in_days=-30), ["crisis-response"])
    assert related.by_taxonomy(None, limit=6, **ids) == []


def test_an_archived_course_is_not_offered(ids):
    course = tag(make_course(title="Old crisis course"), ["crisis-response"])
    Course.objects.filter(pk=course.pk).update(status="archived")
    assert related.by_taxonomy(None, limit=6, **ids) == []


def test_the_limit_holds_for_each_kind(ids):
    for n in range(3):
        tag(make_course(title=f"Crisis course {n}"), ["crisis-response"])
        tag(make_boot_camp(title=f"Crisis camp {n}", starts_in_days=10 + n), ["crisis-response"])

    items = related.by_taxonomy(None, limit=2, **ids)

    assert [item.title for item in items] == [
        "Crisis course 2",  # equal scores: the newest course
        "Crisis course 1",
        "Crisis camp 0",  # and the soonest boot camp
        "Crisis camp 1",
    ]


def test_platforms_alone_are_enough():
    tag(make_course(title="Facebook course"), ["recruitment"], ["facebook"])

    items = related.by_taxonomy(None, topic_ids=set(), platform_ids={platform("facebook").pk})

    assert [(item.title, item.score) for item in items] == [("Facebook course", 1)]


def test_nothing_asked_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert related.by_taxonomy(None, topic_ids=set(), platform_ids=set()) == []


@pytest.mark.parametrize("each", [1, 4])
def test_two_queries_whatever_the_catalogue(ids, each, django_assert_num_queries):
    for n in range(each):
        tag(
            make_course(title=f"Course {n}", with_quiz=False),
            ["crisis-response"],
            ["x", "facebook"],
        )
        tag(make_boot_camp(title=f"Camp {n}"), ["policy-legal", "crisis-response"], ["x"])

    with django_assert_num_queries(2):
        items = related.by_taxonomy(None, limit=6, **ids)

    assert len(items) == 2 * each


# --- the digest -------------------------------------------------------------------------------


def test_the_digest_has_the_new_courses_and_the_open_boot_camps(django_assert_num_queries):
    now = timezone.now()
    since, until = now - timedelta(days=30), now + timedelta(minutes=1)
    new = make_course(title="New this month", with_quiz=False)
    old = make_course(title="Published long ago", with_quiz=False)
    Course.objects.filter(pk=old.pk).update(first_published_at=now - timedelta(days=90))
    make_course(title="Not published", published=False, with_quiz=False)
    later = make_boot_camp(title="In two months", starts_in_days=60)
    soon = make_boot_camp(title="In three weeks", starts_in_days=21)
    make_boot_camp(title="Registration closed", starts_in_days=5)  # closes a week before
    make_boot_camp(title="A draft", status="draft")

    with django_assert_num_queries(2):
        sections = related.new_between(since, until, 8)

    assert [(s.title, s.order, [i.title for i in s.items]) for s in sections] == [
        ("New courses", 20, ["New this month"]),
        ("Boot camps open for registration", 30, ["In three weeks", "In two months"]),
    ]
    assert sections[0].items[0].url == f"/training/courses/{new.slug}/"
    assert [i.url for i in sections[1].items] == [
        f"/training/boot-camps/{soon.slug}/",
        f"/training/boot-camps/{later.slug}/",
    ]


def test_a_quiet_month_has_no_sections():
    assert related.new_between(timezone.now() - timedelta(days=30), timezone.now(), 8) == []


def test_the_provider_offers_both():
    assert related.PROVIDER.by_taxonomy is related.by_taxonomy
    assert related.PROVIDER.new_between is related.new_between


def _certificate(person, kind, *, revoked=False):
    return Certificate.objects.create(
        code=f"TEST-{uuid.uuid4().hex[:12]}",
        kind=kind,
        person=person,
        recipient_name=person.full_name or "Someone",
        title="Social media basics",
        source_public_id=uuid.uuid4(),
        hours=2,
        completed_on=date(2026, 10, 1),
        revoked_at=timezone.now() if revoked else None,
    )


def test_people_trained_counts_seated_people_with_a_training_certificate_once(
    django_assert_num_queries,
):
    riverside, lakeside, nobody = (
        OrganizationFactory(),
        OrganizationFactory(),
        OrganizationFactory(),
    )
    ana, ben, cal, dee = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    for person in (ana, ben, cal):
        SeatFactory(organization=riverside, user=person)
    SeatFactory(organization=lakeside, user=ana)
    SeatFactory(organization=nobody, user=dee)
    _certificate(ana, CertificateKind.COURSE)
    _certificate(ana, CertificateKind.BOOT_CAMP)  # ana twice: still one person
    _certificate(ben, CertificateKind.ONSITE)
    _certificate(cal, CertificateKind.COURSE, revoked=True)  # revoked: not trained
    _certificate(dee, CertificateKind.EVENT)  # attending a conference is not training

    with django_assert_num_queries(1):
        trained = related.PROVIDER.extra["people_trained"]([riverside.pk, lakeside.pk, nobody.pk])

    # Riverside: ana and ben (cal's is revoked); Lakeside: ana; the third: nobody.
    assert trained == {riverside.pk: 2, lakeside.pk: 1}
