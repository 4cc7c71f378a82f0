"""A category's page: its threads pinned first then by last activity, 25 a page, each with its
kind ("Answered" on a question with an accepted answer), author and organization, replies,
last post time, "New" or "N new" from the reader's ThreadRead, and a "Locked" badge; hidden
threads for moderators only; "New thread" for those who may post; following the category
(idempotent); a category the reader may not read is "not found". Constant queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from socialrx.community.models import DirectoryProfile, Follow, Post, Thread, ThreadRead
from socialrx.organizations.models import Seat
from tests.community.factories import make_category, make_thread
from tests.community.forums_support import forum_people

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

START = datetime(2027, 1, 1, tzinfo=UTC)


@pytest.fixture
def people(db):
    return forum_people()


def _url(category, page: int | None = None) -> str:
    url = reverse("community:category", args=[category.slug])
    return f"{url}?page={page}" if page else url


def _at(thread, hours: int) -> None:
    Thread.objects.filter(pk=thread.pk).update(last_post_at=START + timedelta(hours=hours))


def test_threads_are_pinned_first_then_by_last_activity(client, people):
    category = make_category(slug="crisis")
    early = make_thread(category=category, author=people.other, title="Early")
    late = make_thread(category=category, author=people.other, title="Late")
    pinned = make_thread(category=category, author=people.other, title="Pinned", is_pinned=True)
    _at(early, 1), _at(late, 5), _at(pinned, 0)
    client.force_login(people.member)

    response = client.get(_url(category))

    assert response.status_code == 200
    assert [t.title for t in response.context["page"].object_list] == ["Pinned", "Late", "Early"]
    assert reverse("community:category", args=["crisis"]) == "/community/c/crisis/"


def test_twenty_five_threads_a_page(client, people):
    category = make_category()
    for hour in range(27):
        _at(make_thread(category=category, author=people.other, title=f"Thread {hour}"), hour)
    client.force_login(people.member)

    first = client.get(_url(category)).context["page"]
    second = client.get(_url(category, 2)).context["page"]

    assert len(first.object_list) == 25
    assert [t.title for t in second.object_list] == ["Thread 1", "Thread 0"]
    assert first.paginator.num_pages == 2


def test_each_row_shows_kind_badges_author_organization_replies_and_unread(client, people):
    category = make_category()
    question = make_thread(
        category=category,
        author=people.other,
        title="Which tool?",
        kind="question",
        replies=[(people.member, "A."), (people.other, "B."), (people.member, "C.")],
    )
    Thread.objects.filter(pk=question.pk).update(
        accepted_post=Post.objects.get(thread=question, number=2), is_locked=True
    )
    ThreadRead.objects.create(user=people.member, thread=question, last_read_number=1)
    make_thread(category=category, author=None, title="Never opened")
    client.force_login(people.member)

    response = client.get(_url(category))

    html = response.content.decode()
    rows = {t.title: t for t in response.context["page"].object_list}
    assert (rows["Which tool?"].new_count, rows["Which tool?"].is_new) == (3, False)
    assert rows["Never opened"].is_new is True
    assert (
        '<span class="badge">Question</span><span class="badge badge-success">Answered</span>'
        '<span class="badge badge-warning">Locked</span>'
    ) in html
    url = reverse("community:thread", args=[question.public_id])
    assert f'<a class="badge badge-brand" href="{url}?page=1#post-2">3 new' in html
    assert '<span class="badge badge-brand">New</span>' in html
    assert "Marcus Oyelaran<span" in html
    assert '<span class="small muted forum-org">Lakeside Family Physicians</span>' in html
    assert '<td class="numeric" data-label="Replies">3</td>' in html
    assert "A former member" in html


def test_the_organization_shown_is_the_one_the_directory_entry_names(client, people):
    category = make_category()
    second_org = Seat.objects.create(
        user=people.other, organization=make_org("Alpine Clinic")
    ).organization
    DirectoryProfile.objects.create(user=people.other, organization=second_org)
    make_thread(category=category, author=people.other)
    client.force_login(people.member)

    thread = client.get(_url(category)).context["page"].object_list[0]

    assert thread.author_organization == "Alpine Clinic"


def make_org(name: str):
    from tests.factories import OrganizationFactory  # noqa: PLC0415 - only this test

    return OrganizationFactory(name=name)


def test_hidden_threads_are_listed_for_moderators_only(client, people, staff):
    category = make_category()
    make_thread(category=category, author=people.other, title="Hidden one", is_hidden=True)
    make_thread(category=category, author=people.other, title="Visible one")

    client.force_login(people.member)
    member_titles = [t.title for t in client.get(_url(category)).context["page"].object_list]
    client.force_login(staff)
    staff_titles = [t.title for t in client.get(_url(category)).context["page"].object_list]

    assert member_titles == ["Visible one"]
    assert sorted(staff_titles) == ["Hidden one", "Visible one"]


def test_a_guest_reads_an_open_category_without_the_new_thread_button(client, people):
    open_one = make_category(open_to_guests=True)
    closed = make_category()
    client.force_login(people.guest)

    open_page = client.get(_url(open_one))

    assert open_page.status_code == 200
    assert "New thread" not in open_page.content.decode()
    assert client.get(_url(closed)).status_code == 404
    assert client.get("/community/c/no-such-category/").status_code == 404


def test_a_member_sees_the_new_thread_button(client, people):
    category = make_category(slug="reels")
    client.force_login(people.member)

    html = client.get(_url(category)).content.decode()

    assert '<a class="button" href="/community/c/reels/new/">New thread</a>' in html


def test_following_a_category_is_a_toggle_and_idempotent(client, people):
    category = make_category(name="Facebook")
    client.force_login(people.member)
    url = reverse("community:follow_category", args=[category.slug])

    first = client.post(url, {"follow": "1"})
    client.post(url, {"follow": "1"})

    assert first.status_code == 302
    assert first.headers["Location"] == _url(category)
    assert Follow.objects.filter(user=people.member, category=category).count() == 1
    page = client.get(_url(category))
    assert page.context["category"].is_followed is True
    assert "Stop following" in page.content.decode()

    client.post(url, {"follow": "0"})
    client.post(url, {"follow": "0"})
    assert Follow.objects.filter(user=people.member).count() == 0


@pytest.mark.parametrize("size", [1, 5])
def test_the_page_reads_the_same_number_of_queries_at_two_sizes(
    client, people, size, django_assert_num_queries
):
    category = make_category()
    for number in range(size):
        thread = make_thread(category=category, author=people.other, replies=[(people.member, "R")])
        if number % 2:
            ThreadRead.objects.create(user=people.member, thread=thread, last_read_number=1)
    client.force_login(people.member)
    client.get(_url(category))

    with django_assert_num_queries(9):
        response = client.get(_url(category))

    assert len(response.context["page"].object_list) == size
