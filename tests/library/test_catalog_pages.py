"""The library's pages: the catalogue (every published resource listed to everyone with its
access badge), a resource's page (whole for who may open it, a teaser for a published member
or premium one, 404 for the rest but staff and contributors), the reader's history, "most used
this month" and "new since your last visit". Query counts are pinned at 5 and 30 resources."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from socialrx.library.models import Access, DailyUse, ReaderHistory, ResourceStatus, UseKind
from tests.factories import UserFactory
from tests.library.factories import make_resource, member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HOME = reverse("library:home")
CHICAGO = ZoneInfo("America/Chicago")


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _three_levels():
    make_resource(title="Open guide", access=Access.PUBLIC, published_days_ago=3)
    make_resource(title="Member checklist", access=Access.MEMBER, published_days_ago=2)
    make_resource(title="Premium template", access=Access.PREMIUM, published_days_ago=1)


# --- the catalogue -----------------------------------------------------------------------------


def test_a_visitor_sees_every_published_resource_with_its_badge(client):
    _three_levels()
    make_resource(title="Unfinished draft", status=ResourceStatus.DRAFT)

    page = _page(client.get(HOME))

    assert "3 resources, the newest first." in page
    assert "Unfinished draft" not in page
    assert page.count('<span class="badge badge-success">Public</span>') == 1
    assert page.count('<span class="badge badge-brand">Members</span>') == 1
    assert page.count('<span class="badge badge-warning">Premium</span>') == 1
    assert page.count("sign in to open") == 2
    assert (
        page.index("Premium template") < page.index("Member checklist") < page.index("Open guide")
    )


def test_a_member_without_premium_opens_member_resources_but_not_premium_ones(client):
    _three_levels()
    _organization, _admin, member = member_org()
    client.force_login(member)

    page = _page(client.get(HOME))

    assert "sign in to open" not in page
    assert page.count("for premium members only") == 1
    assert "for members only" not in page


def _home_queries(count: int, django_assert_num_queries, client, expected: int, **query):
    for number in range(count):
        make_resource(
            title=f"Crisis guide {number}",
            access=(Access.PUBLIC, Access.MEMBER, Access.PREMIUM)[number % 3],
            topics=("crisis-response", "strategy"),
            platforms=("facebook",),
            published_days_ago=number,
        )
    with django_assert_num_queries(expected):
        client.get(HOME, query)


@pytest.mark.parametrize("count", [5, 30])
def test_the_catalogue_takes_the_same_queries_for_5_and_30_resources(
    count, client, django_assert_num_queries
):
    # Topics, platforms, audiences; five facets; the count; the page; its topics; most used.
    _home_queries(count, django_assert_num_queries, client, 12, q="crisis", topic="strategy")


@pytest.mark.parametrize("count", [5, 30])
def test_the_catalogue_of_a_member_takes_the_same_queries_for_5_and_30_resources(
    count, client, django_assert_num_queries
):
    _organization, _admin, member = member_org()
    client.force_login(member)
    client.get(HOME)  # the first visit is noted
    # Besides the visitor's 12: the session, the person, their center roles, their seats and
    # memberships (tiers), the visit.
    _home_queries(count, django_assert_num_queries, client, 18)


def test_a_query_of_only_symbols_lists_everything_with_a_message(client):
    _three_levels()

    page = _page(client.get(HOME, {"q": "%$#@!*&^ -- ??"}))

    assert "a search of only symbols or punctuation finds nothing" in page
    assert "3 resources, the newest first." in page


def test_a_10000_character_query_is_cut_to_200_with_a_message(client):
    make_resource(title="Crisis guide")

    page = _page(client.get(HOME, {"q": "crisis " + "x" * 9993}))

    assert "only its first 200 characters were used" in page
    assert "0 resources for" in page


def test_control_characters_and_unknown_filters_are_left_out_with_a_reason(client):
    make_resource(title="Storm guide", topics=("crisis-response",))

    page = _page(client.get(HOME, {"q": "cri\x1bsis\x07 guide", "topic": ["nope"], "page": "x"}))

    assert "Topic “nope” is not one the library uses; it was left out." in page
    # (A NUL byte is refused by the core middleware with a 400 before any page.)
    assert "0 resources for “cri sis guide”" in page


def test_facets_are_a_form_that_works_without_javascript(client):
    _three_levels()

    page = _page(client.get(HOME, {"access": "member"}))

    assert (
        '<input type="checkbox" form="library-search" name="access" value="member" '
        'id="facet-access-2" checked>'
    ) in page
    assert "1 resource with the chosen filters, the newest first." in page


# --- most used this month, new since the last visit --------------------------------------------


@time_machine.travel(datetime(2026, 3, 20, 12, 0, tzinfo=CHICAGO), tick=False)
def test_most_used_this_month_counts_this_calendar_month_only(client):
    guide = make_resource(title="Busy guide")
    checklist = make_resource(title="Steady checklist")
    old = make_resource(title="Popular last month")
    rows = [
        (guide, date(2026, 3, 1), UseKind.VIEW, 4),
        (guide, date(2026, 3, 19), UseKind.DOWNLOAD, 3),
        (checklist, date(2026, 3, 20), UseKind.VIEW, 5),
        (old, date(2026, 2, 28), UseKind.VIEW, 90),
    ]
    for resource, day, kind, count in rows:
        DailyUse.objects.create(resource=resource, day=day, kind=kind, count=count)

    page = _page(client.get(HOME))

    section = page[page.index("Most used this month") :]
    assert 'Busy guide</a> <span class="small muted">Guide, 7 uses' in section
    assert 'Steady checklist</a> <span class="small muted">Guide, 5 uses' in section
    assert section.index("Busy guide") < section.index("Steady checklist")
    assert "Popular last month" not in section


def test_new_since_the_last_visit_survives_reloads(client):
    _organization, _admin, member = member_org()
    client.force_login(member)
    start = datetime(2026, 3, 2, 9, 0, tzinfo=CHICAGO)
    with time_machine.travel(start, tick=False):
        assert "New since your last visit" not in _page(client.get(HOME))
    with time_machine.travel(start + timedelta(days=1), tick=False):
        make_resource(title="Fresh checklist", published_days_ago=0)
    with time_machine.travel(start + timedelta(days=1, hours=2), tick=False):
        first = _page(client.get(HOME))
    with time_machine.travel(start + timedelta(days=1, hours=2, minutes=20), tick=False):
        reloaded = _page(client.get(HOME))
    with time_machine.travel(start + timedelta(days=1, hours=4), tick=False):
        later = _page(client.get(HOME))

    for page in (first, reloaded):
        new = page[page.index("New since your last visit") : page.index('id="results-title"')]
        assert "Fresh checklist" in new
    assert "Nothing new since your last visit on 3 March 2026." in later


# --- a resource --------------------------------------------------------------------------------


def _url(resource) -> str:
    return reverse("library:resource", args=[resource.slug])


def test_a_public_resource_opens_to_a_visitor(client):
    resource = make_resource(
        title="Open guide",
        body="## Steps\n\nAnswer within the hour. <script>alert(1)</script>",
        minutes=12,
        reviewed_on=date(2026, 1, 15),
        topics=("crisis-response",),
    )

    page = _page(client.get(_url(resource)))

    assert "<h2>Steps</h2>" in page
    assert "<script>alert(1)</script>" not in page
    assert "12 min read" in page
    assert "Last reviewed" in page
    assert "Crisis response" in page


def test_a_member_resource_is_a_teaser_for_a_visitor(client):
    resource = make_resource(
        title="Member checklist", access=Access.MEMBER, body="The secret steps inside."
    )

    page = _page(client.get(_url(resource)))

    assert "Members only" in page
    assert "sign in or become a member" in page
    assert f"/accounts/login/?next={_url(resource)}" in page
    assert reverse("membership:pricing") in page
    assert "The secret steps inside." not in page
    assert resource.summary in page


def test_a_member_opens_a_member_resource_and_sees_the_credit(client):
    organization, _admin, member = member_org(name="Mercy Regional Hospital")
    resource = make_resource(
        title="Member checklist",
        access=Access.MEMBER,
        body="The steps inside.",
        contributed_by_organization=organization,
    )
    client.force_login(member)

    page = _page(client.get(_url(resource)))

    assert "The steps inside." in page
    assert "Contributed by Mercy Regional Hospital" in page


def test_a_member_without_premium_gets_the_premium_teaser(client):
    resource = make_resource(title="Premium template", access=Access.PREMIUM, body="Inside.")
    _organization, _admin, member = member_org()
    client.force_login(member)

    page = _page(client.get(_url(resource)))

    assert "Premium members only" in page
    assert "does not include premium resources" in page
    assert "Inside." not in page


def test_a_premium_member_opens_a_premium_resource(client):
    resource = make_resource(title="Premium template", access=Access.PREMIUM, body="Inside.")
    _organization, _admin, member = member_org(tiers=("public", "member", "premium"))
    client.force_login(member)

    assert "Inside." in _page(client.get(_url(resource)))


@pytest.mark.parametrize("status", [ResourceStatus.DRAFT, ResourceStatus.WITHDRAWN])
def test_an_unpublished_resource_is_not_found_but_for_staff(status, client, staff):
    resource = make_resource(title="Hidden", status=status, body="Inside.")
    _organization, _admin, member = member_org()

    visitor = client.get(_url(resource))
    client.force_login(member)
    as_member = client.get(_url(resource))
    client.force_login(staff)
    as_staff = _page(client.get(_url(resource)))

    assert visitor.status_code == 404
    assert as_member.status_code == 404
    assert "Preview: this resource is" in as_staff
    assert "Inside." in as_staff


def test_the_author_of_a_draft_contribution_sees_it(client):
    author = UserFactory()
    resource = make_resource(title="My draft", status=ResourceStatus.DRAFT, author=author)
    client.force_login(author)

    assert "Preview: this resource is draft" in _page(client.get(_url(resource)))


def test_an_unknown_resource_is_not_found(client):
    assert client.get(reverse("library:resource", args=["no-such-thing"])).status_code == 404


def test_opening_a_resource_counts_a_view_and_keeps_the_history(client):
    resource = make_resource(title="Open guide")
    _organization, _admin, member = member_org()

    client.get(_url(resource))
    client.force_login(member)
    client.get(_url(resource))

    resource.refresh_from_db()
    assert resource.use_count == 2
    assert list(DailyUse.objects.values_list("kind", "count")) == [("view", 2)]
    assert list(ReaderHistory.objects.values_list("user_id", "resource_id")) == [
        (member.pk, resource.pk)
    ]


def test_a_teaser_counts_no_view(client):
    resource = make_resource(title="Member checklist", access=Access.MEMBER)

    client.get(_url(resource))

    resource.refresh_from_db()
    assert resource.use_count == 0


@pytest.mark.parametrize("count", [5, 30])
def test_a_resource_page_takes_the_same_queries_whatever_the_library(
    count, client, django_assert_num_queries
):
    for number in range(count):
        make_resource(title=f"Neighbour {number}", topics=("crisis-response",))
    resource = make_resource(title="Open guide", topics=("crisis-response",))
    # The resource, its files, topics, platforms, audiences (5); the related items of every
    # provider: courses, boot camps, events, resources (4); the day's first view counted
    # (savepoint, update, savepoint, insert, release, use count, release: 7).
    with django_assert_num_queries(16):
        client.get(_url(resource))


# --- the reader's history ----------------------------------------------------------------------


def test_the_history_is_the_readers_own_newest_first(client):
    first = make_resource(title="Read first")
    second = make_resource(title="Read second")
    withdrawn = make_resource(title="Gone since")
    _organization, _admin, member = member_org()
    other = UserFactory()
    moments = [(first, 1), (withdrawn, 2), (second, 3)]
    for resource, hour in moments:
        ReaderHistory.objects.create(
            user=member,
            resource=resource,
            last_opened_at=datetime(2026, 3, 2, hour, tzinfo=CHICAGO),
        )
    ReaderHistory.objects.create(
        user=other, resource=first, last_opened_at=datetime(2026, 3, 2, 5, tzinfo=CHICAGO)
    )
    withdrawn.status = ResourceStatus.WITHDRAWN
    withdrawn.save(update_fields=["status"])
    client.force_login(member)

    page = _page(client.get(reverse("library:history")))

    assert page.index("Read second") < page.index("Gone since") < page.index("Read first")
    assert 'Gone since <span class="small muted">(no longer available)</span>' in page
    assert page.count("<tr>") == 4  # the head and three rows


def test_the_history_asks_a_visitor_to_sign_in(client):
    response = client.get(reverse("library:history"))

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")
