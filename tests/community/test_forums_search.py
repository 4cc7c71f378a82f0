"""Searching the forums: every word must appear in a post or in its thread's title (through
the opening post); members search every visible thread, guests the categories open to them;
hidden posts and threads are never found; matches are highlighted in a snippet (escaped);
results are paginated; a search of only symbols or of 10,000 characters is answered with a
message. Two queries for the results whatever their number."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialrx.community.models import Post
from socialrx.community.selectors.forum_search import parse_query, snippet
from tests.community.factories import make_category, make_thread
from tests.community.forums_support import forum_people

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/community/search/"


@pytest.fixture
def people(db):
    return forum_people()


def _numbers(response) -> list[tuple[str, int]]:
    return [(p.thread.title, p.number) for p in response.context["page"].object_list]


def test_the_url():
    assert reverse("community:search") == URL


@pytest.mark.unit
def test_the_query_is_words_once_each_at_most_eight():
    assert parse_query("  Crisis  crisis PLAN, plan! ").words == ("crisis", "plan")
    assert len(parse_query(" ".join(f"w{n}" for n in range(12))).words) == 8
    assert parse_query("").problem == ""


@pytest.mark.unit
@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("%$#@!*&^ ()", "Type a word or two to search for: symbols alone match nothing."),
        (
            "a" * 10_000,
            "Your search is 10,000 characters long: use at most 200 (a few words are enough).",
        ),
    ],
)
def test_symbols_alone_or_a_huge_query_are_refused_with_a_message(raw, problem):
    assert parse_query(raw).problem == problem
    assert parse_query(raw).words == ()


@pytest.mark.unit
def test_the_snippet_is_escaped_and_highlights_every_word():
    text = "Before " * 20 + "we answer <b>crisis</b> posts with a Plan" + " after" * 60

    shown = snippet(text, ("crisis", "plan"))

    assert shown.startswith("… Before")
    assert "we answer &lt;b&gt;<mark>crisis</mark>&lt;/b&gt; posts with a <mark>Plan</mark>" in (
        shown
    )
    assert shown.endswith(" …")


def test_every_word_must_match_in_the_post_or_the_threads_title(client, people):
    category = make_category()
    make_thread(
        category=category,
        author=people.other,
        title="Crisis plan template",
        body="Here is ours.",
        replies=[(people.member, "We adapted the plan for storms.")],
    )
    make_thread(category=category, author=people.other, title="Other", body="No match here.")
    client.force_login(people.member)

    both = client.get(URL, {"q": "crisis plan"})
    storms = client.get(URL, {"q": "plan storms"})

    assert _numbers(both) == [("Crisis plan template", 1)]
    assert _numbers(storms) == [("Crisis plan template", 2)]
    html = both.content.decode()
    assert "<mark>Crisis</mark> <mark>plan</mark> template" in html
    assert "1 post matches “crisis plan”." in html


def test_guests_find_only_open_categories_and_nobody_finds_hidden_posts(client, people):
    open_category = make_category(open_to_guests=True)
    make_thread(category=open_category, author=people.other, title="Open", body="Reels tips")
    make_thread(author=people.other, title="Members", body="Reels tips")
    make_thread(author=people.other, title="Hidden thread", body="Reels tips", is_hidden=True)
    hidden = make_thread(author=people.other, title="Hidden post", body="Nothing")
    Post.objects.create(
        thread=hidden,
        number=2,
        author=people.other,
        body="Reels",
        body_html="",
        search_text="Reels tips",
        is_hidden=True,
    )

    client.force_login(people.guest)
    guest = client.get(URL, {"q": "reels"})
    client.force_login(people.member)
    member = client.get(URL, {"q": "reels"})

    assert _numbers(guest) == [("Open", 1)]
    assert sorted(_numbers(member)) == [("Members", 1), ("Open", 1)]


def test_a_symbols_only_search_shows_the_message(client, people):
    client.force_login(people.member)

    response = client.get(URL, {"q": "%%% ***"})

    assert response.status_code == 200
    assert response.context["page"] is None
    assert "symbols alone match nothing" in response.content.decode()


def test_a_ten_thousand_character_search_shows_the_message(client, people):
    client.force_login(people.member)

    response = client.get(URL, {"q": "word " * 2_000})

    assert response.status_code == 200
    assert "Your search is 9,999 characters long" in response.content.decode()


def test_results_are_paginated_newest_first(client, people):
    thread = make_thread(
        author=people.other,
        body="storm one",
        replies=[(people.other, f"storm {n}") for n in range(2, 24)],
    )
    client.force_login(people.member)

    first = client.get(URL, {"q": "storm"})
    second = client.get(URL, {"q": "storm", "page": "2"})

    assert [n for _, n in _numbers(first)][:3] == [23, 22, 21]
    assert [n for _, n in _numbers(second)] == [3, 2, 1]
    assert 'href="?q=storm&amp;page=2"' in first.content.decode()
    assert thread.last_post_number == 23


@pytest.mark.parametrize("size", [1, 6])
def test_the_results_take_the_same_queries_at_two_sizes(
    client, people, size, django_assert_num_queries
):
    for _ in range(size):
        make_thread(author=people.other, body="budget talk", replies=[(people.member, "budget")])
    client.force_login(people.member)
    client.get(URL)

    with django_assert_num_queries(6):
        response = client.get(URL, {"q": "budget"})

    assert response.context["page"].paginator.count == size * 2
