"""The forums' API: members (and staff) list the threads they may read, by category and
searched, and read one thread's posts; a visitor is 401, a signed-in guest 403 (members
only), a thread or category they may not read 404; hidden posts carry no body but for
moderators; a search of only symbols is 400. Constant queries for the list."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from socialrx.accounts.services import create_api_token
from socialrx.community.models import Post, Thread
from tests.community.factories import make_category, make_thread
from tests.community.forums_support import forum_people

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

API = "/api/v1/community"


@pytest.fixture
def people(db):
    return forum_people()


def _token(user) -> dict:
    return {"Authorization": f"Bearer {create_api_token(user=user, name='Forum script')[1]}"}


def test_a_visitor_is_401_and_a_guest_403(client, people):
    thread = make_thread(category=make_category(open_to_guests=True), author=people.other)

    assert client.get(f"{API}/threads").status_code == 401
    client.force_login(people.guest)
    refused = client.get(f"{API}/threads/{thread.public_id}")
    assert refused.status_code == 403
    assert refused.json()["code"] == "members_only"


def test_a_member_lists_threads_latest_first_with_a_bearer_token(client, people):
    facebook = make_category(slug="facebook", name="Facebook")
    older = make_thread(category=facebook, author=people.other, title="Older", kind="question")
    newer = make_thread(
        category=make_category(slug="reels", name="Reels"),
        author=people.member,
        title="Newer",
        replies=[(people.other, "One")],
    )
    make_thread(category=facebook, author=people.other, title="Hidden", is_hidden=True)
    Thread.objects.filter(pk=older.pk).update(
        last_post_at=datetime(2027, 1, 1, tzinfo=UTC),
        accepted_post=Post.objects.get(thread=older),
    )
    Thread.objects.filter(pk=newer.pk).update(last_post_at=datetime(2027, 1, 2, tzinfo=UTC))

    body = client.get(f"{API}/threads", headers=_token(people.member)).json()

    assert (body["count"], body["page"], body["pages"]) == (2, 1, 1)
    assert body["results"][0] == {
        "id": str(newer.public_id),
        "title": "Newer",
        "kind": "discussion",
        "category": {"slug": "reels", "name": "Reels"},
        "author": "Dana Whitfield",
        "replies": 1,
        "last_post_at": "2027-01-02T00:00:00Z",
        "is_locked": False,
        "is_pinned": False,
        "is_answered": False,
    }
    assert (body["results"][1]["title"], body["results"][1]["is_answered"]) == ("Older", True)


def test_threads_are_filtered_by_category_and_words(client, people):
    crisis = make_category(slug="crisis")
    make_thread(category=crisis, author=people.other, title="Storm plan", body="Generators")
    make_thread(category=crisis, author=people.other, title="Other", body="A storm plan too")
    make_thread(author=people.other, title="Storm elsewhere", body="plan")
    client.force_login(people.member)

    body = client.get(f"{API}/threads", {"category": "crisis", "q": "storm plan"}).json()

    assert sorted(r["title"] for r in body["results"]) == ["Other", "Storm plan"]
    assert client.get(f"{API}/threads", {"category": "nope"}).status_code == 404
    bad = client.get(f"{API}/threads", {"q": "%%%"})
    assert (bad.status_code, bad.json()["field"]) == (400, "q")


def test_a_thread_with_its_posts(client, people, staff):
    thread = make_thread(
        author=people.other,
        kind="question",
        body="How **often**?",
        replies=[(people.member, "Daily."), (people.member, "Secret")],
    )
    Post.objects.filter(thread=thread, number=3).update(is_hidden=True)
    Thread.objects.filter(pk=thread.pk).update(
        accepted_post=Post.objects.get(thread=thread, number=2)
    )
    client.force_login(people.member)

    body = client.get(f"{API}/threads/{thread.public_id}").json()

    assert (body["accepted_number"], body["page"], body["pages"]) == (2, 1, 1)
    assert body["posts"][0] == {
        "number": 1,
        "author": "Marcus Oyelaran",
        "author_organization": "Lakeside Family Physicians",
        "created_at": body["posts"][0]["created_at"],
        "edited_at": None,
        "is_hidden": False,
        "is_accepted": False,
        "quoted_number": None,
        "body": "How **often**?",
        "body_html": "<p>How <strong>often</strong>?</p>\n",
        "moderator_note": "",
    }
    assert [p["is_accepted"] for p in body["posts"]] == [False, True, False]
    assert (body["posts"][2]["is_hidden"], body["posts"][2]["body"]) == (True, None)
    client.force_login(staff)
    assert client.get(f"{API}/threads/{thread.public_id}").json()["posts"][2]["body"] == "Secret"


def test_a_thread_one_may_not_read_is_404(client, people):
    hidden = make_thread(author=people.other, is_hidden=True)
    client.force_login(people.member)

    assert client.get(f"{API}/threads/{hidden.public_id}").status_code == 404
    assert client.get(f"{API}/threads/00000000-0000-0000-0000-000000000000").status_code == 404


@pytest.mark.parametrize("size", [1, 5])
def test_the_list_takes_the_same_queries_at_two_sizes(
    client, people, size, django_assert_num_queries
):
    for _ in range(size):
        make_thread(author=people.other, replies=[(people.member, "R")])
    client.force_login(people.member)
    client.get(f"{API}/threads")

    with django_assert_num_queries(6):
        body = client.get(f"{API}/threads").json()

    assert body["count"] == size
