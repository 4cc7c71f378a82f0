"""The dashboard's "New in the library" panel: for people who read member resources, the five
newest published resources, those since their last library visit marked "New"; nothing for
visitors and people of no member organization. Two queries besides the reader's tiers."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from socialrx.library.models import Access, LibraryVisit, ResourceStatus
from socialrx.library.panels_catalog import new_in_library
from tests.factories import UserFactory
from tests.library.factories import make_resource, member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CHICAGO = ZoneInfo("America/Chicago")


def _request(rf, user):
    request = rf.get("/dashboard/")
    request.user = user
    return request


def test_visitors_and_non_members_get_no_panel(rf):
    make_resource(title="Open guide")

    assert new_in_library(_request(rf, AnonymousUser())) is None
    assert new_in_library(_request(rf, UserFactory())) is None


def test_a_member_sees_the_newest_with_those_since_the_last_visit_marked(
    rf, django_assert_num_queries
):
    for days, title in [(1, "Yesterday"), (4, "Four days"), (8, "Eight days"), (9, "Nine days")]:
        make_resource(title=title, published_days_ago=days, access=Access.MEMBER)
    make_resource(title="Ten days", published_days_ago=10)
    make_resource(title="Old", published_days_ago=30)
    make_resource(title="Draft", status=ResourceStatus.DRAFT)
    _organization, _admin, member = member_org()
    LibraryVisit.objects.create(
        user=member, last_seen_at=datetime.now(tz=CHICAGO) - timedelta(days=5)
    )
    request = _request(rf, member)
    new_in_library(request)  # the reader's tiers, cached for the request

    with django_assert_num_queries(2):
        context = new_in_library(request)

    assert [(item.title, is_new) for item, is_new in context["items"]] == [
        ("Yesterday", True),
        ("Four days", True),
        ("Eight days", False),
        ("Nine days", False),
        ("Ten days", False),
    ]
    html = render_to_string("library/panels/new_in_library.html", context)
    assert html.count('<span class="badge badge-success">New</span>') == 2
    assert html.count('<span class="badge">Members</span>') == 4
