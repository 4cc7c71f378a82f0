"""The center's news: the public list (newest first, ten a page, no drafts) and a post's
page (a draft is "not found" except for staff), and staff's list, new post and edit pages
(publish now, save as a draft, unpublish; bad input beside the field, never a 500)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialrx.library.models import NewsPost
from tests.library.factories import member_org
from tests.library.news_support import make_post

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

NEW = "/staff/library/news/new/"
FORM = {
    "title": "The library is open",
    "slug": "",
    "summary": "Guides, templates and the podcast in one place.",
    "body": "## What is in it\n\nForty resources.",
}


def test_the_list_shows_published_posts_newest_first_ten_a_page(client):
    for days in range(1, 12):
        make_post(title=f"Published {days} days ago", published_days_ago=days)
    make_post(title="A draft", published_days_ago=None)

    first = client.get("/news/")
    second = client.get("/news/?page=2")

    assert [p.title for p in first.context["page"].object_list] == [
        f"Published {days} days ago" for days in range(1, 11)
    ]
    assert [p.title for p in second.context["page"].object_list] == ["Published 11 days ago"]
    assert "A draft" not in first.content.decode()


@pytest.mark.parametrize("count", [2, 6])
def test_the_list_queries_do_not_grow(client, django_assert_num_queries, count):
    for days in range(1, count + 1):
        make_post(published_days_ago=days)

    with django_assert_num_queries(2):  # the count, the page
        assert client.get("/news/").status_code == 200


def test_a_post_page_shows_its_sanitised_text(client):
    post = make_post(title="Forums are open", body="Ask the network.\n\n<script>x()</script>")

    response = client.get(f"/news/{post.slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="post-title">Forums are open</h1>' in html
    assert "<p>Ask the network.</p>" in html
    assert "<script>x()" not in html
    assert "Edit the post" not in html


def test_a_draft_is_not_found_except_for_staff(client, staff):
    draft = make_post(title="Not ready", published_days_ago=None)
    _, _, member = member_org()

    assert client.get(f"/news/{draft.slug}/").status_code == 404
    client.force_login(member)
    assert client.get(f"/news/{draft.slug}/").status_code == 404
    client.force_login(staff)
    response = client.get(f"/news/{draft.slug}/")
    assert response.status_code == 200
    assert "Only staff see this post until it is published." in response.content.decode()


def test_an_unknown_post_is_not_found(client):
    assert client.get("/news/no-such-post/").status_code == 404


# --- staff --------------------------------------------------------------------------------


def test_staff_list_shows_drafts_first(client, staff):
    make_post(title="Published", published_days_ago=3)
    make_post(title="Draft", published_days_ago=None)
    client.force_login(staff)

    response = client.get("/staff/library/news/")

    assert [p.title for p in response.context["page"].object_list] == ["Draft", "Published"]


def test_staff_publish_a_new_post_now(client, staff):
    client.force_login(staff)

    response = client.post(NEW, FORM | {"action": "publish"})

    post = NewsPost.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("library:staff_news_edit", args=[post.public_id])
    assert post.slug == "the-library-is-open"
    assert post.published_at is not None
    assert client.get("/news/the-library-is-open/").status_code == 200


def test_staff_save_a_draft_then_unpublish_a_published_post(client, staff):
    client.force_login(staff)
    client.post(NEW, FORM | {"action": "save"})
    post = NewsPost.objects.get()
    assert post.published_at is None
    edit = reverse("library:staff_news_edit", args=[post.public_id])
    assert "Publish now" in client.get(edit).content.decode()

    client.post(edit, FORM | {"action": "publish"})
    assert "Unpublish" in client.get(edit).content.decode()
    client.post(edit, FORM | {"action": "unpublish"})

    post.refresh_from_db()
    assert post.published_at is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"title": "Line\nbreak"},
            "title",
            "Use a single line of text: this contains a line break.",
        ),
        (
            {"slug": "has spaces"},
            "slug",
            "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
        ),
        ({"summary": ""}, "summary", "This field is required."),
        (
            {"body": "x" * 50_001},
            "body",
            "Ensure this value has at most 50000 characters (it has 50001).",
        ),
    ],
)
def test_bad_input_is_answered_beside_the_field(client, staff, changes, field, message):
    client.force_login(staff)

    response = client.post(NEW, FORM | changes | {"action": "publish"})

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not NewsPost.objects.exists()


def test_a_taken_address_is_answered_beside_the_field(client, staff):
    make_post(title="Old")  # slug news-N
    taken = NewsPost.objects.get().slug
    client.force_login(staff)

    response = client.post(NEW, FORM | {"slug": taken, "action": "publish"})

    assert response.status_code == 400
    assert response.context["form"].errors["slug"] == [
        "Another news post already has this address: choose another."
    ]
    assert NewsPost.objects.count() == 1


def test_an_unknown_post_id_is_not_found(client, staff):
    client.force_login(staff)

    url = "/staff/library/news/00000000-0000-0000-0000-000000000000/"
    assert client.get(url).status_code == 404
