"""What the library offers other apps' pages (core.related): resources sharing topics and
platforms, best first, only those the person may open; the month's new resources for the
digest; organizations' published case studies."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from socialrx.library.models import Access, CaseStudy, ResourceKind, ResourceStatus
from socialrx.library.related import PROVIDER
from socialrx.taxonomy.models import Platform, Topic
from tests.factories import OrganizationFactory
from tests.library.factories import make_resource, member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CHICAGO = ZoneInfo("America/Chicago")


def _ids(model, field: str, *values: str) -> frozenset[int]:
    return frozenset(model.objects.filter(**{f"{field}__in": values}).values_list("pk", flat=True))


def _taxonomy_corpus():
    make_resource(
        title="Two topics and a platform",
        topics=("crisis-response", "strategy"),
        platforms=("facebook",),
        published_days_ago=20,
    )
    make_resource(
        title="One topic, newer",
        topics=("crisis-response",),
        platforms=("youtube",),
        published_days_ago=2,
    )
    make_resource(
        title="One topic, older", topics=("strategy",), platforms=(), published_days_ago=9
    )
    make_resource(title="Nothing shared", topics=("recruitment",), platforms=("linkedin",))
    make_resource(
        title="Member only",
        access=Access.MEMBER,
        topics=("crisis-response", "strategy"),
        platforms=("facebook",),
    )
    make_resource(
        title="A draft", status=ResourceStatus.DRAFT, topics=("crisis-response", "strategy")
    )


def test_by_taxonomy_scores_shared_topics_and_platforms_for_a_visitor(django_assert_num_queries):
    _taxonomy_corpus()
    topics = _ids(Topic, "slug", "crisis-response", "strategy")
    platforms = _ids(Platform, "code", "facebook")
    with django_assert_num_queries(1):
        items = PROVIDER.by_taxonomy(
            AnonymousUser(), topic_ids=topics, platform_ids=platforms, limit=6
        )

    assert [(item.title, item.score) for item in items] == [
        ("Two topics and a platform", 3),
        ("One topic, newer", 1),
        ("One topic, older", 1),
    ]
    first = items[0]
    assert (first.kind, first.source) == ("Guide", "library")
    assert first.url.startswith("/library/r/")


def test_by_taxonomy_offers_a_member_the_member_resources():
    _taxonomy_corpus()
    _organization, _admin, member = member_org()

    items = PROVIDER.by_taxonomy(
        member,
        topic_ids=_ids(Topic, "slug", "crisis-response", "strategy"),
        platform_ids=_ids(Platform, "code", "facebook"),
        limit=2,
    )

    # Equal scores: the newer first (10 days old against 20).
    assert [(item.title, item.score) for item in items] == [
        ("Member only", 3),
        ("Two topics and a platform", 3),
    ]


def _published_on(day: date, title: str, **fields):
    resource = make_resource(title=title, **fields)
    resource.published_on = day
    resource.save(update_fields=["published_on"])
    return resource


def test_new_between_lists_the_period_s_resources_for_the_digest():
    _published_on(date(2026, 2, 28), "Late February")
    _published_on(date(2026, 3, 1), "First of March")
    _published_on(date(2026, 3, 31), "End of March")
    _published_on(date(2026, 3, 9), "Member guide", access=Access.MEMBER)
    _published_on(date(2026, 4, 1), "April")

    [section] = PROVIDER.new_between(
        datetime(2026, 3, 1, tzinfo=CHICAGO), datetime(2026, 4, 1, tzinfo=CHICAGO), 10
    )

    assert section.title == "New in the library"
    assert [item.title for item in section.items] == [
        "End of March",
        "Member guide",
        "First of March",
    ]


def test_new_between_an_empty_period_has_no_section():
    assert (
        PROVIDER.new_between(
            datetime(2026, 3, 1, tzinfo=CHICAGO), datetime(2026, 4, 1, tzinfo=CHICAGO), 10
        )
        == []
    )


def test_for_organizations_gives_each_its_published_case_studies():
    mercy, other = OrganizationFactory(), OrganizationFactory()
    made = {}

    def case_study(title, organization, **fields):
        resource = make_resource(title=title, kind=ResourceKind.CASE_STUDY, **fields)
        made[title] = resource
        CaseStudy.objects.create(
            resource=resource,
            organization=organization,
            goal="Fill night shifts.",
            approach="LinkedIn posts by nurses.",
            results="12 hires.",
            lessons="Start early.",
        )

    case_study("Mercy recruits", mercy, published_days_ago=3)
    case_study("Mercy older", mercy, published_days_ago=30)
    case_study("Mercy draft", mercy, status=ResourceStatus.DRAFT)
    case_study("Mercy members", mercy, access=Access.MEMBER)
    case_study("Other story", other)
    found = PROVIDER.for_organizations(AnonymousUser(), [mercy.pk])

    assert {key: [item.title for item in items] for key, items in found.items()} == {
        mercy.pk: ["Mercy recruits", "Mercy older"]
    }
    assert found[mercy.pk][0].url == reverse("library:resource", args=[made["Mercy recruits"].slug])


def test_for_organizations_gives_a_member_the_member_case_studies_too():
    mercy = OrganizationFactory()
    resource = make_resource(
        title="Mercy members", kind=ResourceKind.CASE_STUDY, access=Access.MEMBER
    )
    CaseStudy.objects.create(
        resource=resource, organization=mercy, goal="g", approach="a", results="r", lessons="l"
    )
    _organization, _admin, member = member_org()

    found = PROVIDER.for_organizations(member, [mercy.pk])

    assert [item.title for item in found[mercy.pk]] == ["Mercy members"]
